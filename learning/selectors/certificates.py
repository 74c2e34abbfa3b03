"""What a certificate states, read once for the verification page and the PDF alike: the holder,
the edition, the phases completed with their workload, and the completion date.

The phases and the date come from the same facts: the enrolment's completion time and, for each
phase, the moment its last required step was done (the latest required lesson completed, the
residential attendance confirmed). A phase is listed only if it was complete by the completion
date, so the certificate never claims a phase finished after the date it states."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms.links import absolute_url

from ..models import Certificate, EditionPage, Phase
from ..phases import PhaseProgress
from .progress import Progress, progress_for

__all__ = [
    "CertificateRecord",
    "CertifiedPhase",
    "certificate_by_code",
    "certificate_record",
    "duration_text",
]


@dataclass(frozen=True)
class CertifiedPhase:
    phase: Phase
    label: str
    starts: datetime.date
    ends: datetime.date
    workload: str
    # None when the phase had no step to date (e.g. a pre-training without required lessons).
    completed_on: datetime.date | None


@dataclass(frozen=True)
class CertificateRecord:
    certificate: Certificate
    holder_name: str
    edition: EditionPage
    completed_at: datetime.datetime
    phases: list[CertifiedPhase]
    verification_url: str
    pdf_path: str

    @property
    def code(self) -> str:
        return self.certificate.code

    @property
    def completed_on(self) -> datetime.date:
        return timezone.localdate(self.completed_at)

    @property
    def filename(self) -> str:
        return f"certificate-{self.edition.slug}.pdf"

    def fingerprint(self) -> str:
        """Changes whenever anything the certificate shows changes: an ETag for the PDF."""
        facts = [
            self.code,
            self.holder_name,
            self.edition.title,
            self.edition.venue,
            *(str(day) for day in self.edition.phase_dates().values()),
            self.completed_at.isoformat(),
            self.verification_url,
            *(f"{p.phase}|{p.starts}|{p.ends}|{p.workload}|{p.completed_on}" for p in self.phases),
        ]
        return hashlib.sha256("\n".join(facts).encode()).hexdigest()[:32]


def duration_text(minutes: int) -> str:
    """``375`` as "6 hours 15 minutes"."""
    hours, rest = divmod(max(minutes, 0), 60)
    parts = []
    if hours:
        parts.append(ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours})
    if rest or not hours:
        parts.append(ngettext("%(count)d minute", "%(count)d minutes", rest) % {"count": rest})
    return " ".join(parts)


def _completed_moment(
    phase: PhaseProgress, progress: Progress, completed_at: datetime.datetime
) -> datetime.datetime | None:
    """When the phase's last required step was done, from the facts the learning app stores."""
    if phase.phase == Phase.PRE_TRAINING:
        moments = [
            state.completed_at
            for module in progress.modules
            for state in module.lessons
            if state.is_required and state.completed_at is not None
        ]
        return max(moments, default=None)
    if phase.phase == Phase.RESIDENTIAL:
        return progress.enrolment.residential_attended_at
    # A phase another app measures: complete when the enrolment completed, as the completion
    # itself required, so its moment is the completion's.
    return completed_at


def _workload(phase: Phase, edition: EditionPage, progress: Progress) -> str:
    if phase == Phase.PRE_TRAINING:
        modules = len(progress.modules)
        minutes = sum(module.module.estimated_minutes for module in progress.modules)
        return ngettext(
            "%(count)d online module, %(time)s of study",
            "%(count)d online modules, %(time)s of study",
            modules,
        ) % {"count": modules, "time": duration_text(minutes)}
    if phase == Phase.RESIDENTIAL:
        days = (edition.residential_end - edition.residential_start).days + 1
        return ngettext("%(count)d day in %(venue)s", "%(count)d days in %(venue)s", days) % {
            "count": days,
            "venue": edition.venue,
        }
    return ""


def certificate_by_code(*, code: str) -> Certificate | None:
    return (
        Certificate.objects.select_related("enrolment__user", "enrolment__edition")
        .filter(code=code)
        .first()
    )


def certificate_record(*, code: str) -> CertificateRecord | None:
    """The certificate with this verification code and what it states; None for an unknown code.
    A fixed number of queries."""
    certificate = certificate_by_code(code=code)
    if certificate is None:
        return None
    enrolment = certificate.enrolment
    edition = enrolment.edition
    completed_at = enrolment.completed_at or certificate.issued_at
    progress = progress_for(enrolment=enrolment)
    dates = edition.phase_dates()
    phases = []
    for phase in progress.tracked_phases:
        if not phase.complete:
            continue
        moment = _completed_moment(phase, progress, completed_at)
        if moment is not None and moment > completed_at:
            continue
        starts, ends = dates[phase.phase]
        phases.append(
            CertifiedPhase(
                phase=Phase(phase.phase),
                label=phase.label,
                starts=starts,
                ends=ends,
                workload=_workload(phase.phase, edition, progress),
                completed_on=timezone.localdate(moment) if moment else None,
            )
        )
    return CertificateRecord(
        certificate=certificate,
        holder_name=enrolment.user.get_full_name() or _("A trainee who gave no name"),
        edition=edition,
        completed_at=completed_at,
        phases=phases,
        verification_url=absolute_url(reverse("learning:certificate", args=[certificate.code])),
        pdf_path=reverse("learning:certificate_pdf", args=[certificate.code]),
    )
