"""Progress as a trainee and a facilitator see it: locks that explain themselves, ticks that
survive edits, phases that other apps can plug in, and query counts that do not grow."""

import datetime

import pytest
from django.utils import timezone

from learning import phases, services
from learning.models import Enrolment, EnrolmentStatus, LessonCompletion, Phase
from learning.phases import PhaseProgress
from learning.selectors.course import syllabus_for
from learning.selectors.editions import current_edition, edition_of, enrolment_for
from learning.selectors.progress import cohort_progress, dashboard_for, progress_for
from learning.selectors.reflections import reflections_for, shared_reflections
from tests.cms.factories import UserFactory
from tests.learning.factories import (
    EditionPageFactory,
    EnrolmentFactory,
    LessonPageFactory,
    ModulePageFactory,
)

pytestmark = pytest.mark.django_db


def enrolment_of(user):
    return Enrolment.objects.get(user=user)


def days(n: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=n)


# What a trainee sees ------------------------------------------------------------------------


def test_a_new_trainee_sees_where_to_start_and_what_is_locked(trainee, lessons):
    progress = progress_for(enrolment=enrolment_of(trainee))

    first, second = progress.modules
    assert [state.lesson.title for state in first.lessons] == [
        "What functions",
        "Why context matters",
    ]
    assert (first.required_done, first.required_total, first.percent) == (0, 2, 0)
    assert not first.locked
    assert second.locked
    assert second.lock_reason == (
        "Opens once you complete every required lesson of the module “Functioning practices”."
    )
    assert all(state.lock_reason == second.lock_reason for state in second.lessons)
    assert progress.next_lesson.lesson == lessons["what"]
    assert progress.percent == 0
    assert not progress.complete


def test_progress_counts_required_lessons_per_module_and_phase(trainee, lessons):
    enrolment = enrolment_of(trainee)
    services.lesson_complete(enrolment=enrolment, lesson=lessons["what"])

    progress = progress_for(enrolment=enrolment)

    assert progress.modules[0].percent == 50
    pre_training = progress.phase(Phase.PRE_TRAINING)
    assert pre_training.summary == "1 of 3 required lessons"
    assert pre_training.percent == 33
    assert progress.next_lesson.lesson == lessons["why"]
    assert progress.lesson_state(lessons["what"]).completed
    assert progress.module_of(lessons["why"]).module.title == "Functioning practices"


def test_what_is_missing_names_each_lesson_and_the_residential_course(trainee, lessons):
    enrolment = enrolment_of(trainee)
    services.lesson_complete(enrolment=enrolment, lesson=lessons["what"])

    missing = progress_for(enrolment=enrolment).missing

    assert missing[:2] == [
        "Complete the lesson “Why context matters” in “Functioning practices”.",
        "Complete the lesson “What transfers” in “Transferability”.",
    ]
    assert missing[2].startswith("Attend the residential course in Training centre, Turin")
    assert len(missing) == 3


def test_the_follow_up_is_shown_as_not_tracked_and_does_not_block(trainee, facilitator, lessons):
    enrolment = enrolment_of(trainee)
    for key in ("what", "why", "transfer"):
        services.lesson_complete(enrolment=enrolment, lesson=lessons[key])
    services.residential_attendance_set(
        enrolment=enrolment, by=facilitator, attended=True, on=enrolment.edition.residential_start
    )

    progress = progress_for(enrolment=enrolment)

    follow_up = progress.phase(Phase.FOLLOW_UP)
    assert not follow_up.tracked
    assert not follow_up.complete
    assert follow_up.summary == "Not tracked on the platform yet."
    assert progress.phase(Phase.RESIDENTIAL).summary.startswith("Attendance confirmed on ")
    assert progress.complete
    assert progress.percent == 100
    assert progress.missing == []
    assert progress.next_lesson.lesson == lessons["extra"]  # only the optional one is left


# Sequencing at its edges --------------------------------------------------------------------


def test_a_module_released_in_the_future_says_when_it_opens(trainee, edition):
    release = timezone.make_aware(datetime.datetime.now() + datetime.timedelta(days=30))
    release = release.replace(hour=0, minute=0, second=0, microsecond=0)
    module = ModulePageFactory(parent=edition, title="Later", release_at=release)
    LessonPageFactory(parent=module)

    state = progress_for(enrolment=enrolment_of(trainee)).modules[0]

    assert state.lock_reason == f"Opens on {release.day} {release:%B %Y}."
    assert state.lessons[0].locked


