"""The phases of an edition as pluggable progress providers: each measures one phase for a batch
of enrolments. The agenda and the community register their own providers for the residential and
follow-up phases without the progress computation in ``selectors`` having to change."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Protocol

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import EditionPage, Enrolment, Phase

if TYPE_CHECKING:
    from .selectors import ModuleProgress


def percent_of(done: int, total: int) -> int:
    if total <= 0:
        return 100
    return min(100, (100 * done) // total)


@dataclass(frozen=True)
class PhaseProgress:
    phase: Phase
    label: str
    tracked: bool
    required_total: int = 0
    required_done: int = 0
    summary: str = ""
    missing: list[str] = field(default_factory=list)

    @property
    def percent(self) -> int:
        if not self.tracked:
            return 0
        return percent_of(self.required_done, self.required_total)

    @property
    def complete(self) -> bool:
        # An untracked phase has nothing to measure: it is never complete and never blocks.
        return self.tracked and self.required_done >= self.required_total


def overall_percent(phases: Iterable[PhaseProgress]) -> int:
    """The one "Overall" figure: the mean of the tracked phases' shares of required steps done,
    each tracked phase weighing the same, rounded down to a whole percent (like ``percent_of``).
    Untracked phases do not count; with none tracked the figure is 0. Computed from exact
    fractions, so two thirds and one third make 50, not 49."""
    shares = [
        Fraction(min(phase.required_done, phase.required_total), phase.required_total)
        if phase.required_total > 0
        else Fraction(1)
        for phase in phases
        if phase.tracked
    ]
    if not shares:
        return 0
    return int(100 * sum(shares) / len(shares))


class PhaseProvider(Protocol):
    phase: Phase

    def progress(
        self,
        *,
        edition: EditionPage,
        enrolments: list[Enrolment],
        modules: dict[int, list[ModuleProgress]],
    ) -> dict[int, PhaseProgress]:
        """Each enrolment's progress in this phase, keyed by enrolment pk, in a fixed number of
        queries whatever the number of enrolments. A provider may also offer
        ``enrolment_annotations()``: annotations that a list of enrolments across editions (the
        dashboard) carries, so that it can measure them without a query per edition."""
        ...


_providers: dict[Phase, PhaseProvider] = {}


def register(provider: PhaseProvider) -> None:
    """Measure ``provider.phase`` with ``provider`` from now on, replacing any earlier one."""
    _providers[Phase(provider.phase)] = provider


def unregister(phase: Phase) -> None:
    _providers.pop(Phase(phase), None)


def providers() -> dict[Phase, PhaseProvider]:
    return dict(_providers)


def enrolment_annotations() -> dict:
    """What the registered providers want a list of enrolments to carry (see ``PhaseProvider``)."""
    annotations = {}
    for provider in _providers.values():
        offered = getattr(provider, "enrolment_annotations", None)
        if offered is not None:
            annotations.update(offered())
    return annotations


def untracked(phase: Phase) -> PhaseProgress:
    return PhaseProgress(
        phase=phase,
        label=str(Phase(phase).label),
        tracked=False,
        summary=_("Not tracked on the platform yet."),
    )


def _date(value) -> str:
    return formats.date_format(value, "DATE_FORMAT")


class PreTrainingProvider:
    """Pre-training is done when every required lesson of every live module is complete."""

    phase = Phase.PRE_TRAINING

    def progress(self, *, edition, enrolments, modules):
        result = {}
        for enrolment in enrolments:
            total = done = 0
            missing = []
            for module in modules.get(enrolment.pk, []):
                total += module.required_total
                done += module.required_done
                for state in module.lessons:
                    if state.is_required and not state.completed:
                        missing.append(
                            _("Complete the lesson “%(lesson)s” in “%(module)s”.")
                            % {"lesson": state.lesson.title, "module": module.module.title}
                        )
            summary = ngettext(
                "%(done)d of %(total)d required lesson",
                "%(done)d of %(total)d required lessons",
                total,
            ) % {"done": done, "total": total}
            result[enrolment.pk] = PhaseProgress(
                phase=self.phase,
                label=str(Phase.PRE_TRAINING.label),
                tracked=True,
                required_total=total,
                required_done=done,
                summary=summary,
                missing=missing,
            )
        return result


class ResidentialAttendanceProvider:
    """The residential course is complete for a trainee who attended the edition's threshold
    (``EditionPage.attendance_threshold``) of the agenda's required items. A facilitator's mark
    (``Enrolment.residential_attended_at``) completes it too: it is the override for whoever
    cannot be counted item by item, and the record the threshold leaves once it is reached.
    An edition whose agenda has no required item is measured by the mark alone."""

    phase = Phase.RESIDENTIAL

    def progress(self, *, edition, enrolments, modules):
        total, attended_by = self._counts(edition, enrolments)
        if not total:
            return {enrolment.pk: self._by_mark(edition, enrolment) for enrolment in enrolments}
        needed = math.ceil(total * edition.attendance_threshold / 100)
        result = {}
        for enrolment in enrolments:
            attended = attended_by.get(enrolment.pk, 0)
            marked = enrolment.residential_attended_at is not None
            summary = ngettext(
                "%(done)d of %(total)d required session attended; %(needed)d needed",
                "%(done)d of %(total)d required sessions attended; %(needed)d needed",
                total,
            ) % {"done": attended, "total": total, "needed": needed}
            missing = []
            if not marked and attended < needed:
                missing = [
                    ngettext(
                        "Attend %(count)d more required session of the residential course.",
                        "Attend %(count)d more required sessions of the residential course.",
                        needed - attended,
                    )
                    % {"count": needed - attended}
                ]
            result[enrolment.pk] = PhaseProgress(
                phase=self.phase,
                label=str(Phase.RESIDENTIAL.label),
                tracked=True,
                required_total=needed,
                required_done=needed if marked else min(attended, needed),
                summary=summary,
                missing=missing,
            )
        return result

    @staticmethod
    def _counts(edition, enrolments) -> tuple[int, dict[int, int]]:
        """The required items and each enrolment's attendance of them: read from the
        annotations of ``residential_attendance_annotations`` when the list carries them (the
        dashboard), else two queries for the whole list."""
        if enrolments and all(hasattr(e, "agenda_required_total") for e in enrolments):
            return enrolments[0].agenda_required_total, {
                e.pk: e.agenda_required_attended for e in enrolments
            }
        from .agenda_selectors import required_attendance

        counts = required_attendance(edition=edition, enrolment_pks=[e.pk for e in enrolments])
        return counts.required_total, counts.attended

    def _by_mark(self, edition, enrolment) -> PhaseProgress:
        attended = enrolment.residential_attended_at
        if attended:
            summary = _("Attendance confirmed on %(date)s.") % {
                "date": _date(timezone.localtime(attended))
            }
            missing = []
        else:
            summary = _("Attendance not confirmed yet.")
            missing = [
                _("Attend the residential course in %(venue)s (%(start)s to %(end)s).")
                % {
                    "venue": edition.venue,
                    "start": _date(edition.residential_start),
                    "end": _date(edition.residential_end),
                }
            ]
        return PhaseProgress(
            phase=self.phase,
            label=str(Phase.RESIDENTIAL.label),
            tracked=True,
            required_total=1,
            required_done=1 if attended else 0,
            summary=summary,
            missing=missing,
        )


def register_defaults() -> None:
    """The providers the learning app measures itself; ``LearningConfig.ready()`` calls this."""
    register(PreTrainingProvider())
    register(ResidentialAttendanceProvider())
