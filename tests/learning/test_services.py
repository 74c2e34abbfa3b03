"""Enrolment, completion, knowledge checks, reflections, attendance and certificates, told as the
stories of the people who use them: each refusal leaves nothing behind."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from learning import services
from learning.models import (
    MAX_REFLECTION_LENGTH,
    Certificate,
    CheckAttempt,
    Enrolment,
    EnrolmentMode,
    EnrolmentStatus,
    LessonCompletion,
    Reflection,
)
from learning.selectors.progress import progress_for
from tests.cms.factories import UserFactory
from tests.learning.conftest import verified
from tests.learning.factories import (
    EditionPageFactory,
    EnrolmentFactory,
    LessonPageFactory,
    knowledge_check,
)

pytestmark = [pytest.mark.django_db, pytest.mark.shared_academy]

APPLICATION = {
    "organisation": "City of Vejle",
    "role": "Integration officer",
    "city": "Vejle",
    "country": "Denmark",
    "motivation": "We are starting a one-stop shop for newcomers.",
}

PROMPT = {"prompt": "<p>Which practice in your city functions, and why there?</p>"}


def active_lesson(module, *, reflection_required=True, check=True, pass_mark=50):
    """A lesson with a reflection prompt and a knowledge check, with fixed block ids."""
    body = [{"type": "paragraph", "id": "intro", "value": "<p>Read this first.</p>"}]
    body.append(
        {
            "type": "reflection",
            "id": "reflect",
            "value": {**PROMPT, "required": reflection_required},
        }
    )
    if check:
        body.append(
            {
                "type": "knowledge_check",
                "id": "check",
                "value": knowledge_check(pass_mark=pass_mark),
            }
        )
    return LessonPageFactory(parent=module, title="Practise", slug="practise", body=body)


def enrolment_of(user):
    return Enrolment.objects.get(user=user)


RIGHT = {"q1": ["q1-right"], "q2": ["q2-right"]}
HALF = {"q1": ["q1-right"], "q2": ["q2-wrong"]}
WRONG = {"q1": ["q1-wrong"], "q2": ["q2-wrong"]}


# Applying -----------------------------------------------------------------------------------


def test_a_verified_member_applies_and_is_told_by_email(
    member, edition, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = services.enrolment_apply(user=member, edition=edition, **APPLICATION)

    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.APPLIED
    assert enrolment.organisation == "City of Vejle"
    assert mail.outbox[0].to == ["member@example.org"]
    assert "Turin 2027" in mail.outbox[0].subject
    assert "/academy/turin-2027/" in mail.outbox[0].body
    assert "/learning/dashboard/" in mail.outbox[0].body


def test_an_open_edition_enrols_at_once(member, edition, django_capture_on_commit_callbacks):
    edition.enrolment_mode = EnrolmentMode.OPEN
    edition.save()

    with django_capture_on_commit_callbacks(execute=True):
        enrolment = services.enrolment_apply(user=member, edition=edition, **APPLICATION)

    assert enrolment.status == EnrolmentStatus.ACCEPTED
    assert enrolment.decided_at is not None
    assert "enrolled" in mail.outbox[0].subject


def test_an_unverified_member_must_confirm_their_address_first(edition):
    user = UserFactory(email="unverified@example.org")

    with pytest.raises(ValidationError, match="Confirm your e-mail address"):
        services.enrolment_apply(user=user, edition=edition, **APPLICATION)

    assert not Enrolment.objects.exists()


def test_a_visitor_cannot_apply(edition):
    with pytest.raises(ValidationError, match="Sign in"):
        services.enrolment_apply(user=AnonymousUser(), edition=edition, **APPLICATION)

    assert not Enrolment.objects.exists()


def test_applying_twice_is_refused_and_keeps_one_application(
    member, edition, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_apply(user=member, edition=edition, **APPLICATION)
        with pytest.raises(ValidationError, match="already applied"):
            services.enrolment_apply(user=member, edition=edition, **APPLICATION)

    assert Enrolment.objects.filter(user=member).count() == 1
    assert len(mail.outbox) == 1


def test_an_accepted_trainee_cannot_apply_again(trainee, edition):
    with pytest.raises(ValidationError, match="already enrolled"):
        services.enrolment_apply(user=trainee, edition=edition, **APPLICATION)

    assert enrolment_of(trainee).status == EnrolmentStatus.ACCEPTED


def test_a_closed_edition_refuses_applications(member, edition):
    edition.enrolment_closes = timezone.localdate() - datetime.timedelta(days=1)
    edition.save()

    with pytest.raises(ValidationError, match="closed"):
        services.enrolment_apply(user=member, edition=edition, **APPLICATION)

    assert not Enrolment.objects.filter(user=member).exists()


def test_a_full_edition_refuses_applications(member, trainee, edition):
    edition.capacity = 1
    edition.save()

    with pytest.raises(ValidationError, match="full"):
        services.enrolment_apply(user=member, edition=edition, **APPLICATION)

    assert not Enrolment.objects.filter(user=member).exists()


def test_an_application_with_a_blank_organisation_is_refused(member, edition):
    with pytest.raises(ValidationError) as error:
        services.enrolment_apply(
            user=member, edition=edition, **{**APPLICATION, "organisation": "   "}
        )

    assert "organisation" in error.value.message_dict
    assert not Enrolment.objects.exists()


def test_someone_who_withdrew_applies_again_with_the_same_enrolment(member, edition):
    first = services.enrolment_apply(user=member, edition=edition, **APPLICATION)
    services.enrolment_withdraw(enrolment=first)

    again = services.enrolment_apply(
        user=member, edition=edition, **{**APPLICATION, "city": "Aarhus"}
    )

    assert again.pk == first.pk
    again.refresh_from_db()
    assert again.status == EnrolmentStatus.APPLIED
    assert again.city == "Aarhus"
    assert again.withdrawn_at is None


# Deciding -----------------------------------------------------------------------------------


def test_a_facilitator_accepts_an_application_and_the_applicant_hears(
    applicant, facilitator, edition, django_capture_on_commit_callbacks
):
    enrolment = enrolment_of(applicant)

    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_accept(
            enrolment=enrolment, decided_by=facilitator, note="Welcome aboard."
        )

    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ACCEPTED
    assert enrolment.decided_by == facilitator
    assert mail.outbox[0].to == ["applicant@example.org"]
    assert "accepted" in mail.outbox[0].subject
    assert "Welcome aboard." in mail.outbox[0].body


def test_accepting_into_a_full_edition_is_refused(
    applicant, trainee, facilitator, edition, django_capture_on_commit_callbacks
):
    edition.capacity = 1
    edition.save()
    enrolment = enrolment_of(applicant)

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError, match="full"),
    ):
        services.enrolment_accept(enrolment=enrolment, decided_by=facilitator)

    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.APPLIED
    assert mail.outbox == []


def test_accepting_twice_is_refused(applicant, facilitator):
    enrolment = enrolment_of(applicant)
    services.enrolment_accept(enrolment=enrolment, decided_by=facilitator)

    with pytest.raises(ValidationError, match="already been accepted"):
        services.enrolment_accept(enrolment=enrolment, decided_by=facilitator)


def test_a_withdrawn_application_cannot_be_accepted(applicant, facilitator):
    enrolment = enrolment_of(applicant)
    services.enrolment_withdraw(enrolment=enrolment)

    with pytest.raises(ValidationError, match="Withdrawn"):
        services.enrolment_accept(enrolment=enrolment, decided_by=facilitator)

    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.WITHDRAWN


def test_a_declined_applicant_hears_with_the_note(
    applicant, facilitator, django_capture_on_commit_callbacks
):
    enrolment = enrolment_of(applicant)

    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_decline(
            enrolment=enrolment, decided_by=facilitator, note="Places went to city officials."
        )

    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.DECLINED
    assert mail.outbox[0].to == ["applicant@example.org"]
    assert "Places went to city officials." in mail.outbox[0].body


def test_declining_a_completed_enrolment_is_refused(trainee, facilitator):
    enrolment = enrolment_of(trainee)
    Enrolment.objects.filter(pk=enrolment.pk).update(status=EnrolmentStatus.COMPLETED)

    with pytest.raises(ValidationError):
        services.enrolment_decline(enrolment=enrolment, decided_by=facilitator)

    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED


def test_a_trainee_withdraws_and_frees_the_place(trainee, member, edition):
    edition.capacity = 1
    edition.save()

    services.enrolment_withdraw(enrolment=enrolment_of(trainee))
    services.enrolment_apply(user=member, edition=edition, **APPLICATION)

    assert enrolment_of(trainee).status == EnrolmentStatus.WITHDRAWN
    assert enrolment_of(trainee).withdrawn_at is not None
    assert enrolment_of(member).status == EnrolmentStatus.APPLIED


def test_withdrawing_twice_is_refused(trainee):
    enrolment = enrolment_of(trainee)
    services.enrolment_withdraw(enrolment=enrolment)

    with pytest.raises(ValidationError):
        services.enrolment_withdraw(enrolment=enrolment)


# Completing lessons -------------------------------------------------------------------------


def test_completing_a_lesson_pins_the_revision_the_trainee_saw(trainee, lessons):
    lesson = lessons["what"]
    revision = lesson.save_revision()
    revision.publish()
    lesson.refresh_from_db()

    completion = services.lesson_complete(enrolment=enrolment_of(trainee), lesson=lesson)

    assert completion.revision_id == revision.pk
    assert completion.completed_at is not None


def test_two_clicks_make_one_completion(trainee, lessons):
    enrolment = enrolment_of(trainee)

    first = services.lesson_complete(enrolment=enrolment, lesson=lessons["what"])
    second = services.lesson_complete(enrolment=enrolment, lesson=lessons["what"])

    assert first.pk == second.pk
    assert LessonCompletion.objects.filter(enrolment=enrolment).count() == 1


def test_a_locked_lesson_cannot_be_completed_by_posting_directly(trainee, lessons):
    enrolment = enrolment_of(trainee)

    with pytest.raises(ValidationError, match="“Functioning practices”"):
        services.lesson_complete(enrolment=enrolment, lesson=lessons["transfer"])

    assert not LessonCompletion.objects.exists()


def test_a_lesson_of_another_edition_cannot_be_completed(other_trainee, lessons):
    with pytest.raises(ValidationError, match="not part of your edition"):
        services.lesson_complete(enrolment=enrolment_of(other_trainee), lesson=lessons["what"])

    assert not LessonCompletion.objects.exists()


def test_an_applicant_cannot_complete_lessons(applicant, lessons):
    with pytest.raises(ValidationError, match="accepted trainees"):
        services.lesson_complete(enrolment=enrolment_of(applicant), lesson=lessons["what"])

    assert not LessonCompletion.objects.exists()


def test_a_lesson_with_a_required_reflection_needs_an_answer_first(trainee, module_one):
    lesson = active_lesson(module_one, check=False)
    enrolment = enrolment_of(trainee)

    with pytest.raises(ValidationError, match="Answer the reflection prompt"):
        services.lesson_complete(enrolment=enrolment, lesson=lesson)
    assert not LessonCompletion.objects.exists()

    services.reflection_save(
        enrolment=enrolment, lesson=lesson, block_id="reflect", text="Vejle.", shared=False
    )
    services.lesson_complete(enrolment=enrolment, lesson=lesson)
    assert LessonCompletion.objects.filter(enrolment=enrolment, lesson=lesson).exists()


def test_an_optional_reflection_does_not_hold_the_lesson(trainee, module_one):
    lesson = active_lesson(module_one, check=False, reflection_required=False)

    services.lesson_complete(enrolment=enrolment_of(trainee), lesson=lesson)

    assert LessonCompletion.objects.filter(lesson=lesson).exists()


def test_a_lesson_with_a_check_cannot_be_marked_done_before_passing(trainee, module_one):
    lesson = active_lesson(module_one, reflection_required=False)

    with pytest.raises(ValidationError, match="Pass the knowledge check"):
        services.lesson_complete(enrolment=enrolment_of(trainee), lesson=lesson)

    assert not LessonCompletion.objects.exists()


# Knowledge checks ---------------------------------------------------------------------------


def test_passing_a_check_completes_the_lesson_when_nothing_else_is_missing(trainee, module_one):
    lesson = active_lesson(module_one, reflection_required=False)
    enrolment = enrolment_of(trainee)

    result = services.check_submit(
        enrolment=enrolment, lesson=lesson, block_id="check", answers=RIGHT
    )

    assert result.passed
    assert result.score == 100
    assert [question.is_correct for question in result.questions] == [True, True]
    assert "What works depends" in result.questions[0].explanation_html
    assert result.attempt.pk is not None
    assert LessonCompletion.objects.filter(enrolment=enrolment, lesson=lesson).exists()


def test_a_failed_attempt_is_stored_and_the_lesson_stays_open(trainee, module_one):
    lesson = active_lesson(module_one, reflection_required=False, pass_mark=60)
    enrolment = enrolment_of(trainee)

    result = services.check_submit(
        enrolment=enrolment, lesson=lesson, block_id="check", answers=HALF
    )

    assert result.score == 50
    assert not result.passed
    assert CheckAttempt.objects.get().answers == HALF
    assert not LessonCompletion.objects.exists()


def test_every_attempt_is_kept(trainee, module_one):
    lesson = active_lesson(module_one, reflection_required=False)
    enrolment = enrolment_of(trainee)

    services.check_submit(enrolment=enrolment, lesson=lesson, block_id="check", answers=WRONG)
    services.check_submit(enrolment=enrolment, lesson=lesson, block_id="check", answers=RIGHT)

    assert sorted(CheckAttempt.objects.values_list("score", flat=True)) == [0, 100]


def test_passing_the_check_waits_for_the_reflection_then_completes(trainee, module_one):
    lesson = active_lesson(module_one)
    enrolment = enrolment_of(trainee)

    services.check_submit(enrolment=enrolment, lesson=lesson, block_id="check", answers=RIGHT)
    assert not LessonCompletion.objects.exists()

    services.reflection_save(
        enrolment=enrolment, lesson=lesson, block_id="reflect", text="Our desk.", shared=False
    )
    assert LessonCompletion.objects.filter(enrolment=enrolment, lesson=lesson).exists()


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"q1": ["q1-right"]}, "Answer the question"),
        ({"q1": ["q1-right"], "q2": []}, "Answer the question"),
        ({"q1": ["q1-right"], "q2": ["q1-wrong"]}, "not an option of that question"),
        ({"q1": ["q1-right"], "q2": ["made-up"]}, "not an option of that question"),
        ({**RIGHT, "q9": ["q2-right"]}, "not part of the check"),
        ("q1-right", "Answer every question"),
    ],
)
def test_a_malformed_answer_sheet_is_refused_and_not_stored(trainee, module_one, answers, message):
    lesson = active_lesson(module_one, reflection_required=False)

    with pytest.raises(ValidationError, match=message):
        services.check_submit(
            enrolment=enrolment_of(trainee), lesson=lesson, block_id="check", answers=answers
        )

    assert not CheckAttempt.objects.exists()
    assert not LessonCompletion.objects.exists()


def test_an_unknown_check_id_is_refused(trainee, module_one):
    lesson = active_lesson(module_one, reflection_required=False)

    with pytest.raises(ValidationError, match="no longer part of the lesson"):
        services.check_submit(
            enrolment=enrolment_of(trainee), lesson=lesson, block_id="reflect", answers=RIGHT
        )

    assert not CheckAttempt.objects.exists()


def test_a_check_in_a_locked_lesson_is_refused(trainee, lessons, module_two):
    lesson = active_lesson(module_two, reflection_required=False)

    with pytest.raises(ValidationError, match="Opens once you complete"):
        services.check_submit(
            enrolment=enrolment_of(trainee), lesson=lesson, block_id="check", answers=RIGHT
        )

    assert not CheckAttempt.objects.exists()


# Reflections --------------------------------------------------------------------------------


def test_a_reflection_is_updated_in_place(trainee, module_one):
    lesson = active_lesson(module_one, check=False)
    enrolment = enrolment_of(trainee)

    services.reflection_save(
        enrolment=enrolment, lesson=lesson, block_id="reflect", text="First draft", shared=False
    )
    services.reflection_save(
        enrolment=enrolment, lesson=lesson, block_id="reflect", text=" Second ", shared=True
    )

    reflection = Reflection.objects.get()
    assert reflection.text == "Second"
    assert reflection.shared_with_facilitators


def test_a_reflection_of_a_hundred_thousand_characters_is_refused(trainee, module_one):
    lesson = active_lesson(module_one, check=False)

    with pytest.raises(ValidationError, match="10,000 characters"):
        services.reflection_save(
            enrolment=enrolment_of(trainee),
            lesson=lesson,
            block_id="reflect",
            text="x" * 100_000,
            shared=True,
        )

    assert not Reflection.objects.exists()


def test_a_reflection_at_the_limit_is_kept(trainee, module_one):
    lesson = active_lesson(module_one, check=False)

    services.reflection_save(
        enrolment=enrolment_of(trainee),
        lesson=lesson,
        block_id="reflect",
        text="x" * MAX_REFLECTION_LENGTH,
        shared=False,
    )

    assert len(Reflection.objects.get().text) == MAX_REFLECTION_LENGTH


@pytest.mark.parametrize(("block_id", "text"), [("reflect", "   "), ("check", "Text")])
def test_an_empty_reflection_or_unknown_prompt_is_refused(trainee, module_one, block_id, text):
    lesson = active_lesson(module_one)

    with pytest.raises(ValidationError):
        services.reflection_save(
            enrolment=enrolment_of(trainee),
            lesson=lesson,
            block_id=block_id,
            text=text,
            shared=False,
        )

    assert not Reflection.objects.exists()


def test_a_facilitator_answers_a_shared_reflection(trainee, facilitator, module_one):
    lesson = active_lesson(module_one, check=False)
    reflection = services.reflection_save(
        enrolment=enrolment_of(trainee), lesson=lesson, block_id="reflect", text="A", shared=True
    )

    services.reflection_feedback(reflection=reflection, by=facilitator, text="Good point.")

    reflection.refresh_from_db()
    assert reflection.feedback == "Good point."
    assert reflection.feedback_by == facilitator
    assert reflection.feedback_at is not None


def test_a_private_reflection_gets_no_feedback(trainee, facilitator, module_one):
    lesson = active_lesson(module_one, check=False)
    reflection = services.reflection_save(
        enrolment=enrolment_of(trainee), lesson=lesson, block_id="reflect", text="A", shared=False
    )

    with pytest.raises(ValidationError, match="private"):
        services.reflection_feedback(reflection=reflection, by=facilitator, text="Seen it.")

    reflection.refresh_from_db()
    assert reflection.feedback == ""


def test_another_trainee_cannot_give_feedback(trainee, other_trainee, module_one):
    lesson = active_lesson(module_one, check=False)
    reflection = services.reflection_save(
        enrolment=enrolment_of(trainee), lesson=lesson, block_id="reflect", text="A", shared=True
    )

    with pytest.raises(PermissionDenied):
        services.reflection_feedback(reflection=reflection, by=other_trainee, text="Hello")

    reflection.refresh_from_db()
    assert reflection.feedback == ""


# Attendance, completion of the edition, certificates ----------------------------------------


def complete_pre_training(enrolment, lessons):
    for key in ("what", "why", "transfer"):
        services.lesson_complete(enrolment=enrolment, lesson=lessons[key])


def test_confirmed_attendance_makes_an_alumnus(trainee, facilitator, lessons):
    enrolment = enrolment_of(trainee)

    services.residential_attendance_set(
        enrolment=enrolment, by=facilitator, attended=True, on=enrolment.edition.residential_start
    )

    enrolment.refresh_from_db()
    assert enrolment.is_alumnus
    assert enrolment.status == EnrolmentStatus.ACCEPTED  # lessons are still to do
    assert not Certificate.objects.exists()


def test_only_facilitators_and_editors_confirm_attendance(trainee, other_trainee, editor):
    enrolment = enrolment_of(trainee)

    with pytest.raises(PermissionDenied):
        services.residential_attendance_set(enrolment=enrolment, by=trainee, attended=True)
    enrolment.refresh_from_db()
    assert enrolment.residential_attended_at is None

    services.residential_attendance_set(
        enrolment=enrolment, by=editor, attended=True, on=enrolment.edition.residential_start
    )
    enrolment.refresh_from_db()
    assert enrolment.residential_attended_at is not None


def test_attendance_before_the_residential_course_begins_is_refused(trainee, facilitator):
    enrolment = enrolment_of(trainee)
    edition = enrolment.edition
    day_before = edition.residential_start - datetime.timedelta(days=1)

    with pytest.raises(ValidationError) as refused:
        services.residential_attendance_set(
            enrolment=enrolment, by=facilitator, attended=True, on=day_before
        )

    start = edition.residential_start.strftime("%-d %B %Y")
    assert refused.value.messages == [
        f"The residential course begins on {start}: attendance can be confirmed from that day."
    ]
    enrolment.refresh_from_db()
    assert enrolment.residential_attended_at is None
    assert not enrolment.is_alumnus


def test_attendance_marked_too_early_can_still_be_taken_back(trainee, facilitator):
    """A confirmation recorded before this rule existed is not stuck: undoing needs no date."""
    enrolment = enrolment_of(trainee)
    services.residential_attendance_set(
        enrolment=enrolment, by=facilitator, attended=True, on=enrolment.edition.residential_start
    )

    services.residential_attendance_set(enrolment=enrolment, by=facilitator, attended=False)

    enrolment.refresh_from_db()
    assert enrolment.residential_attended_at is None


def test_attendance_of_an_applicant_is_refused(applicant, facilitator):
    enrolment = enrolment_of(applicant)

    with pytest.raises(ValidationError):
        services.residential_attendance_set(
            enrolment=enrolment,
            by=facilitator,
            attended=True,
            on=enrolment.edition.residential_start,
        )

    enrolment.refresh_from_db()
    assert enrolment.residential_attended_at is None


def test_the_last_step_completes_the_edition_and_issues_one_certificate(
    trainee, facilitator, lessons
):
    enrolment = enrolment_of(trainee)
    complete_pre_training(enrolment, lessons)
    assert not Certificate.objects.exists()

    services.residential_attendance_set(
        enrolment=enrolment, by=facilitator, attended=True, on=enrolment.edition.residential_start
    )

    assert enrolment.status == EnrolmentStatus.COMPLETED
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED
    assert enrolment.completed_at is not None
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert len(certificate.code) >= 20
    assert services.enrolment_refresh_status(enrolment=enrolment) == certificate
    assert Certificate.objects.count() == 1


def test_finishing_lessons_after_attending_also_completes(trainee, facilitator, lessons):
    enrolment = enrolment_of(trainee)
    services.residential_attendance_set(
        enrolment=enrolment, by=facilitator, attended=True, on=enrolment.edition.residential_start
    )

    complete_pre_training(enrolment, lessons)

    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED
    assert Certificate.objects.filter(enrolment=enrolment).exists()


def test_optional_lessons_are_not_needed_for_the_certificate(trainee, facilitator, lessons):
    enrolment = enrolment_of(trainee)
    complete_pre_training(enrolment, lessons)
    services.residential_attendance_set(
        enrolment=enrolment, by=facilitator, attended=True, on=enrolment.edition.residential_start
    )

    assert not LessonCompletion.objects.filter(lesson=lessons["extra"]).exists()
    assert Certificate.objects.filter(enrolment=enrolment).exists()


def test_a_certificate_is_never_taken_back(trainee, facilitator, lessons, module_one):
    enrolment = enrolment_of(trainee)
    complete_pre_training(enrolment, lessons)
    services.residential_attendance_set(
        enrolment=enrolment, by=facilitator, attended=True, on=enrolment.edition.residential_start
    )

    # A new required lesson appears after the trainee completed the edition.
    LessonPageFactory(parent=module_one, title="Added later", slug="added-later")
    with pytest.raises(ValidationError, match="stays confirmed"):
        services.residential_attendance_set(enrolment=enrolment, by=facilitator, attended=False)

    assert services.enrolment_refresh_status(enrolment=enrolment) is not None
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED
    assert enrolment.residential_attended_at is not None
    assert Certificate.objects.filter(enrolment=enrolment).exists()


def test_refreshing_an_unfinished_enrolment_issues_nothing(trainee, lessons):
    enrolment = enrolment_of(trainee)

    assert services.enrolment_refresh_status(enrolment=enrolment) is None

    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ACCEPTED
    assert not Certificate.objects.exists()


def test_a_completed_trainee_keeps_working_on_optional_lessons(trainee, facilitator, lessons):
    enrolment = enrolment_of(trainee)
    complete_pre_training(enrolment, lessons)
    services.residential_attendance_set(
        enrolment=enrolment, by=facilitator, attended=True, on=enrolment.edition.residential_start
    )

    services.lesson_complete(enrolment=enrolment, lesson=lessons["extra"])

    assert progress_for(enrolment=enrolment).modules[1].lessons[1].completed
    assert Certificate.objects.count() == 1


def test_certificate_codes_differ(academy):
    edition = EditionPageFactory(parent=academy)
    codes = {
        Certificate.objects.create(enrolment=EnrolmentFactory(edition=edition)).code
        for _ in range(5)
    }
    assert len(codes) == 5


def test_verified_helper_is_a_member_who_may_apply(edition):
    person = verified("someone@example.org")

    enrolment = services.enrolment_apply(user=person, edition=edition, **APPLICATION)

    assert enrolment.user == person