def test_a_module_released_in_the_past_is_open(trainee, edition):
    module = ModulePageFactory(parent=edition, release_at=days(-1))
    lesson = LessonPageFactory(parent=module)

    progress = progress_for(enrolment=enrolment_of(trainee))

    assert not progress.modules[0].locked
    assert progress.next_lesson.lesson == lesson


def test_a_release_time_is_shown_when_it_is_not_midnight(trainee, edition):
    release = timezone.localtime(days(3)).replace(hour=9, minute=30, second=0, microsecond=0)
    ModulePageFactory(parent=edition, release_at=release)

    reason = progress_for(enrolment=enrolment_of(trainee)).modules[0].lock_reason

    assert reason.endswith(", 09:30.")


def test_completing_the_previous_module_opens_the_next(trainee, lessons):
    enrolment = enrolment_of(trainee)
    services.lesson_complete(enrolment=enrolment, lesson=lessons["what"])
    assert progress_for(enrolment=enrolment).modules[1].locked

    services.lesson_complete(enrolment=enrolment, lesson=lessons["why"])

    progress = progress_for(enrolment=enrolment)
    assert progress.modules[0].complete
    assert not progress.modules[1].locked
    assert progress.next_lesson.lesson == lessons["transfer"]


def test_optional_lessons_of_the_previous_module_do_not_block(trainee, lessons, edition):
    third = ModulePageFactory(parent=edition, title="Mainstreaming", requires_previous=True)
    LessonPageFactory(parent=third)
    enrolment = enrolment_of(trainee)
    for key in ("what", "why", "transfer"):
        services.lesson_complete(enrolment=enrolment, lesson=lessons[key])

    progress = progress_for(enrolment=enrolment)

    assert not progress.modules[1].lessons[1].completed  # the optional lesson
    assert not progress.modules[2].locked


def test_both_rules_are_explained_when_both_lock(trainee, lessons, module_two):
    module_two.release_at = days(10)
    module_two.save_revision().publish()

    reason = progress_for(enrolment=enrolment_of(trainee)).modules[1].lock_reason

    assert reason.startswith("Opens on ")
    assert "“Functioning practices”" in reason


def test_an_unpublished_module_is_skipped_by_the_sequence(trainee, edition):
    first = ModulePageFactory(parent=edition, title="First")
    LessonPageFactory(parent=first)
    draft = ModulePageFactory(parent=edition, title="Draft", live=False)
    LessonPageFactory(parent=draft)
    third = ModulePageFactory(parent=edition, title="Third", requires_previous=True)
    LessonPageFactory(parent=third)

    progress = progress_for(enrolment=enrolment_of(trainee))

    assert [item.module.title for item in progress.modules] == ["First", "Third"]
    assert "“First”" in progress.modules[1].lock_reason


def test_unpublished_lessons_do_not_count(trainee, module_one):
    LessonPageFactory(parent=module_one, title="Published")
    LessonPageFactory(parent=module_one, title="Draft", live=False)

    module = progress_for(enrolment=enrolment_of(trainee)).modules[0]

    assert [state.lesson.title for state in module.lessons] == ["Published"]
    assert module.required_total == 1


def test_a_module_without_required_lessons_counts_as_complete(trainee, edition):
    module = ModulePageFactory(parent=edition)
    LessonPageFactory(parent=module, is_required=False)

    state = progress_for(enrolment=enrolment_of(trainee)).modules[0]

    assert state.complete
    assert state.percent == 100


# Completion records survive edits -----------------------------------------------------------


def test_a_completed_lesson_stays_complete_and_is_flagged_after_an_edit(trainee, lessons):
    lesson = lessons["what"]
    lesson.save_revision().publish()
    enrolment = enrolment_of(trainee)
    services.lesson_complete(enrolment=enrolment, lesson=lesson)
    assert not progress_for(enrolment=enrolment).lesson_state(lesson).updated_since_completion

    lesson.refresh_from_db()
    lesson.title = "What functions, revised"
    lesson.save_revision().publish()

    state = progress_for(enrolment=enrolment).lesson_state(lesson)
    assert state.completed
    assert state.updated_since_completion
    assert state.lesson.title == "What functions, revised"
    assert LessonCompletion.objects.filter(enrolment=enrolment, lesson=lesson).count() == 1


