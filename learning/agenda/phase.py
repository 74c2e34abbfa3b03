"""The residential phase as the agenda measures it: attended required items against the edition's
threshold, or a facilitator's mark. ``LearningConfig.ready()`` registers it with
``learning.phases``."""

from __future__ import annotations

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import Phase
from ..phases import PhaseProgress
from .selectors import attendance_needed, required_attendance, residential_attendance_annotations

__all__ = ["ResidentialAttendanceProvider"]


def _date(value) -> str:
    return formats.date_format(value, "DATE_FORMAT")


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
        needed = attendance_needed(edition=edition, required_total=total)
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

    def enrolment_annotations(self) -> dict:
        """What a list of enrolments across editions (the dashboard) carries so that measuring
        it costs no query per edition: see ``residential_attendance_annotations``."""
        return residential_attendance_annotations()

    @staticmethod
    def _counts(edition, enrolments) -> tuple[int, dict[int, int]]:
        """The required items and each enrolment's attendance of them: read from the
        annotations of ``enrolment_annotations`` when the list carries them (the dashboard),
        else two queries for the whole list."""
        if enrolments and all(hasattr(e, "agenda_required_total") for e in enrolments):
            return enrolments[0].agenda_required_total, {
                e.pk: e.agenda_required_attended for e in enrolments
            }
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
