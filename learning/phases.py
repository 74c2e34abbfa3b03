"""The phases of an edition as pluggable progress providers: each measures one phase for a batch
of enrolments. The pre-training provider is here; the agenda (``learning.agenda.phase``) and the
community register their own for the residential and follow-up phases, without the progress
computation in ``learning.selectors.progress`` having to change."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Protocol

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import EditionPage, Enrolment, Phase
from .selectors.course import ModuleProgress, percent_of


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