def test_a_draft_edit_does_not_flag_the_lesson(trainee, lessons):
    lesson = lessons["what"]
    lesson.save_revision().publish()
    enrolment = enrolment_of(trainee)
    services.lesson_complete(enrolment=enrolment, lesson=lesson)

    lesson.refresh_from_db()
    lesson.title = "Not yet published"
    lesson.save_revision()

    assert not progress_for(enrolment=enrolment).lesson_state(lesson).updated_since_completion


def test_a_lesson_first_published_after_completion_is_flagged(trainee, lessons):
    lesson = lessons["what"]  # created without a revision: nothing to pin
    enrolment = enrolment_of(trainee)
    completion = services.lesson_complete(enrolment=enrolment, lesson=lesson)
    assert completion.revision_id is None
    LessonCompletion.objects.filter(pk=completion.pk).update(completed_at=days(-1))

    lesson.save_revision().publish()

    assert progress_for(enrolment=enrolment).lesson_state(lesson).updated_since_completion


# The syllabus, the dashboard, the cohort ----------------------------------------------------


def test_the_syllabus_locks_by_release_date_only(edition, lessons, module_one):
    later = ModulePageFactory(parent=edition, title="Later", release_at=days(5))

    syllabus = syllabus_for(edition=edition)

    assert [item.module.title for item in syllabus] == [
        "Functioning practices",
        "Transferability",
        "Later",
    ]
    assert not syllabus[1].locked  # nobody is enrolled: no previous module to complete
    assert syllabus[2].locked
    assert syllabus[2].module == later
    assert not any(state.completed for item in syllabus for state in item.lessons)


def test_the_dashboard_lists_every_enrolment_newest_edition_first(trainee, academy, edition):
    older = EditionPageFactory(
        parent=academy,
        title="Turin 2014",
        slug="turin-2014",
        turin_2014=True,
    )
    EnrolmentFactory(user=trainee, edition=older, status=EnrolmentStatus.COMPLETED)

    dashboard = dashboard_for(user=trainee)

    assert [item.edition.title for item in dashboard] == ["Turin 2027", "Turin 2014"]
    assert dashboard[1].enrolment.status == EnrolmentStatus.COMPLETED


def test_a_visitor_has_an_empty_dashboard():
    from django.contrib.auth.models import AnonymousUser

    assert dashboard_for(user=AnonymousUser()) == []


def test_the_cohort_holds_active_trainees_and_filters_by_status(
    trainee, applicant, edition, lessons
):
    withdrawn = EnrolmentFactory(edition=edition, status=EnrolmentStatus.WITHDRAWN)
    services.lesson_complete(enrolment=enrolment_of(trainee), lesson=lessons["what"])

    cohort = cohort_progress(edition=edition)
    pending = cohort_progress(edition=edition, status=EnrolmentStatus.APPLIED)

    assert [item.enrolment.user for item in cohort] == [trainee]
    assert cohort[0].modules[0].required_done == 1
    assert [item.enrolment.user for item in pending] == [applicant]
    assert withdrawn.user not in [item.enrolment.user for item in cohort]


def test_the_current_edition_is_the_next_one_to_run(academy, edition):
    EditionPageFactory(
        parent=academy,
        title="Past",
        turin_2014=True,
    )
    next_year = {
        name: getattr(edition, name) + datetime.timedelta(days=365)
        for name in (
            "pre_training_start",
            "pre_training_end",
            "residential_start",
            "residential_end",
            "follow_up_start",
            "follow_up_end",
        )
    }
    EditionPageFactory(parent=academy, title="Later", **next_year)

    assert current_edition() == edition


