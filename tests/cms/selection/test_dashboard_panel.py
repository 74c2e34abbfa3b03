"""The selection panel on the Wagtail dashboard: who sees it, what it counts, where it leads."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from cms.selection.models import NominationStatus
from tests.cms.factories import UserFactory
from tests.html import element, headings, links, table_rows, text

from .factories import NominationFactory, ReviewFactory
from .test_admin import make_nominations

pytestmark = pytest.mark.django_db

PANEL = "#selection-round-section"


def _dashboard(client, user):
    client.force_login(user)
    return client.get(reverse("wagtailadmin_home"))


def _rows(response) -> dict[str, list[str]]:
    """The panel's table as {row heading: [the words of each cell after it]}."""
    _column_headings, *rows = table_rows(response, f"{PANEL} table")
    return {cells[0]: cells[1:] for cells in rows}


def _listing(selection_round, **filters) -> str:
    query = urlencode({"selection_round": selection_round.pk, **filters})
    return f"{reverse('nominations:index')}?{query}"


@pytest.fixture
def nominations(selection_round, reviewer):
    long_listed = NominationFactory(selection_round=selection_round, practice_name="Welcome desk")
    NominationFactory(selection_round=selection_round, status=NominationStatus.PENDING)
    NominationFactory(
        selection_round=selection_round,
        status=NominationStatus.NOT_ELIGIBLE,
        is_self_nomination=False,
    )
    ReviewFactory(nomination=long_listed, reviewer=reviewer)
    return long_listed


def test_the_panel_counts_the_round_by_status_with_its_reviews(
    client, reviewer, selection_round, nominations
):
    response = _dashboard(client, reviewer)

    assert headings(response, "h2", PANEL) == ["Selection of practices: Round 2024"]
    assert _rows(response) == {
        "All nominations": ["3 (2 self-nominated)", ""],
        "Awaiting checks": ["1", ""],
        "Long-listed": ["1", ""],
        "Not eligible": ["1", ""],
        "Reviews": ["1 (1 by you)", ""],
    }


def test_each_status_is_drawn_as_a_share_of_all_nominations(
    client, reviewer, selection_round, nominations
):
    meters = element(_dashboard(client, reviewer), PANEL).select("meter")

    assert [(m["value"], m["max"]) for m in meters] == [("1", "3"), ("1", "3"), ("1", "3")]
    assert all(m["aria-hidden"] == "true" for m in meters)


def test_each_count_leads_to_the_listing_filtered_to_it(
    client, reviewer, selection_round, nominations
):
    found = links(_dashboard(client, reviewer), PANEL)

    assert ("All nominations", _listing(selection_round)) in found
    assert ("Awaiting checks", _listing(selection_round, status="pending")) in found
    assert ("Long-listed", _listing(selection_round, status="long_listed")) in found
    assert ("Not eligible", _listing(selection_round, status="not_eligible")) in found
    ranking = reverse("nominations:ranking", args=[selection_round.pk])
    assert ("Ranking and short list", ranking) in found


def test_a_filtered_link_lists_only_its_status(client, reviewer, selection_round, nominations):
    client.force_login(reviewer)

    response = client.get(_listing(selection_round, status="long_listed"))

    assert "Welcome desk" in text(response)
    assert "Nominated practice" not in text(response)


@pytest.mark.parametrize(
    ("role", "exports"), [("editor", True), ("reviewer", False), ("superuser", True)]
)
def test_assessors_see_the_panel_and_editors_its_export(
    client, request, selection_round, nominations, role, exports
):
    response = _dashboard(client, request.getfixturevalue(role))

    assert _rows(response)["All nominations"][0] == "3 (2 self-nominated)"
    export = reverse("nominations:export", args=[selection_round.pk])
    assert (("Export (CSV)", export) in links(response, PANEL)) is exports


def test_a_member_or_a_visitor_never_sees_it(client, member, selection_round, nominations):
    assert "Selection of practices" not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Selection of practices" not in _dashboard(client, member).content.decode()


def test_an_admin_user_without_selection_rights_does_not_see_it(client, selection_round):
    moderator = UserFactory(email="moderator@example.org", groups=["Moderators"])

    response = _dashboard(client, moderator)

    assert "Selection of practices" not in response.content.decode()


def test_without_a_round_the_panel_says_so(client, editor):
    response = _dashboard(client, editor)

    assert "No selection round yet." in text(response, PANEL)


@pytest.mark.parametrize("count", [10, 300])
def test_dashboard_query_budget_does_not_grow(
    client, reviewer, selection_round, fields, count, django_assert_max_num_queries
):
    make_nominations(selection_round, fields, [reviewer], count)
    client.force_login(reviewer)
    url = reverse("wagtailadmin_home")
    client.get(url)
    with django_assert_max_num_queries(24):
        response = client.get(url)
    assert _rows(response)["All nominations"][0].startswith(f"{count} ")
