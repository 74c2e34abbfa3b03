"""A trainee's progress in an edition, across its three phases: the course's modules and lessons
(``course``) combined with what each registered phase provider measures (``learning.phases``).
Progress is computed here and only here: every fact for a batch of enrolments is loaded with one
query each, so each function runs a fixed number of queries whatever the size of the course or
the cohort."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.utils import timezone

from cms.accounts.types import AnyUser

from .. import phases
from ..models import EditionPage, Enrolment, LessonCompletion, LessonPage, ModulePage, Phase
from ..phases import PhaseProgress
from .course import (
    LessonState,
    ModuleProgress,
    Structure,
    course_structures,
    lesson_completions,
    module_states,
    next_open_lesson,
)

__all__ = [
    "Progress",
    "cohort_progress",
    "dashboard_for",
    "progress_for",
]


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


def _progress_batch(
    *,
    edition: EditionPage,
    enrolments: list[Enrolment],
    structure: Structure,
    completions: dict[int, dict[int, LessonCompletion]],
    now: datetime.datetime,
) -> list[Progress]:
    modules = {
        enrolment.pk: module_states(structure, completions.get(enrolment.pk, {}), now)
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
                next_lesson=next_open_lesson(modules[enrolment.pk]),
                missing=[item for phase in phase_list if phase.tracked for item in phase.missing],
            )
        )
    return result


def progress_for(*, enrolment: Enrolment) -> Progress:
    edition = enrolment.edition
    structure = course_structures([edition])[edition.pk]
    return _progress_batch(
        edition=edition,
        enrolments=[enrolment],
        structure=structure,
        completions=lesson_completions([enrolment.pk]),
        now=timezone.now(),
    )[0]


def dashboard_for(*, user: AnyUser) -> list[Progress]:
    """Every enrolment of the user, the newest edition first."""
    if not user.is_authenticated:
        return []
    enrolments = list(
        Enrolment.objects.filter(user=user)
        .select_related("edition", "certificate")
        # What the phase providers read from each enrolment (the residential phase's attendance
        # counts, say), so that no enrolment costs a query.
        .annotate(**phases.enrolment_annotations())
        .order_by("-edition__residential_start", "-pk")
    )
    editions = {enrolment.edition_id: enrolment.edition for enrolment in enrolments}
    structures = course_structures(editions.values())
    completions = lesson_completions([enrolment.pk for enrolment in enrolments])
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
    enrolments = enrolments.filter(status=status) if status else enrolments.active()
    enrolments = list(enrolments.order_by("user__last_name", "user__first_name", "user__email"))
    for enrolment in enrolments:
        # The caller's instance already has the page loaded; don't fetch it again per row.
        enrolment.edition = edition
    structure = course_structures([edition])[edition.pk]
    completions = lesson_completions([enrolment.pk for enrolment in enrolments])
    return _progress_batch(
        edition=edition,
        enrolments=enrolments,
        structure=structure,
        completions=completions,
        now=timezone.now(),
    )
