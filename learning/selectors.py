"""Reads of the learning app. Progress is computed here and only here: the course structure and
every fact for a batch of enrolments are loaded with one query each, then combined in Python, so
each function runs a fixed number of queries whatever the size of the course or the cohort."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import ValidationError
from django.db.models import (
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import formats, timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.models import Page

from . import permissions, phases
from .forms import ReflectionForm, answer_field_name
from .knowledge_checks import CHECK, REFLECTION, Grade, QuestionResult, blocks_of, grade
from .models import (
    Certificate,
    CheckAttempt,
    EditionPage,
    Enrolment,
    EnrolmentStatus,
    LessonCompletion,
    LessonPage,
    ModulePage,
    Phase,
    Reflection,
)
from .models.agenda import residential_attendance_annotations
from .permissions import AnyUser
from .phases import PhaseProgress, percent_of

__all__ = [
    "BodyItem",
    "CourseAccess",
    "EditionView",
    "FacilitatedEdition",
    "LessonActivity",
    "LessonView",
    "ModuleView",
    "LessonState",
    "ModuleProgress",
    "PhaseProgress",
    "Progress",
    "certificate_by_code",
    "cohort_progress",
    "course_access",
    "current_edition",
    "dashboard_for",
    "edition_by_slug",
    "edition_of",
    "edition_view",
    "enrolment_for",
    "facilitated_editions",
    "lesson_activity",
    "lesson_view",
    "module_view",
    "pending_applications",
    "progress_for",
    "reflections_by_enrolment",
    "reflections_for",
    "shared_reflection",
    "shared_reflections",
    "syllabus_for",
]

ACTIVE_STATUSES = [EnrolmentStatus.ACCEPTED, EnrolmentStatus.COMPLETED]


@dataclass(frozen=True)
class LessonState:
    lesson: LessonPage
    is_required: bool
    completed_at: datetime.datetime | None
    updated_since_completion: bool
    lock_reason: str

    @property
    def completed(self) -> bool:
        return self.completed_at is not None

    @property
    def locked(self) -> bool:
        return bool(self.lock_reason)


@dataclass(frozen=True)
class ModuleProgress:
    module: ModulePage
    lessons: list[LessonState]
    lock_reason: str
    required_total: int
    required_done: int

    @property
    def percent(self) -> int:
        return percent_of(self.required_done, self.required_total)

    @property
    def complete(self) -> bool:
        return self.required_done >= self.required_total

    @property
    def locked(self) -> bool:
        return bool(self.lock_reason)


@dataclass(frozen=True)
class Progress:
    edition: EditionPage
    enrolment: Enrolment | None
    modules: list[ModuleProgress]
    phases: list[PhaseProgress]
    next_lesson: LessonState | None
    missing: list[str]

    @property
    def tracked_phases(self) -> list[PhaseProgress]:
        return [phase for phase in self.phases if phase.tracked]

    @property
    def percent(self) -> int:
        tracked = self.tracked_phases
        if not tracked:
            return 0
        return sum(phase.percent for phase in tracked) // len(tracked)

    @property
    def complete(self) -> bool:
        tracked = self.tracked_phases
        return bool(tracked) and all(phase.complete for phase in tracked)

    @cached_property
    def _lessons_by_pk(self) -> dict[int, LessonState]:
        return {state.lesson.pk: state for module in self.modules for state in module.lessons}

    def lesson_state(self, lesson: LessonPage | int) -> LessonState | None:
        """The state of one lesson of this edition; None when it is not a live lesson of it."""
        return self._lessons_by_pk.get(getattr(lesson, "pk", lesson))

    def module_progress(self, module: ModulePage | int) -> ModuleProgress | None:
        pk = getattr(module, "pk", module)
        return next((item for item in self.modules if item.module.pk == pk), None)

    def module_of(self, lesson: LessonPage | int) -> ModuleProgress | None:
        pk = getattr(lesson, "pk", lesson)
        return next(
            (item for item in self.modules if any(s.lesson.pk == pk for s in item.lessons)), None
        )

    def phase(self, phase: Phase | str) -> PhaseProgress | None:
        return next((item for item in self.phases if item.phase == phase), None)


# The structure of an edition: its live modules in tree order, each with its live lessons.
Structure = list[tuple[ModulePage, list[LessonPage]]]


def _structures(editions: Iterable[EditionPage]) -> dict[int, Structure]:
    """Two queries for any number of editions: their live modules, then their live lessons."""
    editions = {edition.pk: edition for edition in editions}
    if not editions:
        return {}
    module_filter, lesson_filter = Q(), Q()
    for edition in editions.values():
        module_filter |= Q(path__startswith=edition.path, depth=edition.depth + 1)
        lesson_filter |= Q(path__startswith=edition.path, depth=edition.depth + 2)
    modules = list(ModulePage.objects.live().filter(module_filter).order_by("path"))
    lessons = list(LessonPage.objects.live().filter(lesson_filter).order_by("path"))

    by_path = {edition.path: pk for pk, edition in editions.items()}
    lessons_by_module: dict[str, list[LessonPage]] = defaultdict(list)
    for lesson in lessons:
        lessons_by_module[lesson.path[: -Page.steplen]].append(lesson)
    structures: dict[int, Structure] = {pk: [] for pk in editions}
    for module in modules:
        edition_pk = by_path.get(module.path[: -Page.steplen])
        if edition_pk is not None:
            structures[edition_pk].append((module, lessons_by_module.get(module.path, [])))
    return structures


def _when(value: datetime.datetime) -> str:
    local = timezone.localtime(value)
    if local.time() == datetime.time(0, 0):
        return formats.date_format(local, "DATE_FORMAT")
    return formats.date_format(local, "DATETIME_FORMAT")


def _updated_since(lesson: LessonPage, completion: LessonCompletion) -> bool:
    if completion.revision_id is not None:
        # Revision ids only grow, so a different and greater id is a later publication.
        return (lesson.live_revision_id or 0) > completion.revision_id
    # The pinned revision is gone (or the lesson had none): fall back to publication time.
    return bool(
        lesson.last_published_at
        and lesson.live_revision_id
        and lesson.last_published_at > completion.completed_at
    )


def _module_progress(
    structure: Structure,
    completions: dict[int, LessonCompletion] | None,
    now: datetime.datetime,
) -> list[ModuleProgress]:
    """Each module's state; ``completions`` is None when nobody is enrolled (the syllabus)."""
    result: list[ModuleProgress] = []
    previous: ModuleProgress | None = None
    for module, lessons in structure:
        reasons = []
        if module.release_at and module.release_at > now:
            reasons.append(_("Opens on %(date)s.") % {"date": _when(module.release_at)})
        if (
            completions is not None
            and module.requires_previous
            and previous is not None
            and not previous.complete
        ):
            reasons.append(
                _("Opens once you complete every required lesson of the module “%(module)s”.")
                % {"module": previous.module.title}
            )
        lock_reason = " ".join(reasons)
        states = []
        for lesson in lessons:
            completion = (completions or {}).get(lesson.pk)
            states.append(
                LessonState(
                    lesson=lesson,
                    is_required=lesson.is_required,
                    completed_at=completion.completed_at if completion else None,
                    updated_since_completion=bool(completion)
                    and _updated_since(lesson, completion),
                    lock_reason=lock_reason,
                )
            )
        required = [state for state in states if state.is_required]
        previous = ModuleProgress(
            module=module,
            lessons=states,
            lock_reason=lock_reason,
            required_total=len(required),
            required_done=sum(1 for state in required if state.completed),
        )
        result.append(previous)
    return result