def test_without_a_running_edition_the_latest_is_current(academy):
    past = EditionPageFactory(
        parent=academy,
        turin_2014=True,
    )
    EditionPageFactory(
        parent=academy,
        title="Older",
        pre_training_start=datetime.date(2012, 1, 9),
        pre_training_end=datetime.date(2012, 2, 10),
        residential_start=datetime.date(2012, 2, 13),
        residential_end=datetime.date(2012, 2, 17),
        follow_up_start=datetime.date(2012, 2, 18),
        follow_up_end=datetime.date(2012, 5, 31),
    )

    assert current_edition() == past


def test_enrolment_for_a_visitor_is_none(edition):
    from django.contrib.auth.models import AnonymousUser

    assert enrolment_for(user=AnonymousUser(), edition=edition) is None


def test_reflections_are_private_until_shared(trainee, edition, module_one):
    lesson = LessonPageFactory(
        parent=module_one,
        body=[
            {"type": "reflection", "id": "a", "value": {"prompt": "<p>One</p>", "required": True}},
            {"type": "reflection", "id": "b", "value": {"prompt": "<p>Two</p>", "required": True}},
        ],
    )
    enrolment = enrolment_of(trainee)
    services.reflection_save(
        enrolment=enrolment, lesson=lesson, block_id="a", text="Mine", shared=False
    )
    services.reflection_save(
        enrolment=enrolment, lesson=lesson, block_id="b", text="Ours", shared=True
    )

    assert {item.text for item in reflections_for(enrolment=enrolment)} == {"Mine", "Ours"}
    assert [item.text for item in shared_reflections(edition=edition)] == ["Ours"]


# Pluggable phases ---------------------------------------------------------------------------


class FollowUpPosts:
    """A stand-in for the community's provider: one post, decided by the test, completes the
    follow-up."""

    phase = Phase.FOLLOW_UP

    def __init__(self, done_by: set[int]):
        self.done_by = done_by

    def progress(self, *, edition, enrolments, modules):
        return {
            enrolment.pk: PhaseProgress(
                phase=self.phase,
                label="Follow-up",
                tracked=True,
                required_total=1,
                required_done=int(enrolment.pk in self.done_by),
                summary="",
                missing=[] if enrolment.pk in self.done_by else ["Post in the follow-up forum."],
            )
            for enrolment in enrolments
        }


@pytest.fixture
def follow_up_provider():
    # The community registers the real provider: the stand-in replaces it for the test only.
    registered = phases.providers().get(Phase.FOLLOW_UP)
    provider = FollowUpPosts(set())
    phases.register(provider)
    yield provider
    if registered is None:
        phases.unregister(Phase.FOLLOW_UP)
    else:
        phases.register(registered)


def test_a_registered_phase_counts_without_changing_the_computation(
    trainee, facilitator, lessons, follow_up_provider
):
    enrolment = enrolment_of(trainee)
    for key in ("what", "why", "transfer"):
        services.lesson_complete(enrolment=enrolment, lesson=lessons[key])
    services.residential_attendance_set(
        enrolment=enrolment, by=facilitator, attended=True, on=enrolment.edition.residential_start
    )

    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ACCEPTED
    assert progress_for(enrolment=enrolment).missing == ["Post in the follow-up forum."]

    follow_up_provider.done_by.add(enrolment.pk)
    services.enrolment_refresh_status(enrolment=enrolment)

    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED


# Query budgets: the same at two sizes -------------------------------------------------------


def build_course(edition, *, modules: int, lessons_per_module: int):
    built = []
    for number in range(modules):
        module = ModulePageFactory(parent=edition, requires_previous=number > 0)
        built.extend(
            LessonPageFactory(parent=module, is_required=index % 3 != 2)
            for index in range(lessons_per_module)
        )
    return built


# ... and the residential attendance: the agenda's required items, then those attended (2).
PROGRESS_BUDGET = 6  # enrolment's edition, modules, lessons, completions, attendance
DASHBOARD_BUDGET = 4  # enrolments with their editions, modules, lessons, completions
COHORT_BUDGET = 6  # enrolments with their people, modules, lessons, completions, attendance


