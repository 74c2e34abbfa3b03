"""What the course team reads about an edition's cohort: the progress table of every trainee
holding a place, the applications waiting for a decision, and one trainee's record."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Value, When

from .. import phases
from ..knowledge_checks import CHECK, block_text
from ..models import (
    CheckAttempt,
    EditionPage,
    Enrolment,
    LessonCompletion,
    LessonPage,
    ModulePage,
    Phase,
)
from .course import ModuleProgress, course_structures
from .progress import Progress, progress_for
from .reflections import ReflectionItem, shared_reflections_queryset, with_prompts

__all__ = [
    "AttemptItem",
    "CohortSummary",
    "TraineeRecord",
    "check_attempt_counts",
    "cohort_summary",
    "pending_applications",
    "trainee_record",
]


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

    Unlike ``progress.cohort_progress`` nothing is built per lesson: the database counts each
    trainee's completed required lessons per module, and the modules carry those counts only (no
    lesson states, no lock reasons, no sentences about what is missing), which is all the phase
    providers need to measure the same figures."""
    structure = course_structures([edition])[edition.pk]
    cohort = Enrolment.objects.active().filter(edition=edition)
    enrolments = list(
        cohort.select_related("user")
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
            LessonCompletion.objects.filter(enrolment__in=cohort, lesson_id__in=required)
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


def pending_applications(*, edition: EditionPage) -> list[Enrolment]:
    """Applications waiting for a decision, the oldest first."""
    return list(
        Enrolment.objects.pending()
        .filter(edition=edition)
        .select_related("user")
        .order_by("applied_at")
    )


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
        shared_reflections_queryset(edition=edition)
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
                check=block_text(lesson, CHECK, attempt.block_id, "title"),
                submitted_at=attempt.submitted_at,
                score=attempt.score,
                passed=attempt.passed,
            )
        )
    return TraineeRecord(
        enrolment=enrolment, progress=progress, reflections=reflections, attempts=attempts
    )
