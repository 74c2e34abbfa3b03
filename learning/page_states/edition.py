"""The edition page's state: the syllabus (or the trainee's own progress), the residential week
summed up, and what the person may do there (apply, withdraw, open the cohort page)."""

from __future__ import annotations

from dataclasses import dataclass

from cms.accounts.types import AnyUser

from .. import permissions
from ..agenda.selectors import AgendaSummary, agenda_summary
from ..models import EditionPage, Enrolment, EnrolmentStatus, Phase
from ..selectors.course import ModuleProgress, syllabus_for
from ..selectors.editions import enrolment_for
from ..selectors.progress import Progress, progress_for

__all__ = ["EditionPageState", "edition_page_state"]


@dataclass(frozen=True)
class EditionPageState:
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
    residential: AgendaSummary | None  # the residential week, once its agenda is published


def edition_page_state(*, user: AnyUser, edition: EditionPage) -> EditionPageState:
    enrolment = enrolment_for(user=user, edition=edition)
    progress = None
    if permissions.holds_place(user, enrolment):
        progress = progress_for(enrolment=enrolment)
        syllabus = progress.modules
    else:
        syllabus = syllabus_for(edition=edition)
    can_view_cohort = permissions.can_view_cohort(user, edition)
    dates = edition.phase_dates()
    return EditionPageState(
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
        residential=agenda_summary(edition=edition),
    )
