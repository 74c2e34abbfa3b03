"""Every selection page renders with a scored nomination in it, and shows the person who opens it
what that page is for: the call to a visitor, the round and its nomination to an editor and to a
reviewer."""

import csv
import io

import pytest
from django.urls import reverse

from tests.html import field_value, headings, row_text, text

from .call_form import nomination_form, visible_text
from .factories import NominationFactory, ReviewFactory

pytestmark = pytest.mark.django_db


def test_call_page_renders(client, call_page, fields):
    response = client.get(call_page.url)
    assert response.status_code == 200
    assert "Nominate a practice" in visible_text(response)
    assert nomination_form(response) is not None


@pytest.fixture
def scored(call_page, fields, reviewer):
    nomination = NominationFactory(
        selection_round=call_page.selection_round,
        practice_name="Welcome desk",
        policy_fields=[fields["housing"]],
    )
    ReviewFactory(nomination=nomination, reviewer=reviewer, innovation=4, comment="Clear results")
    return nomination


def screens(nomination) -> dict[str, tuple[str, str, str]]:
    """Each screen's address, the heading it opens with and words it must show."""
    round_id = nomination.selection_round_id
    return {
        "dashboard": (reverse("wagtailadmin_home"), "", "Selection of practices: Round 2024"),
        "nominations": (reverse("nominations:index"), "Nominations", "Welcome desk"),
        "rounds": (reverse("selection_rounds:index"), "Selection rounds", "Round 2024"),
        "file": (
            reverse("nominations:inspect", args=[nomination.pk]),
            "Welcome desk",
            "(c) Involves public authorities Yes 1 public authority named: City of Ghent.",
        ),
        "review": (
            reverse("nominations:review", args=[nomination.pk]),
            "Review: Welcome desk",
            "Your scores",
        ),
        "ranking": (
            reverse("nominations:ranking", args=[round_id]),
            "Ranking: Round 2024",
            "Proposed short list: 1 nomination Welcome desk (Ghent; Housing) · 3.25",
        ),
        "edit": (
            reverse("nominations:edit", args=[nomination.pk]),
            "Editing: Welcome desk (Ghent)",
            "Practice name",
        ),
    }


# The screens each person works with; who may not open which is test_admin.py's to say.
SCREENS_OF = {
    "editor": ["dashboard", "nominations", "rounds", "file", "ranking", "edit"],
    "reviewer": ["dashboard", "nominations", "file", "review", "ranking"],
    "superuser": ["dashboard", "nominations", "rounds", "file", "review", "ranking", "edit"],
}


@pytest.mark.parametrize(
    ("role", "screen"),
    [(role, screen) for role, names in SCREENS_OF.items() for screen in names],
)
def test_each_admin_screen_shows_the_round_and_its_nomination(
    client, request, scored, role, screen
):
    client.force_login(request.getfixturevalue(role))
    url, heading, words = screens(scored)[screen]

    response = client.get(url)

    assert response.status_code == 200, url
    if heading:
        assert headings(response) == [heading]
    assert words in text(response)


def test_the_scores_show_on_the_file_the_ranking_and_the_review_form(client, reviewer, scored):
    client.force_login(reviewer)

    file = client.get(reverse("nominations:inspect", args=[scored.pk]))
    review_row = row_text(file, "Reviewer", reviewer.get_full_name() or reviewer.email)
    ranking_row = row_text(
        client.get(reverse("nominations:ranking", args=[scored.selection_round_id])),
        "Nomination",
        "Welcome desk",
    )
    form = client.get(reverse("nominations:review", args=[scored.pk]))

    assert (review_row["Innovation"], review_row["Comment"]) == ("4", "Clear results")
    assert ranking_row["Innovation"] == "4.0 / 5 spread 0"
    assert field_value(form, "comment") == "Clear results"


@pytest.mark.parametrize("role", ["editor", "superuser"])
def test_the_export_lists_the_scored_nomination(client, request, scored, role):
    client.force_login(request.getfixturevalue(role))

    response = client.get(reverse("nominations:export", args=[scored.selection_round_id]))

    assert response.status_code == 200
    (row,) = csv.DictReader(io.StringIO(response.content.decode()))
    assert (row["practice"], row["reviews"], row["average innovation"]) == (
        "Welcome desk",
        "1",
        "4.00",
    )
    assert row["proposed for short list"] == "yes"
