"""Reads of the learning app. Progress is computed here and only here: the course structure and
every fact for a batch of enrolments are loaded with one query each, then combined in Python, so
each function runs a fixed number of queries whatever the size of the course or the cohort."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from django.core.exceptions import ValidationError
from django.db.models import (
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
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

from cms.accounts.types import AnyUser

from . import permissions, phases
from .forms import ReflectionForm, answer_field_name
from .knowledge_checks import (
    CHECK,
    REFLECTION,
    CheckStanding,
    Grade,
    QuestionResult,
    better,
    blocks_of,
    find_block,
    grade,
    is_single_answer,
    standing,
)
from .models import (
    ACTIONS_ANCHOR,
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
    lesson_anchor,
)
from .models.agenda import residential_attendance_annotations
from .phases import PhaseProgress, percent_of

__all__ = [
    "AttemptSummary",
    "BodyItem",
    "CohortSummary",
    "CourseAccess",
    "EditionBacklog",
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
    "check_attempt_counts",
    "check_attempt_summaries",
    "cohort_progress",
    "cohort_summary",
    "course_access",
    "current_edition",
    "dashboard_for",
    "edition_by_slug",
    "edition_of",
    "edition_view",
    "editions_in_progress",
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
    "shared_reflections_queryset",
    "trainee_record",
    "with_prompts",
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
        """The overall figure, as ``phases.overall_percent`` defines it."""
        return phases.overall_percent(self.phases)

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
        # The residential phase's attendance counts and what other phases' providers read, so
        # that no enrolment costs a query.
        .annotate(**residential_attendance_annotations(), **phases.enrolment_annotations())
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


@dataclass(frozen=True)
class CohortSummary:
    """Every trainee holding a place in an edition, with their completed required lessons per
    module. The phases are measured only for the trainees a page asks for (``progress``)."""

    edition: EditionPage
    modules: list[ModulePage]
    enrolments: list[Enrolment]
    module_progress: dict[int, list[ModuleProgress]]  # by enrolment pk

    def progress(self, enrolments: list[Enrolment], *, measure: bool = True) -> list[Progress]:
        """Each enrolment's progress; with ``measure`` False the phases are left out (for
        ordering and filtering by what needs no phase, before a page is chosen)."""
        measured = {}
        if measure and enrolments:
            measured = {
                phase: provider.progress(
                    edition=self.edition, enrolments=enrolments, modules=self.module_progress
                )
                for phase, provider in phases.providers().items()
            }
        # One (immutable) stand-in per untracked phase, shared by every row.
        untracked = {phase: phases.untracked(phase) for phase in Phase}
        return [
            Progress(
                edition=self.edition,
                enrolment=enrolment,
                modules=self.module_progress[enrolment.pk],
                phases=[
                    measured[phase][enrolment.pk]
                    if phase in measured and enrolment.pk in measured[phase]
                    else untracked[phase]
                    for phase in Phase
                ]
                if measure
                else [],
                next_lesson=None,
                missing=[],
            )
            for enrolment in enrolments
        ]


def cohort_summary(*, edition: EditionPage) -> CohortSummary:
    """The cohort table's data, for any number of trainees in four queries.

    Unlike ``cohort_progress`` nothing is built per lesson: the database counts each trainee's
    completed required lessons per module, and the modules carry those counts only (no lesson
    states, no lock reasons, no sentences about what is missing), which is all the phase
    providers need to measure the same figures."""
    structure = _structures([edition])[edition.pk]
    enrolments = list(
        Enrolment.objects.active()
        .filter(edition=edition)
        .select_related("user")
        # Long texts no column shows.
        .defer("motivation", "decision_note", "user__password")
        .order_by("user__last_name", "user__first_name", "user__email")
    )
    for enrolment in enrolments:
        enrolment.edition = edition
    module_lessons = [
        [lesson.pk for lesson in lessons if lesson.is_required] for _module, lessons in structure
    ]
    done: dict[tuple[int, int], int] = {}
    required = [pk for pks in module_lessons for pk in pks]
    if enrolments and required:
        module_index = Case(
            *[
                When(lesson_id__in=pks, then=Value(index))
                for index, pks in enumerate(module_lessons)
                if pks
            ],
            output_field=IntegerField(),
        )
        counts = (
            LessonCompletion.objects.filter(
                enrolment__edition=edition,
                enrolment__status__in=ACTIVE_STATUSES,
                lesson_id__in=required,
            )
            .order_by()
            .values("enrolment_id", module_index=module_index)
            .annotate(done=Count("pk"))
            .values_list("enrolment_id", "module_index", "done")
        )
        done = {(enrolment_pk, index): count for enrolment_pk, index, count in counts}
    return CohortSummary(
        edition=edition,
        modules=[module for module, _lessons in structure],
        enrolments=enrolments,
        module_progress={
            enrolment.pk: [
                ModuleProgress(
                    module=module,
                    lessons=[],
                    lock_reason="",
                    required_total=len(module_lessons[index]),
                    required_done=done.get((enrolment.pk, index), 0),
                )
                for index, (module, _lessons) in enumerate(structure)
            ]
            for enrolment in enrolments
        },
    )


def check_attempt_counts(*, enrolments: Iterable[Enrolment]) -> dict[int, int]:
    """How many times each trainee submitted a knowledge check, by enrolment pk (one query)."""
    pks = [enrolment.pk for enrolment in enrolments]
    if not pks:
        return {}
    return dict(
        CheckAttempt.objects.filter(enrolment_id__in=pks)
        .order_by()
        .values("enrolment_id")
        .annotate(count=Count("pk"))
        .values_list("enrolment_id", "count")
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


def shared_reflections_queryset(*, edition: EditionPage, waiting: bool = False):
    """``shared_reflections`` as a queryset to page through; ``waiting``: only those without
    feedback yet."""
    reflections = _shared_reflections(edition)
    if waiting:
        reflections = reflections.filter(feedback="")
    return reflections.order_by("-updated_at", "-pk")


@dataclass(frozen=True)
class ReflectionItem:
    """A reflection with the prompt the trainee answered (empty when the prompt was removed)."""

    reflection: Reflection
    prompt: str


def _block_text(lesson: LessonPage, block_type: str, block_id: str, field: str) -> str:
    block = find_block(lesson, block_type, block_id)
    if block is None:
        return ""
    value = block.value.get(field)
    # The rich text's stored source: expanding its links would query the database.
    return " ".join(strip_tags(getattr(value, "source", value) or "").split())


def with_prompts(reflections: Iterable[Reflection]) -> list[ReflectionItem]:
    """Each reflection beside its prompt, read from the lesson body (each lesson parsed once)."""
    lessons: dict[int, LessonPage] = {}
    items = []
    for reflection in reflections:
        lesson = lessons.setdefault(reflection.lesson_id, reflection.lesson)
        items.append(
            ReflectionItem(
                reflection=reflection,
                prompt=_block_text(lesson, REFLECTION, reflection.block_id, "prompt"),
            )
        )
    return items


@dataclass(frozen=True)
class AttemptItem:
    lesson: LessonPage
    check: str  # the knowledge check's title (empty when the check was removed)
    submitted_at: datetime.datetime
    score: int
    passed: bool


@dataclass(frozen=True)
class TraineeRecord:
    """What the course team reads about one trainee of an edition."""

    enrolment: Enrolment
    progress: Progress
    reflections: list[ReflectionItem]  # shared with the facilitators only
    attempts: list[AttemptItem]  # every knowledge-check attempt, in course order


def trainee_record(*, edition: EditionPage, pk: int) -> TraineeRecord | None:
    """One trainee holding a place in the edition, by enrolment pk; None for anyone else."""
    enrolment = (
        Enrolment.objects.active()
        .filter(pk=pk, edition=edition)
        .select_related("user", "certificate")
        .first()
    )
    if enrolment is None:
        return None
    enrolment.edition = edition
    progress = progress_for(enrolment=enrolment)
    reflections = with_prompts(
        _shared_reflections(edition)
        .filter(enrolment=enrolment)
        .order_by("lesson__path", "created_at")
    )
    lessons: dict[int, LessonPage] = {}
    attempts = []
    for attempt in (
        CheckAttempt.objects.filter(enrolment=enrolment)
        .select_related("lesson")
        .order_by("lesson__path", "block_id", "submitted_at")
    ):
        lesson = lessons.setdefault(attempt.lesson_id, attempt.lesson)
        attempts.append(
            AttemptItem(
                lesson=lesson,
                check=_block_text(lesson, CHECK, attempt.block_id, "title"),
                submitted_at=attempt.submitted_at,
                score=attempt.score,
                passed=attempt.passed,
            )
        )
    return TraineeRecord(
        enrolment=enrolment, progress=progress, reflections=reflections, attempts=attempts
    )


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


@dataclass(frozen=True)
class EditionBacklog:
    """An edition still open or running, with what waits for its course team."""

    edition: EditionPage
    pending_applications: int
    reflections_waiting: int

    def stage(self, today: datetime.date | None = None) -> str:
        """Where the edition stands today, in a few words."""
        today = today or timezone.localdate()
        edition = self.edition
        if today < edition.pre_training_start:
            return _("Starts on %(date)s") % {"date": _date(edition.pre_training_start)}
        for phase, (starts, ends) in edition.phase_dates().items():
            if starts <= today <= ends:
                return str(Phase(phase).label)
        return _("Between phases")


def _date(value: datetime.date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def editions_in_progress(*, today: datetime.date | None = None) -> list[EditionBacklog]:
    """Every live edition whose follow-up has not ended (open for applications or running), the
    soonest residential course first, each with its applications waiting for a decision and its
    shared reflections without feedback. One query, however many editions."""
    today = today or timezone.localdate()
    waiting = Reflection.objects.filter(
        enrolment__status__in=ACTIVE_STATUSES, shared_with_facilitators=True, feedback=""
    )
    editions = (
        EditionPage.objects.live()
        .filter(follow_up_end__gte=today)
        .annotate(
            pending_count=_count_per_edition(Enrolment.objects.pending(), "edition"),
            waiting_count=_count_per_edition(waiting, "enrolment__edition"),
        )
        .order_by("residential_start", "pk")
    )
    return [
        EditionBacklog(
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
    all_attempts: dict[str, list[CheckAttempt]] = field(default_factory=dict)  # by block id


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
    all_attempts: dict[str, list[CheckAttempt]] = defaultdict(list)
    for attempt in CheckAttempt.objects.filter(enrolment=enrolment, lesson=lesson):
        all_attempts[attempt.block_id].append(attempt)
        if better(attempt, attempts.get(attempt.block_id)):
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
            # Like Moodle's "passing grade or all attempts completed": a trainee who used every
            # attempt has done what the check asks, and the score stays on record for the
            # facilitators; otherwise a failed last attempt would lock the lesson for good.
            if not standing(block.value, all_attempts[block.id]).can_attempt:
                continue
            attempt = attempts.get(block.id)
            if attempt is None or not attempt.passed:
                missing.append(
                    _("Pass the knowledge check “%(title)s” with at least %(mark)d%%.")
                    % {"title": block.value.get("title"), "mark": block.value.get("pass_mark")}
                )
    return LessonActivity(
        reflections=reflections, attempts=attempts, missing=missing, all_attempts=all_attempts
    )


@dataclass(frozen=True)
class AttemptSummary:
    """A trainee's attempts at one knowledge check: how many, the best score, passed or not."""

    attempts: int
    best_score: int
    passed: bool


