"""The five pre-requisites of the long list as pure functions of a nomination's data.

(a) and (b) are a reviewer's call, (c) and (d) follow from the data, and (e) is a property of
the long list as a whole (see ``selectors.policy_field_spread``).
"""

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import YEARS_LIVE_AFTER_END, YEARS_OF_IMPLEMENTATION, NominationStatus, add_years


@dataclass(frozen=True)
class Check:
    code: str
    label: str
    met: bool | None  # None: a reviewer has not decided yet
    reason: str


def _day(day: datetime.date) -> str:
    return date_format(day, "DATE_FORMAT")


def check_authorities(public_authorities: str) -> Check:
    named = [line for line in public_authorities.splitlines() if line.strip()]
    if named:
        reason = _("%(count)d public authority named.") % {"count": len(named)}
        if len(named) > 1:
            reason = _("%(count)d public authorities named.") % {"count": len(named)}
        return Check("c", _("(c) Involves public authorities"), True, reason)
    return Check("c", _("(c) Involves public authorities"), False, _("No public authority named."))


def check_dates(
    *, start: datetime.date, end: datetime.date | None, reference: datetime.date
) -> Check:
    """Live (or ended at most two years before the reference date) and two years of work."""
    label = _("(d) Live or recently ended, with two years of implementation")
    earliest_end = add_years(reference, -YEARS_LIVE_AFTER_END)
    if end is not None and end < earliest_end:
        return Check(
            "d",
            label,
            False,
            _("Ended on %(end)s, more than two years before the reference date %(ref)s.")
            % {"end": _day(end), "ref": _day(reference)},
        )
    implemented_until = min(end, reference) if end is not None else reference
    needed = add_years(start, YEARS_OF_IMPLEMENTATION)
    if implemented_until < needed:
        return Check(
            "d",
            label,
            False,
            _(
                "Ran from %(start)s to %(until)s: less than two years of implementation "
                "(two years are reached on %(needed)s)."
            )
            % {"start": _day(start), "until": _day(implemented_until), "needed": _day(needed)},
        )
    if end is None or end >= reference:
        reason = _("Live on the reference date %(ref)s, started %(start)s.")
    else:
        reason = _("Ended on %(end)s, within two years of the reference date %(ref)s.")
    return Check(
        "d",
        label,
        True,
        reason % {"ref": _day(reference), "start": _day(start), "end": _day(end) if end else ""},
    )


def check_reviewed(code: str, label: str, value: bool | None, note: str) -> Check:
    if value is None:
        return Check(code, label, None, _("Not checked yet."))
    return Check(code, label, value, note or (_("Yes.") if value else _("No.")))


def prerequisite_checks(nomination, *, reference: datetime.date) -> list[Check]:
    return [
        check_reviewed(
            "a",
            _("(a) Clear integration goals for people with a migrant background"),
            nomination.clear_goals,
            nomination.clear_goals_note,
        ),
        check_reviewed(
            "b",
            _("(b) Carried out at local level"),
            nomination.local_level,
            nomination.local_level_note,
        ),
        check_authorities(nomination.public_authorities),
        check_dates(start=nomination.start_date, end=nomination.end_date, reference=reference),
    ]


def status_from_checks(checks: list[Check]) -> str:
    if any(check.met is False for check in checks):
        return NominationStatus.NOT_ELIGIBLE
    if any(check.met is None for check in checks):
        return NominationStatus.PENDING
    return NominationStatus.LONG_LISTED
