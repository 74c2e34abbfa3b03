"""What editors and visitors read on the selection screens: dates written the project's way,
the pre-requisite letters explained, and lists that end where they end."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse

from cms.selection.models import NominationStatus, SelectionRound
from tests.html import links, row_cells, row_text, text

from .factories import NominationFactory, SelectionRoundFactory

pytestmark = pytest.mark.django_db

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


def test_the_nominations_listing_writes_dates_like_the_site(client, editor, selection_round):
    NominationFactory(
        selection_round=selection_round,
        practice_name="Welcome desk",
        submitted_at=datetime.datetime(2026, 12, 1, 16, 14, tzinfo=BRUSSELS),
    )
    client.force_login(editor)
    response = client.get(reverse("nominations:index"))
    row = row_text(response, "Practice", "Welcome desk")
    assert row["Submitted"] == "1 December 2026, 16:14"


def test_the_call_page_writes_dates_like_the_admin(client, call_page):
    call_page.opens_at = datetime.datetime(2026, 12, 1, 16, 14, tzinfo=BRUSSELS)
    call_page.save()
    response = client.get(call_page.url)
    assert "Open from 1 December 2026, 16:14" in text(response)


def test_each_unmet_pre_requisite_says_what_it_means(client, editor, selection_round):
    NominationFactory(
        selection_round=selection_round,
        practice_name="Short and unsupported",
        involves_public_authorities=False,
        public_authorities="",
        start_date=datetime.date(2023, 9, 1),
        status=NominationStatus.NOT_ELIGIBLE,
    )
    client.force_login(editor)
    response = client.get(reverse("nominations:index"))
    row = row_cells(response, "Practice", "Short and unsupported")
    codes = {
        abbr.get_text(): abbr["title"] for abbr in row["Unmet pre-requisites"].find_all("abbr")
    }
    assert list(codes) == ["(c)", "(d)"]
    assert codes["(c)"].startswith("Involves public authorities")
    assert "two years of implementation" in codes["(d)"]


def test_other_rounds_read_as_a_sentence_without_a_stray_comma(client, editor, selection_round):
    SelectionRoundFactory(name="Call 2026", slug="call-2026")
    client.force_login(editor)
    url = reverse("nominations:ranking", args=[selection_round.pk])
    response = client.get(url)
    assert "Other rounds: Call 2026." in text(response)
    assert "Call 2026," not in text(response)

    SelectionRoundFactory(name="Call 2027", slug="call-2027")
    SelectionRoundFactory(name="Call 2028", slug="call-2028")
    response = client.get(url)
    assert "Other rounds: Call 2028, Call 2027 and Call 2026." in text(response)
    assert dict(links(response, "nav[aria-labelledby=other-rounds-heading]"))[
        "Call 2028"
    ] == reverse("nominations:ranking", args=[SelectionRound.objects.get(name="Call 2028").pk])


def test_the_rounds_listing_writes_a_date_without_abbreviations(client, editor, selection_round):
    client.force_login(editor)
    response = client.get(reverse("selection_rounds:index"))
    assert row_text(response, "Name", "Round 2024")["Reference date"] == "1 June 2024"