def _next_lesson(modules: list[ModuleProgress]) -> LessonState | None:
    open_states = [
        state
        for module in modules
        for state in module.lessons
        if not state.locked and not state.completed
    ]
    return next((state for state in open_states if state.is_required), None) or next(
        iter(open_states), None
    )


def _completions(enrolment_pks: list[int]) -> dict[int, dict[int, LessonCompletion]]:
    by_enrolment: dict[int, dict[int, LessonCompletion]] = defaultdict(dict)
    if enrolment_pks:
        for completion in LessonCompletion.objects.filter(enrolment_id__in=enrolment_pks):
            by_enrolment[completion.enrolment_id][completion.lesson_id] = completion
    return by_enrolment


def _progress_batch(
    *,
    edition: EditionPage,
    enrolments: list[Enrolment],
    structure: Structure,
    completions: dict[int, dict[int, LessonCompletion]],
    now: datetime.datetime,
) -> list[Progress]:
    modules = {
        enrolment.pk: _module_progress(structure, completions.get(enrolment.pk, {}), now)
        for enrolment in enrolments
    }
    registered = phases.providers()
    measured: dict[Phase, dict[int, PhaseProgress]] = {
        phase: provider.progress(edition=edition, enrolments=enrolments, modules=modules)
        for phase, provider in registered.items()
    }
    result = []
    for enrolment in enrolments:
        phase_list = []
        for phase in Phase:
            if phase in measured and enrolment.pk in measured[phase]:
                phase_list.append(measured[phase][enrolment.pk])
            else:
                phase_list.append(phases.untracked(phase))
        result.append(
            Progress(
                edition=edition,
                enrolment=enrolment,
                modules=modules[enrolment.pk],
                phases=phase_list,
                next_lesson=_next_lesson(modules[enrolment.pk]),
                missing=[item for phase in phase_list if phase.tracked for item in phase.missing],
            )
        )
    return result