def check_attempt_summaries(
    *, edition: EditionPage, enrolment_ids: Iterable[int]
) -> dict[tuple[int, int, str], AttemptSummary]:
    """One query: the attempt summary of each knowledge check these enrolments of the edition
    tried, keyed by (enrolment id, lesson id, check block id). A check nobody tried has no key."""
    rows = (
        CheckAttempt.objects.filter(
            enrolment__edition=edition, enrolment_id__in=list(enrolment_ids)
        )
        .values("enrolment_id", "lesson_id", "block_id")
        .annotate(
            attempts=Count("pk"),
            best_score=Max("score"),
            passes=Count("pk", filter=Q(passed=True)),
        )
        .order_by()
    )
    return {
        (row["enrolment_id"], row["lesson_id"], row["block_id"]): AttemptSummary(
            attempts=row["attempts"], best_score=row["best_score"], passed=row["passes"] > 0
        )
        for row in rows
    }


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


def _course_of(access: CourseAccess) -> tuple[Progress | None, list[ModuleProgress]]:
    """The edition's modules with the trainee's progress, or its syllabus for everybody else."""
    if access.enrolment is not None:
        progress = progress_for(enrolment=access.enrolment)
        return progress, progress.modules
    if access.edition is not None:
        return None, syllabus_for(edition=access.edition)
    return None, []