@pytest.mark.parametrize(("modules", "lessons_per_module"), [(2, 2), (4, 10)])
def test_progress_runs_a_fixed_number_of_queries(
    trainee, edition, modules, lessons_per_module, django_assert_max_num_queries
):
    course = build_course(edition, modules=modules, lessons_per_module=lessons_per_module)
    enrolment = enrolment_of(trainee)
    LessonCompletion.objects.bulk_create(
        LessonCompletion(enrolment=enrolment, lesson=lesson) for lesson in course[::2]
    )
    enrolment = Enrolment.objects.get(pk=enrolment.pk)

    with django_assert_max_num_queries(PROGRESS_BUDGET):
        progress = progress_for(enrolment=enrolment)
        assert sum(len(module.lessons) for module in progress.modules) == len(course)
        assert progress.next_lesson is not None


@pytest.mark.parametrize(("editions", "lessons_per_module"), [(1, 2), (3, 10)])
def test_the_dashboard_runs_a_fixed_number_of_queries(
    academy, editions, lessons_per_module, django_assert_max_num_queries
):
    person = UserFactory()
    for _number in range(editions):
        edition = EditionPageFactory(parent=academy)
        course = build_course(edition, modules=4, lessons_per_module=lessons_per_module)
        enrolment = EnrolmentFactory(user=person, edition=edition)
        LessonCompletion.objects.bulk_create(
            LessonCompletion(enrolment=enrolment, lesson=lesson) for lesson in course[:3]
        )

    with django_assert_max_num_queries(DASHBOARD_BUDGET):
        dashboard = dashboard_for(user=person)
        assert len(dashboard) == editions
        assert all(item.modules[0].required_done == 2 for item in dashboard)


@pytest.mark.parametrize("trainees", [5, 200])
def test_the_cohort_runs_a_fixed_number_of_queries(
    edition, trainees, django_assert_max_num_queries
):
    course = build_course(edition, modules=4, lessons_per_module=3)
    users = UserFactory.create_batch(trainees, password=None)
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(
            user=user,
            edition=edition,
            status=EnrolmentStatus.ACCEPTED,
            organisation="City",
            role="Officer",
            city="Ghent",
            country="Belgium",
        )
        for user in users
    )
    LessonCompletion.objects.bulk_create(
        LessonCompletion(enrolment=enrolment, lesson=lesson)
        for number, enrolment in enumerate(enrolments)
        for lesson in course[: number % len(course)]
    )

    with django_assert_max_num_queries(COHORT_BUDGET):
        cohort = cohort_progress(edition=edition)
        assert len(cohort) == trainees
        assert {str(item.enrolment.user) for item in cohort}
        assert [item.percent for item in cohort]


def test_a_lesson_knows_its_edition_in_one_query(
    edition, lessons, module_one, django_assert_num_queries
):
    with django_assert_num_queries(1):
        assert edition_of(page=lessons["transfer"]) == edition
    assert edition_of(page=module_one) == edition
    assert edition_of(page=edition) == edition
    assert edition_of(page=edition.get_parent()) is None


# ----------------------------------------------------------------------- the overall figure


def measured(phase: Phase, done: int, total: int) -> PhaseProgress:
    return PhaseProgress(
        phase=phase, label=str(phase.label), tracked=True, required_done=done, required_total=total
    )


@pytest.mark.parametrize(
    ("figures", "overall"),
    [
        # Each tracked phase weighs the same, whatever its number of steps.
        ([(2, 3), (0, 1)], 33),
        ([(40, 40), (0, 1)], 50),
        # Exact shares, rounded down once: two thirds and one third make half, not 49%.
        ([(2, 3), (1, 3)], 50),
        ([(1, 3), (1, 3)], 33),
        ([(3, 3), (1, 1)], 100),
        # A tracked phase with nothing required is done.
        ([(0, 0), (0, 1)], 50),
    ],
)
def test_overall_is_the_mean_of_the_tracked_phases_rounded_down(figures, overall):
    measured_phases = [
        measured(phase, done, total)
        for phase, (done, total) in zip(
            [Phase.PRE_TRAINING, Phase.RESIDENTIAL], figures, strict=True
        )
    ]

    assert phases.overall_percent(measured_phases) == overall


def test_untracked_phases_do_not_count_in_overall():
    assert (
        phases.overall_percent(
            [measured(Phase.PRE_TRAINING, 1, 2), phases.untracked(Phase.FOLLOW_UP)]
        )
        == 50
    )
    assert phases.overall_percent([phases.untracked(Phase.FOLLOW_UP)]) == 0