def syllabus_for(*, edition: EditionPage) -> list[ModuleProgress]:
    """What anyone may see of an edition: modules and lessons, locked by release dates only."""
    structure = _structures([edition])[edition.pk]
    return _module_progress(structure, None, timezone.now())


def progress_for(*, enrolment: Enrolment) -> Progress:
    edition = enrolment.edition
    structure = _structures([edition])[edition.pk]
    return _progress_batch(
        edition=edition,
        enrolments=[enrolment],
        structure=structure,
        completions=_completions([enrolment.pk]),
        now=timezone.now(),
    )[0]


def dashboard_for(*, user: AnyUser) -> list[Progress]:
    """Every enrolment of the user, the newest edition first."""
    if not user.is_authenticated:
        return []
    enrolments = list(
        Enrolment.objects.filter(user=user)
        .select_related("edition", "certificate")
        # The residential phase's attendance counts, so that no enrolment costs a query.
        .annotate(**residential_attendance_annotations())
        .order_by("-edition__residential_start", "-pk")
    )
    editions = {enrolment.edition_id: enrolment.edition for enrolment in enrolments}
    structures = _structures(editions.values())
    completions = _completions([enrolment.pk for enrolment in enrolments])
    now = timezone.now()
    return [
        _progress_batch(
            edition=enrolment.edition,
            enrolments=[enrolment],
            structure=structures[enrolment.edition_id],
            completions=completions,
            now=now,
        )[0]
        for enrolment in enrolments
    ]


def cohort_progress(*, edition: EditionPage, status: str | None = None) -> list[Progress]:
    """Every trainee holding a place in the edition (or every enrolment with ``status``)."""
    enrolments = Enrolment.objects.filter(edition=edition).select_related("user", "certificate")
    if status:
        enrolments = enrolments.filter(status=status)
    else:
        enrolments = enrolments.filter(status__in=ACTIVE_STATUSES)
    enrolments = list(enrolments.order_by("user__last_name", "user__first_name", "user__email"))
    for enrolment in enrolments:
        # The caller's instance already has the page loaded; don't fetch it again per row.
        enrolment.edition = edition
    structure = _structures([edition])[edition.pk]
    completions = _completions([enrolment.pk for enrolment in enrolments])
    return _progress_batch(
        edition=edition,
        enrolments=enrolments,
        structure=structure,
        completions=completions,
        now=timezone.now(),
    )


