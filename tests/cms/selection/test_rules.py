"""Pre-requisites (c) and (d) computed from the data, at the edges of rule (d)."""

import datetime

import pytest

from cms.selection.models import add_years
from cms.selection.rules import check_authorities, check_dates

REFERENCE = datetime.date(2024, 6, 1)


def test_add_years_keeps_the_calendar_day_and_handles_leap_days():
    assert add_years(datetime.date(2024, 6, 1), -2) == datetime.date(2022, 6, 1)
    assert add_years(datetime.date(2024, 2, 29), 2) == datetime.date(2026, 2, 28)


def test_ended_exactly_two_years_before_the_reference_date_still_counts():
    check = check_dates(
        start=datetime.date(2015, 1, 1), end=datetime.date(2022, 6, 1), reference=REFERENCE
    )
    assert check.met is True
    assert "within two years" in check.reason


def test_ended_two_years_and_one_day_before_is_too_long_ago():
    check = check_dates(
        start=datetime.date(2015, 1, 1), end=datetime.date(2022, 5, 31), reference=REFERENCE
    )
    assert check.met is False
    assert "Ended on 31 May 2022, more than two years before the reference date 1 June 2024" in (
        check.reason
    )


def test_exactly_two_years_of_implementation_is_enough():
    check = check_dates(start=datetime.date(2022, 6, 1), end=None, reference=REFERENCE)
    assert check.met is True
    assert "Live on the reference date" in check.reason


def test_one_day_short_of_two_years_of_implementation_is_not():
    check = check_dates(start=datetime.date(2022, 6, 2), end=None, reference=REFERENCE)
    assert check.met is False
    assert "less than two years of implementation" in check.reason
    assert "2 June 2024" in check.reason


def test_implementation_is_counted_until_the_end_date_when_it_ended():
    ok = check_dates(
        start=datetime.date(2021, 1, 1), end=datetime.date(2023, 1, 1), reference=REFERENCE
    )
    short = check_dates(
        start=datetime.date(2021, 1, 2), end=datetime.date(2023, 1, 1), reference=REFERENCE
    )
    assert ok.met is True and short.met is False


def test_a_planned_end_after_the_reference_date_is_live():
    check = check_dates(
        start=datetime.date(2015, 1, 1), end=datetime.date(2030, 1, 1), reference=REFERENCE
    )
    assert check.met is True


@pytest.mark.parametrize(
    ("text", "met"), [("", None), ("  \n ", None), ("City council", True), ("A\nB", True)]
)
def test_a_yes_about_public_authorities_needs_a_name_to_be_met(text, met):
    assert check_authorities(text, answer=True).met is met