def _module_progress_of(
    access: CourseAccess, module_path: str
) -> tuple[Progress | None, ModuleProgress | None]:
    """The module's progress for the trainee, or its syllabus entry for everybody else."""
    progress, modules = _course_of(access)
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
    graded: Grade | None = None  # the attempt the check shows, graded against the check as it is
    questions: list[dict] | None = None
    standing: CheckStanding | None = None  # the trainee's attempts at a knowledge check
    can_attempt: bool = False  # the check's form is open to this person now
    reveal: bool = False  # the right answers and the explanations show
    messages: list = field(default_factory=list)  # the result of what the trainee just did here

    @property
    def anchor(self) -> str:
        return lesson_anchor(self.block.block_type, self.block.id)

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


def _question_rows(value, graded: Grade | None, *, reveal: bool) -> list[dict]:
    """Each question with its options. The right options, the explanation and the trainee's
    ticks appear only once the answers may be revealed: until then a wrong try says which
    questions were wrong and nothing more, and the form starts blank."""
    results: dict[str, QuestionResult] = (
        {result.question_id: result for result in graded.questions} if graded else {}
    )
    rows = []
    for question in value["questions"].bound_blocks:
        result = results.get(question.id)
        chosen = set(result.chosen_ids) if result and reveal else set()
        options = question.value["options"].bound_blocks
        rows.append(
            {
                "id": question.id,
                "field_name": answer_field_name(question.id),
                "text": question.value["question"],
                "single_answer": is_single_answer(question.value),
                "result": result,
                "explanation_html": result.explanation_html if result and reveal else "",
                "options": [
                    {
                        "id": option.id,
                        "text": option.value["text"],
                        "chosen": option.id in chosen,
                        "correct": reveal and bool(option.value["correct"]),
                    }
                    for option in options
                ],
                "correct_texts": [
                    option.value["text"] for option in options if option.value["correct"]
                ]
                if reveal
                else [],
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


def _check_item(block, activity: LessonActivity | None, *, can_answer: bool, messages) -> BodyItem:
    if activity is None:  # the course team's preview: the questions, nobody's answers
        return BodyItem(
            block=block,
            questions=_question_rows(block.value, None, reveal=False),
            messages=messages,
        )
    so_far = standing(block.value, activity.all_attempts.get(block.id, []))
    graded = _graded(block.value, so_far.shown.answers) if so_far.shown else None
    reveal = so_far.reveals_answers
    return BodyItem(
        block=block,
        graded=graded,
        questions=_question_rows(block.value, graded, reveal=reveal),
        standing=so_far,
        can_attempt=can_answer and so_far.can_attempt,
        reveal=reveal,
        messages=messages,
    )


def _body_items(
    lesson: LessonPage,
    activity: LessonActivity | None,
    *,
    can_answer: bool,
    messages_by_anchor: dict[str, list],
) -> list[BodyItem]:
    items = []
    for block in lesson.body:
        if block.block_type == REFLECTION:
            items.append(
                BodyItem(
                    block=block,
                    reflection=activity.reflections.get(block.id) if activity else None,
                    messages=messages_by_anchor.get(lesson_anchor(REFLECTION, block.id), []),
                )
            )
        elif block.block_type == CHECK:
            messages = messages_by_anchor.get(lesson_anchor(CHECK, block.id), [])
            items.append(_check_item(block, activity, can_answer=can_answer, messages=messages))
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


def _next_module(
    modules: list[ModuleProgress], module_progress: ModuleProgress | None
) -> ModuleProgress | None:
    """The module after this one that has lessons, when it is open."""
    if module_progress is None:
        return None
    index = next(
        (i for i, item in enumerate(modules) if item.module.pk == module_progress.module.pk), None
    )
    following = modules[index + 1 :] if index is not None else []
    found = next((item for item in following if item.lessons), None)
    return found if found is not None and not found.locked else None


@dataclass(frozen=True)
class LessonView:
    edition: EditionPage | None
    module: ModulePage | None
    enrolment: Enrolment | None
    can_view: bool
    is_preview: bool
    module_progress: ModuleProgress | None  # the outline: the module's lessons, ticks and locks
    lesson_state: LessonState | None
    locked: bool  # locked for this trainee: the lock reason replaces the body
    body_items: list[BodyItem]  # empty unless the person may read the body now
    missing: list[str]  # what the trainee still has to do before the lesson completes
    has_check: bool
    previous_lesson: LessonPage | None
    next_lesson: LessonPage | None
    read_only_reason: str = ""  # why the trainee may read but no longer answer (a past edition)
    # Where "Next" leads from the module's last lesson: the next open module's first lesson.
    next_module: ModulePage | None = None
    next_module_lesson: LessonPage | None = None
    action_messages: list = field(default_factory=list)  # what "Mark as complete" just gave

    @property
    def checks_out_of_attempts(self) -> list[str]:
        """The titles of the checks the trainee used every attempt at without passing."""
        return [
            item.block.value["title"]
            for item in self.body_items
            if item.standing is not None and item.standing.used_up
        ]

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
    messages_by_anchor: dict[str, list] | None = None,
) -> LessonView:
    """``messages_by_anchor`` are the results of what the trainee just posted, by the anchor of
    the block they acted in (``check-<id>``, ``reflection-<id>``, ``lesson-actions``), so that
    each shows inside that block."""
    messages_by_anchor = messages_by_anchor or {}
    access = access or course_access(user=user, page=lesson)
    progress, modules = _course_of(access)
    module_path = (lesson.path or "")[: -Page.steplen]
    module_progress = next((item for item in modules if item.module.path == module_path), None)
    state = progress.lesson_state(lesson) if progress else None
    locked = bool(state and state.locked and not access.is_preview)
    show_body = access.can_view and not locked
    activity = None
    if show_body and access.enrolment is not None:
        activity = lesson_activity(enrolment=access.enrolment, lesson=lesson)
    read_only_reason = (
        permissions.lesson_work_closed_reason(access.edition)
        if access.enrolment is not None and access.edition is not None
        else ""
    )
    previous, following = _neighbours(module_progress, lesson.pk)
    next_module = None if following else _next_module(modules, module_progress)
    return LessonView(
        edition=access.edition,
        module=module_progress.module if module_progress else None,
        enrolment=access.enrolment,
        can_view=access.can_view,
        is_preview=access.is_preview,
        module_progress=module_progress,
        lesson_state=state,
        locked=locked,
        body_items=_body_items(
            lesson,
            activity,
            can_answer=access.enrolment is not None and not read_only_reason,
            messages_by_anchor=messages_by_anchor,
        )
        if show_body
        else [],
        missing=activity.missing if activity else [],
        has_check=bool(blocks_of(lesson, CHECK)),
        previous_lesson=previous,
        next_lesson=following,
        read_only_reason=read_only_reason,
        next_module=next_module.module if next_module else None,
        next_module_lesson=next_module.lessons[0].lesson if next_module else None,
        action_messages=messages_by_anchor.get(ACTIONS_ANCHOR, []),
    )