def current_edition() -> EditionPage | None:
    """The live edition whose follow-up has not ended, the earliest residential first; else the
    latest edition. One query: the home page asks on every request."""
    running = Q(follow_up_end__gte=timezone.localdate())
    return (
        EditionPage.objects.live()
        .annotate(is_running=ExpressionWrapper(running, output_field=BooleanField()))
        .order_by(
            "-is_running",
            # Running editions by their residential start, earliest first; the others tie here
            # and fall through to the latest residential start.
            Case(When(running, then=F("residential_start"))).asc(nulls_last=True),
            "-residential_start",
            "-pk",
        )
        .first()
    )


def edition_of(*, page: Page) -> EditionPage | None:
    """The edition a module or lesson page belongs to (itself for an edition), in one query."""
    # Every ancestor's path is a prefix of the page's own: no walk up the tree needed.
    paths = [page.path[: Page.steplen * level] for level in range(1, page.depth + 1)]
    return EditionPage.objects.filter(path__in=paths).first()


def enrolment_for(*, user: AnyUser, edition: EditionPage) -> Enrolment | None:
    if not user.is_authenticated:
        return None
    enrolment = (
        Enrolment.objects.filter(user=user, edition=edition).select_related("certificate").first()
    )
    if enrolment is not None:
        enrolment.edition = edition
    return enrolment


def reflections_for(*, enrolment: Enrolment) -> list[Reflection]:
    """The trainee's own reflections, in course order."""
    return reflections_by_enrolment(enrolments=[enrolment])[enrolment.pk]


def reflections_by_enrolment(*, enrolments: Iterable[Enrolment]) -> dict[int, list[Reflection]]:
    """``reflections_for`` for many enrolments at once (the dashboard), in one query."""
    by_enrolment: dict[int, list[Reflection]] = {enrolment.pk: [] for enrolment in enrolments}
    if by_enrolment:
        for reflection in (
            Reflection.objects.filter(enrolment_id__in=by_enrolment)
            .select_related("lesson", "feedback_by")
            .order_by("lesson__path", "created_at")
        ):
            by_enrolment[reflection.enrolment_id].append(reflection)
    return by_enrolment


def _shared_reflections(edition: EditionPage):
    return Reflection.objects.filter(
        enrolment__edition=edition,
        enrolment__status__in=ACTIVE_STATUSES,
        shared_with_facilitators=True,
    ).select_related("enrolment__user", "lesson", "feedback_by")


def shared_reflections(*, edition: EditionPage) -> list[Reflection]:
    """Reflections trainees of the edition chose to share with its facilitators."""
    return list(_shared_reflections(edition).order_by("-updated_at", "-pk"))


def shared_reflection(*, edition: EditionPage, pk: int) -> Reflection | None:
    """One of ``shared_reflections``: any other reflection does not exist for the facilitators."""
    return _shared_reflections(edition).filter(pk=pk).first()


def edition_by_slug(*, slug: str, include_drafts: bool = False) -> EditionPage | None:
    """An edition by the slug in its URL; the course team also reaches editions not yet live."""
    editions = EditionPage.objects.all() if include_drafts else EditionPage.objects.live()
    return editions.filter(slug=slug).order_by("path").first()


def pending_applications(*, edition: EditionPage) -> list[Enrolment]:
    """Applications waiting for a decision, the oldest first."""
    return list(
        Enrolment.objects.pending()
        .filter(edition=edition)
        .select_related("user")
        .order_by("applied_at")
    )


@dataclass(frozen=True)
class FacilitatedEdition:
    """An edition the person facilitates, with what waits for them in its cohort."""

    edition: EditionPage
    pending_applications: int
    reflections_waiting: int


