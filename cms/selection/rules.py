"""The five pre-requisites of the long list as pure functions of a nomination's data.

(a) and (b) are a reviewer's call, (c) and (d) follow from the nominator's answers unless a
reviewer settles them, and (e) is a property of the long list as a whole (see
``selectors.policy_field_spread``). A missing or unclear answer needs review (``met`` is None);
only a definite answer that fails a rule is "not met".
"""

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms.text import one_per_line

from .models import YEARS_LIVE_AFTER_END, YEARS_OF_IMPLEMENTATION, NominationStatus, add_years


@dataclass(frozen=True)
class Check:
    code: str
    label: str
    met: bool | None  # None: needs review (unchecked, or an answer missing or unclear)
    reason: str


def _day(day: datetime.date) -> str:
    return date_format(day, "DATE_FORMAT")


def _verdict(code: str, label: str, verdict: bool, note: str) -> Check:
    if verdict:
        return Check(code, label, True, note or _("A reviewer found it met."))
    return Check(code, label, False, note or _("A reviewer found it not met."))


def check_authorities(
    public_authorities: str,
    *,
    answer: bool | None = True,
    verdict: bool | None = None,
    note: str = "",
) -> Check:
    """(c) from the nominator's answer; a reviewer's verdict, when given, settles it."""
    label = _("(c) Involves public authorities")
    if verdict is not None:
        return _verdict("c", label, verdict, note)
    named = one_per_line(public_authorities)
    if answer is False:
        return Check("c", label, False, _("The nominator says no public authority is involved."))
    if answer is None:
        return Check(
            "c",
            label,
            None,
            _("The nominator was not sure whether a public authority is involved."),
        )
    if not named:
        return Check(
            "c",
            label,
            None,
            _("The nominator says public authorities are involved but names none."),
        )
    return Check(
        "c",
        label,
        True,
        ngettext(
            "%(count)d public authority named: %(names)s.",
            "%(count)d public authorities named: %(names)s.",
            len(named),
        )
        % {"count": len(named), "names": "; ".join(named)},
    )


def check_dates(
    *,
    start: datetime.date | None,
    end: datetime.date | None,
    reference: datetime.date,
    approximate: bool = False,
    verdict: bool | None = None,
    note: str = "",
) -> Check:
    """Live (or ended at most two years before the reference date) and two years of work.

    Only a definite answer can fail the rule. An approximate start is the first day of the
    month or year the nominator gave, so the real start is no earlier: a shortfall is certain,
    but enough time only when it holds even if the practice started a year later.
    """
    label = _("(d) Live or recently ended, with two years of implementation")
    if verdict is not None:
        return _verdict("d", label, verdict, note)
    earliest_end = add_years(reference, -YEARS_LIVE_AFTER_END)
    if end is not None and end < earliest_end:
        return Check(
            "d",
            label,
            False,
            _("Ended on %(end)s, more than two years before the reference date %(ref)s.")
            % {"end": _day(end), "ref": _day(reference)},
        )
    if start is None:
        return Check("d", label, None, _("No start of implementation was given."))
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
    if approximate and implemented_until < add_years(needed, 1):
        return Check(
            "d",
            label,
            None,
            _(
                "Started in about %(year)s (the exact date is not known): two years of "
                "implementation by %(until)s hold only if it started by %(latest)s."
            )
            % {
                "year": start.year,
                "until": _day(implemented_until),
                "latest": _day(add_years(implemented_until, -YEARS_OF_IMPLEMENTATION)),
            },
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
        return Check(code, label, None, _("A reviewer has not checked it yet."))
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
        check_authorities(
            nomination.public_authorities,
            answer=nomination.involves_public_authorities,
            verdict=nomination.authorities_verdict,
            note=nomination.authorities_note,
        ),
        check_dates(
            start=nomination.start_date,
            end=nomination.end_date,
            reference=reference,
            approximate=nomination.start_date_is_approximate,
            verdict=nomination.dates_verdict,
            note=nomination.dates_note,
        ),
    ]


def status_from_checks(checks: list[Check]) -> str:
    if any(check.met is False for check in checks):
        return NominationStatus.NOT_ELIGIBLE
    if any(check.met is None for check in checks):
        return NominationStatus.PENDING
    return NominationStatus.LONG_LISTED