def _count_per_edition(queryset, edition_field: str) -> Coalesce:
    """The number of rows of ``queryset`` for the outer edition, as a subquery (0 when none)."""
    counted = (
        queryset.filter(**{edition_field: OuterRef("pk")})
        .order_by()
        .values(edition_field)
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def facilitated_editions(*, user: AnyUser) -> list[FacilitatedEdition]:
    """Every edition the user facilitates, the latest residential course first, each with its
    applications waiting for a decision and its shared reflections that have no feedback yet.
    One query, however many editions."""
    if not user.is_authenticated:
        return []
    waiting = Reflection.objects.filter(
        enrolment__status__in=ACTIVE_STATUSES, shared_with_facilitators=True, feedback=""
    )
    editions = (
        EditionPage.objects.filter(facilitators__user=user)
        .annotate(
            pending_count=_count_per_edition(Enrolment.objects.pending(), "edition"),
            waiting_count=_count_per_edition(waiting, "enrolment__edition"),
        )
        .distinct()
        .order_by("-residential_start", "-pk")
    )
    return [
        FacilitatedEdition(
            edition=edition,
            pending_applications=edition.pending_count,
            reflections_waiting=edition.waiting_count,
        )
        for edition in editions
    ]


def certificate_by_code(*, code: str) -> Certificate | None:
    return (
        Certificate.objects.select_related("enrolment__user", "enrolment__edition")
        .filter(code=code)
        .first()
    )


@dataclass(frozen=True)
class LessonActivity:
    """What a trainee has done inside one lesson, and what it still needs before it completes."""

    reflections: dict[str, Reflection]  # by reflection prompt block id
    attempts: dict[str, CheckAttempt]  # the best attempt at each knowledge check, by block id
    missing: list[str]  # sentences; empty when the lesson can be completed


def _prompt_text(value) -> str:
    return Truncator(strip_tags(str(value.get("prompt") or ""))).words(12)


def lesson_activity(*, enrolment: Enrolment, lesson: LessonPage) -> LessonActivity:
    """Two queries: the trainee's reflections and check attempts in this lesson."""
    reflections = {
        reflection.block_id: reflection
        for reflection in Reflection.objects.filter(
            enrolment=enrolment, lesson=lesson
        ).select_related("feedback_by")
    }
    attempts: dict[str, CheckAttempt] = {}
    for attempt in CheckAttempt.objects.filter(enrolment=enrolment, lesson=lesson):
        best = attempts.get(attempt.block_id)
        if best is None or (attempt.passed, attempt.score) > (best.passed, best.score):
            attempts[attempt.block_id] = attempt
    missing = []
    for block in blocks_of(lesson, REFLECTION, CHECK):
        if block.block_type == REFLECTION and block.value.get("required"):
            reflection = reflections.get(block.id)
            if reflection is None or not reflection.text.strip():
                missing.append(
                    _("Answer the reflection prompt “%(prompt)s”.")
                    % {"prompt": _prompt_text(block.value)}
                )
        elif block.block_type == CHECK:
            attempt = attempts.get(block.id)
            if attempt is None or not attempt.passed:
                missing.append(
                    _("Pass the knowledge check “%(title)s” with at least %(mark)d%%.")
                    % {"title": block.value.get("title"), "mark": block.value.get("pass_mark")}
                )
    return LessonActivity(reflections=reflections, attempts=attempts, missing=missing)


# What each course page shows ------------------------------------------------------------------


@dataclass(frozen=True)
class CourseAccess:
    """What a person may see of the course a module or lesson page belongs to."""

    edition: EditionPage | None
    enrolment: Enrolment | None  # the person's enrolment when it holds a place, else None
    can_view: bool  # may read the module introductions and lesson bodies
    is_preview: bool  # the course team: sees every lesson, locked or not


def course_access(*, user: AnyUser, page: Page) -> CourseAccess:
    """Who the person is to the edition of a module or lesson page, as ``permissions`` decides."""
    # A page previewed before it is saved may have no place in the tree yet.
    edition = edition_of(page=page) if page.path else None
    if edition is None:
        editor = permissions.can_edit_course_pages(user)
        return CourseAccess(edition=None, enrolment=None, can_view=editor, is_preview=editor)
    enrolment = enrolment_for(user=user, edition=edition)
    if not permissions.holds_place(user, enrolment):
        enrolment = None
    is_preview = permissions.can_preview_course(user, edition)
    return CourseAccess(
        edition=edition,
        enrolment=enrolment,
        can_view=enrolment is not None or is_preview,
        is_preview=is_preview,
    )


@dataclass(frozen=True)
class EditionView:
    """The edition page: the syllabus (or the trainee's progress) and what the person may do."""

    edition: EditionPage
    enrolment: Enrolment | None
    progress: Progress | None  # only for a trainee with a place
    syllabus: list[ModuleProgress]
    is_applicant: bool
    can_withdraw: bool
    apply_refusal: str
    places_left: int | None
    facilitator_list: list
    can_view_cohort: bool
    can_view_course: bool
    phase_dates: list[tuple]


def edition_view(*, user: AnyUser, edition: EditionPage) -> EditionView:
    enrolment = enrolment_for(user=user, edition=edition)
    progress = None
    if permissions.holds_place(user, enrolment):
        progress = progress_for(enrolment=enrolment)
        syllabus = progress.modules
    else:
        syllabus = syllabus_for(edition=edition)
    can_view_cohort = permissions.can_view_cohort(user, edition)
    dates = edition.phase_dates()
    return EditionView(
        edition=edition,
        enrolment=enrolment,
        progress=progress,
        syllabus=syllabus,
        is_applicant=bool(enrolment and enrolment.status == EnrolmentStatus.APPLIED),
        can_withdraw=bool(
            enrolment and enrolment.status in {EnrolmentStatus.APPLIED, EnrolmentStatus.ACCEPTED}
        ),
        apply_refusal=permissions.apply_refusal(user, edition)
        if user.is_authenticated and progress is None
        else "",
        places_left=permissions.places_left(edition),
        facilitator_list=[item.user for item in edition.facilitators.select_related("user")],
        can_view_cohort=can_view_cohort,
        can_view_course=progress is not None or permissions.can_preview_course(user, edition),
        phase_dates=[(label, *dates[phase]) for phase, label in Phase.choices],
    )


def _module_progress_of(
    access: CourseAccess, module_path: str
) -> tuple[Progress | None, ModuleProgress | None]:
    """The module's progress for the trainee, or its syllabus entry for everybody else."""
    if access.enrolment is not None:
        progress = progress_for(enrolment=access.enrolment)
        modules = progress.modules
    elif access.edition is not None:
        progress, modules = None, syllabus_for(edition=access.edition)
    else:
        return None, None
    return progress, next((item for item in modules if item.module.path == module_path), None)


@dataclass(frozen=True)
class ModuleView:
    edition: EditionPage | None
    enrolment: Enrolment | None
    can_view: bool
    is_preview: bool
    progress: Progress | None
    module_progress: ModuleProgress | None  # the module's lessons, with the trainee's progress


def module_view(
    *, user: AnyUser, module: ModulePage, access: CourseAccess | None = None
) -> ModuleView:
    access = access or course_access(user=user, page=module)
    progress, module_progress = _module_progress_of(access, module.path)
    return ModuleView(
        edition=access.edition,
        enrolment=access.enrolment,
        can_view=access.can_view,
        is_preview=access.is_preview,
        progress=progress,
        module_progress=module_progress,
    )


@dataclass(frozen=True)
class BodyItem:
    """One block of a lesson body, with what the trainee did in it."""

    block: object  # a bound StreamField block
    reflection: Reflection | None = None
    graded: Grade | None = None
    questions: list[dict] | None = None

    @cached_property
    def form(self) -> ReflectionForm | None:
        if self.block.block_type != REFLECTION:
            return None
        reflection = self.reflection
        return ReflectionForm(
            initial={
                "text": reflection.text if reflection else "",
                "shared": reflection.shared_with_facilitators if reflection else False,
            },
            prefix=f"reflection-{self.block.id}",
        )


def _question_rows(value, graded: Grade | None) -> list[dict]:
    results: dict[str, QuestionResult] = (
        {result.question_id: result for result in graded.questions} if graded else {}
    )
    rows = []
    for question in value["questions"].bound_blocks:
        result = results.get(question.id)
        chosen = set(result.chosen_ids) if result else set()
        rows.append(
            {
                "id": question.id,
                "field_name": answer_field_name(question.id),
                "text": question.value["question"],
                "result": result,
                "options": [
                    {
                        "id": option.id,
                        "text": option.value["text"],
                        "chosen": option.id in chosen,
                        "correct": bool(option.value["correct"]),
                    }
                    for option in question.value["options"].bound_blocks
                ],
                "correct_texts": [
                    option.value["text"]
                    for option in question.value["options"].bound_blocks
                    if option.value["correct"]
                ],
            }
        )
    return rows


def _graded(value, answers) -> Grade | None:
    if not answers:
        return None
    try:
        return grade(value, answers)
    except ValidationError:
        # The check was edited since this attempt: its answers no longer fit the questions.
        return None


def _body_items(
    lesson: LessonPage, activity: LessonActivity | None, last_check: dict | None
) -> list[BodyItem]:
    items = []
    for block in lesson.body:
        if block.block_type == REFLECTION:
            reflection = activity.reflections.get(block.id) if activity else None
            items.append(BodyItem(block=block, reflection=reflection))
        elif block.block_type == CHECK:
            answers = None
            if last_check and last_check.get("block_id") == block.id:
                answers = last_check.get("answers")
            elif activity and block.id in activity.attempts:
                answers = activity.attempts[block.id].answers
            graded = _graded(block.value, answers)
            items.append(
                BodyItem(block=block, graded=graded, questions=_question_rows(block.value, graded))
            )
        else:
            items.append(BodyItem(block=block))
    return items


def _neighbours(
    module_progress: ModuleProgress | None, lesson_pk: int
) -> tuple[LessonPage | None, LessonPage | None]:
    lessons = [state.lesson for state in module_progress.lessons] if module_progress else []
    index = next((i for i, lesson in enumerate(lessons) if lesson.pk == lesson_pk), None)
    if index is None:
        return None, None
    previous = lessons[index - 1] if index > 0 else None
    following = lessons[index + 1] if index + 1 < len(lessons) else None
    return previous, following


@dataclass(frozen=True)
class LessonView:
    edition: EditionPage | None
    module: ModulePage | None
    enrolment: Enrolment | None
    can_view: bool
    is_preview: bool
    module_progress: ModuleProgress | None
    lesson_state: LessonState | None
    locked: bool  # locked for this trainee: the lock reason replaces the body
    body_items: list[BodyItem]  # empty unless the person may read the body now
    missing: list[str]  # what the trainee still has to do before the lesson completes
    has_check: bool
    previous_lesson: LessonPage | None
    next_lesson: LessonPage | None
    read_only_reason: str = ""  # why the trainee may read but no longer answer (a past edition)

    @property
    def show_body(self) -> bool:
        return self.can_view and not self.locked

    @property
    def can_answer(self) -> bool:
        """The trainee may complete the lesson, answer its checks and write reflections."""
        return self.enrolment is not None and not self.read_only_reason


def lesson_view(
    *,
    user: AnyUser,
    lesson: LessonPage,
    access: CourseAccess | None = None,
    last_check: dict | None = None,
) -> LessonView:
    """``last_check`` is the answer sheet just submitted (block id and answers), shown graded in
    place of the best attempt so that the trainee sees the result of what they sent."""
    access = access or course_access(user=user, page=lesson)
    progress, module_progress = _module_progress_of(access, (lesson.path or "")[: -Page.steplen])
    state = progress.lesson_state(lesson) if progress else None
    locked = bool(state and state.locked and not access.is_preview)
    show_body = access.can_view and not locked
    activity = None
    if show_body and access.enrolment is not None:
        activity = lesson_activity(enrolment=access.enrolment, lesson=lesson)
    previous, following = _neighbours(module_progress, lesson.pk)
    return LessonView(
        edition=access.edition,
        module=module_progress.module if module_progress else None,
        enrolment=access.enrolment,
        can_view=access.can_view,
        is_preview=access.is_preview,
        module_progress=module_progress,
        lesson_state=state,
        locked=locked,
        body_items=_body_items(lesson, activity, last_check) if show_body else [],
        missing=activity.missing if activity else [],
        has_check=bool(blocks_of(lesson, CHECK)),
        previous_lesson=previous,
        next_lesson=following,
        read_only_reason=permissions.lesson_work_closed_reason(access.edition)
        if access.enrolment is not None and access.edition is not None
        else "",
    )
