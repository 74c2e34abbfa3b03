"""The selection screens in the Wagtail admin, for each role, and their query budgets."""

import csv
import io

import pytest
from django.urls import reverse

from cms.models import PracticePage
from cms.selection.models import Decision, Nomination, NominationStatus, Review
from tests.html import (
    admin_menu,
    buttons,
    field_value,
    headings,
    links,
    row_cells,
    row_text,
    rows_by_heading,
    text,
)

from .factories import NominationFactory, ReviewFactory

pytestmark = pytest.mark.django_db

DENIED = {302, 403}


@pytest.fixture
def nomination(selection_round, fields):
    return NominationFactory(
        selection_round=selection_round,
        practice_name="Welcome desk",
        policy_fields=[fields["housing"]],
    )


@pytest.fixture
def people(member, editor, reviewer):
    return {"visitor": None, "member": member, "editor": editor, "reviewer": reviewer}


def as_role(client, people, role):
    if people[role] is not None:
        client.force_login(people[role])
    return client


VIEWS = {
    "listing": lambda n: reverse("nominations:index"),
    "detail": lambda n: reverse("nominations:inspect", args=[n.pk]),
    "review": lambda n: reverse("nominations:review", args=[n.pk]),
    "ranking": lambda n: reverse("nominations:ranking", args=[n.selection_round_id]),
    "export": lambda n: reverse("nominations:export", args=[n.selection_round_id]),
    "rounds": lambda n: reverse("selection_rounds:index"),
    "edit": lambda n: reverse("nominations:edit", args=[n.pk]),
    "round": lambda n: reverse("selection_rounds:edit", args=[n.selection_round_id]),
}
ALLOWED = {
    "listing": {"editor", "reviewer"},
    "detail": {"editor", "reviewer"},
    "review": {"reviewer"},
    "ranking": {"editor", "reviewer"},
    "export": {"editor"},
    "rounds": {"editor"},
    "edit": {"editor"},
    "round": {"editor"},
}
SHOWS = {
    "listing": "Welcome desk",
    "detail": "Welcome desk",
    "review": "Welcome desk",
    "ranking": "Welcome desk",
    "export": "Welcome desk",
    "rounds": "Round 2024",
    "edit": "Welcome desk",
    "round": "Round 2024",
}


@pytest.mark.parametrize("role", ["visitor", "member", "editor", "reviewer"])
@pytest.mark.parametrize("view", sorted(VIEWS))
def test_who_may_open_each_screen(client, people, nomination, role, view):
    response = as_role(client, people, role).get(VIEWS[view](nomination))
    if role in ALLOWED[view]:
        assert response.status_code == 200
        if view == "export":
            assert SHOWS[view] in response.content.decode()
        else:
            assert SHOWS[view] in text(response)
    else:
        assert response.status_code in DENIED
        assert "Welcome desk" not in response.content.decode()


@pytest.mark.parametrize("role", ["visitor", "member", "editor", "reviewer"])
def test_the_ranking_menu_item_opens_the_current_round(client, people, nomination, role):
    response = as_role(client, people, role).get(reverse("nominations:ranking_current"))
    ranking = reverse("nominations:ranking", args=[nomination.selection_round_id])
    if role in ALLOWED["ranking"]:
        assert response["Location"] == ranking
    else:
        assert response.status_code in DENIED
        assert not response.get("Location", "").startswith(ranking)


def test_the_ranking_menu_item_says_when_there_is_no_round(client, editor):
    client.force_login(editor)
    response = client.get(reverse("nominations:ranking_current"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")
    assert "There is no selection round yet." in text(response)


@pytest.mark.parametrize("role", ["visitor", "member", "editor", "reviewer"])
def test_the_admin_home_shows_selection_to_assessors_only(client, people, nomination, role):
    response = as_role(client, people, role).get(reverse("wagtailadmin_home"))
    if role not in {"editor", "reviewer"}:
        assert response.status_code in DENIED
        assert "Selection of practices" not in response.content.decode()
        return
    menu = admin_menu(response)
    assert menu["Ranking"] == reverse("nominations:ranking_current")
    assert menu["Nominations"] == reverse("nominations:index")
    assert ("Rounds" in menu) is (role == "editor")
    panel = "#selection-round-section"
    assert headings(response, "h2", panel) == ["Selection of practices: Round 2024"]
    export = reverse("nominations:export", args=[nomination.selection_round_id])
    assert (("Export (CSV)", export) in links(response, panel)) is (role == "editor")


def test_a_nominations_file_offers_each_role_its_own_actions(client, editor, reviewer, nomination):
    url = reverse("nominations:inspect", args=[nomination.pk])
    review = reverse("nominations:review", args=[nomination.pk])

    client.force_login(reviewer)
    page = client.get(url)
    assert dict(links(page))["Review this nomination"] == review
    assert "Edit" not in dict(links(page))
    assert set(buttons(page)) >= {"Save the checks"}
    assert not set(buttons(page)) & {"Save the decision", "Promote to a practice profile"}

    client.force_login(editor)
    page = client.get(url)
    assert "Review this nomination" not in dict(links(page))
    assert dict(links(page))["Edit"] == reverse("nominations:edit", args=[nomination.pk])
    assert set(buttons(page)) >= {
        "Save the checks",
        "Save the decision",
        "Promote to a practice profile",
    }


@pytest.mark.parametrize("view", ["check", "decide", "promote"])
def test_the_forms_of_a_file_lead_back_to_it_when_opened(client, editor, nomination, view):
    client.force_login(editor)
    response = client.get(reverse(f"nominations:{view}", args=[nomination.pk]))
    assert response["Location"] == reverse("nominations:inspect", args=[nomination.pk])


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("visitor", False), ("member", False), ("editor", False), ("reviewer", True)],
)
def test_only_reviewers_score(client, people, nomination, role, allowed):
    scores = {"innovation": 4, "success": 3, "sustainability": 5, "transferability": 2}
    response = as_role(client, people, role).post(
        reverse("nominations:review", args=[nomination.pk]), scores
    )
    assert Review.objects.filter(nomination=nomination).exists() is allowed
    if not allowed:
        assert response.status_code in DENIED


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("visitor", False), ("member", False), ("editor", True), ("reviewer", False)],
)
def test_only_editors_pin_exclude_and_promote(
    client, people, nomination, practice_index, reviewer, role, allowed
):
    ReviewFactory(nomination=nomination, reviewer=reviewer, innovation=4)
    client = as_role(client, people, role)
    response = client.post(
        reverse("nominations:decide", args=[nomination.pk]),
        {"action": "pin", "reason": "A sector we lack"},
    )
    ranking = reverse("nominations:ranking", args=[nomination.selection_round_id])
    assert (response.status_code == 302 and response["Location"] == ranking) is allowed
    nomination.refresh_from_db()
    assert (nomination.decision == Decision.PINNED) is allowed

    response = client.post(reverse("nominations:promote", args=[nomination.pk]))
    assert PracticePage.objects.filter(source_nomination=nomination).exists() is allowed
    if allowed:
        page = PracticePage.objects.get(source_nomination=nomination)
        assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
        client.post(reverse("nominations:promote", args=[nomination.pk]))
        assert PracticePage.objects.filter(source_nomination=nomination).count() == 1


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("visitor", False), ("member", False), ("editor", True), ("reviewer", True)],
)
def test_editors_and_reviewers_check_pre_requisites(client, people, selection_round, role, allowed):
    pending = NominationFactory(
        selection_round=selection_round,
        clear_goals=None,
        status=NominationStatus.PENDING,
    )
    as_role(client, people, role).post(
        reverse("nominations:check", args=[pending.pk]),
        {"clear_goals": "yes", "local_level": "yes", "clear_goals_note": "Stated plainly"},
    )
    pending.refresh_from_db()
    assert (pending.status == NominationStatus.LONG_LISTED) is allowed


def test_the_detail_shows_why_a_nomination_is_not_long_listed(client, editor, selection_round):
    out = NominationFactory(
        selection_round=selection_round,
        involves_public_authorities=False,
        public_authorities="",
        status=NominationStatus.NOT_ELIGIBLE,
    )
    client.force_login(editor)
    response = client.get(reverse("nominations:inspect", args=[out.pk]))
    assert "Not eligible" in text(response)
    row = row_text(response, "Pre-requisite", "(c)")
    assert (row["Met"], row["Why"]) == (
        "No",
        "The nominator says no public authority is involved.",
    )


def test_a_reviewer_scores_then_edits_a_review(client, reviewer, nomination):
    client.force_login(reviewer)
    url = reverse("nominations:review", args=[nomination.pk])
    scores = {"innovation": 4, "success": 3, "sustainability": 5, "transferability": 2}
    response = client.post(url, {**scores, "comment": "Well documented"})
    assert response.status_code == 302
    assert response["Location"] == reverse("nominations:inspect", args=[nomination.pk])
    review = Review.objects.get()
    assert (review.reviewer, review.innovation, review.comment) == (reviewer, 4, "Well documented")

    response = client.post(url, {**scores, "innovation": 5})
    assert response.status_code == 302
    assert Review.objects.count() == 1
    assert Review.objects.get().innovation == 5


@pytest.mark.parametrize("bad", [0, 6])
def test_a_score_of_zero_or_six_is_refused_in_the_form(client, reviewer, nomination, bad):
    client.force_login(reviewer)
    response = client.post(
        reverse("nominations:review", args=[nomination.pk]),
        {"innovation": bad, "success": 3, "sustainability": 3, "transferability": 3},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["innovation"] == ["Give a score from 1 to 5."]
    assert "Give a score from 1 to 5." in text(response)
    assert Review.objects.count() == 0


def test_a_closed_round_takes_no_more_reviews(client, reviewer, nomination):
    nomination.selection_round.is_closed = True
    nomination.selection_round.save()
    client.force_login(reviewer)
    response = client.get(reverse("nominations:review", args=[nomination.pk]))
    assert response.status_code in DENIED
    assert "Review: Welcome desk" not in response.content.decode()


def test_ranking_shows_bars_with_values_spread_and_the_short_list(
    client, editor, reviewer, second_reviewer, nomination
):
    ReviewFactory(nomination=nomination, reviewer=reviewer, innovation=5)
    ReviewFactory(nomination=nomination, reviewer=second_reviewer, innovation=2)
    client.force_login(editor)
    response = client.get(reverse("nominations:ranking", args=[nomination.selection_round_id]))
    assert "Proposed short list: 1 nomination" in text(response)
    row = row_text(response, "Nomination", "Welcome desk")
    assert row["Innovation"] == "3.5 / 5 spread 3"  # the average in text, then the spread
    # drawn beside the text, hidden from screen readers
    bar = row_cells(response, "Nomination", "Welcome desk")["Innovation"].find("meter")
    assert (float(bar["value"]), bar["max"], bar["aria-hidden"]) == (3.5, "5", "true")
    assert row["Short list"] == "Proposed"


def test_the_buttons_of_a_ranking_row_pin_exclude_and_clear(client, editor, reviewer, nomination):
    ReviewFactory(nomination=nomination, reviewer=reviewer)
    client.force_login(editor)
    url = reverse("nominations:ranking", args=[nomination.selection_round_id])

    def press(label: str) -> None:
        form = row_cells(client.get(url), "Nomination", "Welcome desk")["Actions"].find("form")
        button = form.find("button", string=label)
        assert button is not None, f"no {label!r} button in the row"
        client.post(form["action"], {"reason": "A sector we lack", button["name"]: button["value"]})
        nomination.refresh_from_db()

    press("Exclude")
    assert nomination.decision == Decision.EXCLUDED
    press("Pin")
    assert nomination.decision == Decision.PINNED
    press("Clear")
    assert (nomination.decision, nomination.decision_reason) == (Decision.NONE, "")


def test_csv_export_lists_every_nomination_of_the_round(client, editor, reviewer, selection_round):
    scored = NominationFactory(selection_round=selection_round, practice_name="=HYPERLINK(1)")
    ReviewFactory(nomination=scored, reviewer=reviewer, innovation=5, success=4)
    NominationFactory(
        selection_round=selection_round,
        practice_name="Too old",
        status=NominationStatus.NOT_ELIGIBLE,
    )
    client.force_login(editor)
    response = client.get(reverse("nominations:export", args=[selection_round.pk]))
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="nominations-round-2024.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 2
    first = next(row for row in rows if row["status"] == "Long-listed")
    assert first["practice"] == "'=HYPERLINK(1)"  # neutralised for spreadsheets
    assert first["average innovation"] == "5.00"
    assert first["weighted score"] == "3.75"
    assert first["proposed for short list"] == "yes"
    assert first["(d) dates"] == "yes"


def test_listing_filters_by_round_status_city_and_long_list(
    client, editor, selection_round, fields
):
    NominationFactory(selection_round=selection_round, practice_name="Ghent one", city="Ghent")
    NominationFactory(
        selection_round=selection_round,
        practice_name="Milan one",
        city="Milan",
        country="Italy",
        policy_fields=[fields["health"]],
        status=NominationStatus.NOT_ELIGIBLE,
    )
    client.force_login(editor)
    url = reverse("nominations:index")

    def names(**params):
        response = client.get(url, params)
        return {n.practice_name for n in response.context["object_list"]}

    assert names() == {"Ghent one", "Milan one"}
    assert names(city="Milan") == {"Milan one"}
    assert names(country="Italy") == {"Milan one"}
    assert names(status="long_listed") == {"Ghent one"}
    assert names(long_listed="false") == {"Milan one"}
    assert names(policy_field=fields["health"].pk) == {"Milan one"}
    assert names(selection_round=selection_round.pk) == {"Ghent one", "Milan one"}


def make_nominations(selection_round, fields, reviewers, count):
    """Many scored nominations in a handful of bulk queries."""
    nominations = Nomination.objects.bulk_create(
        NominationFactory.build(selection_round=selection_round, practice_name=f"Bulk {number:04d}")
        for number in range(count)
    )
    through = Nomination.policy_fields.through
    field_list = list(fields.values())
    through.objects.bulk_create(
        through(nomination_id=n.pk, policyfield_id=field_list[i % len(field_list)].pk)
        for i, n in enumerate(nominations)
    )
    Review.objects.bulk_create(
        Review(
            nomination=n,
            reviewer=reviewer,
            innovation=1 + (i + j) % 5,
            success=1 + i % 5,
            sustainability=3,
            transferability=1 + (i * 3) % 5,
        )
        for i, n in enumerate(nominations)
        for j, reviewer in enumerate(reviewers)
    )


@pytest.mark.parametrize("count", [10, 300])
def test_listing_query_budget_does_not_grow(
    client,
    editor,
    reviewer,
    second_reviewer,
    selection_round,
    fields,
    count,
    django_assert_max_num_queries,
):
    make_nominations(selection_round, fields, [reviewer, second_reviewer], count)
    client.force_login(editor)
    url = reverse("nominations:index")
    client.get(url)  # warm caches that do not depend on the data (site, user, permissions)
    with django_assert_max_num_queries(17):
        response = client.get(url, {"selection_round": selection_round.pk})
    assert response.status_code == 200
    assert "Bulk 0000" in response.content.decode() or count > 50
    # The first page of the round, fifty at most, each row a nomination of the round.
    rows = rows_by_heading(response)
    assert len(rows) == min(count, 50)
    assert all(row["Practice"].startswith("Bulk ") for row in rows)


@pytest.mark.parametrize("count", [10, 300])
def test_ranking_query_budget_does_not_grow(
    client,
    editor,
    reviewer,
    second_reviewer,
    selection_round,
    fields,
    count,
    django_assert_max_num_queries,
):
    make_nominations(selection_round, fields, [reviewer, second_reviewer], count)
    client.force_login(editor)
    url = reverse("nominations:ranking", args=[selection_round.pk])
    client.get(url)
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert len(response.context["rows"]) == count
    assert len(response.context["short_list"]) == 10


@pytest.mark.parametrize("count", [10, 300])
def test_export_query_budget_does_not_grow(
    client, editor, reviewer, selection_round, fields, count, django_assert_max_num_queries
):
    make_nominations(selection_round, fields, [reviewer], count)
    client.force_login(editor)
    url = reverse("nominations:export", args=[selection_round.pk])
    client.get(url)
    with django_assert_max_num_queries(8):
        response = client.get(url)
    assert response.content.decode().count("\n") == count + 1


def test_listing_names_the_unmet_pre_requisites(client, editor, selection_round):
    NominationFactory(
        selection_round=selection_round,
        practice_name="No authority",
        involves_public_authorities=False,
        public_authorities="",
        status=NominationStatus.NOT_ELIGIBLE,
    )
    client.force_login(editor)
    response = client.get(reverse("nominations:index"))
    assert row_text(response, "Practice", "No authority")["Unmet pre-requisites"] == "(c)"


def test_editor_moves_the_reference_date_and_rule_d_is_recomputed(client, editor, selection_round):
    import datetime

    nomination = NominationFactory(
        selection_round=selection_round, end_date=datetime.date(2022, 6, 1)
    )
    client.force_login(editor)
    url = reverse("selection_rounds:edit", args=[selection_round.pk])
    form = client.get(url)
    assert form.status_code == 200
    assert field_value(form, "reference_date") == "2024-06-01"
    response = client.post(
        url,
        {
            "name": selection_round.name,
            "slug": selection_round.slug,
            "reference_date": "2024-06-02",
            "short_list_size": 10,
            "max_per_policy_field": 3,
            "weight_innovation": 1,
            "weight_success": 1,
            "weight_sustainability": 1,
            "weight_transferability": 1,
        },
    )
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.NOT_ELIGIBLE


def test_all_weights_at_zero_are_refused(client, editor, selection_round):
    client.force_login(editor)
    response = client.post(
        reverse("selection_rounds:edit", args=[selection_round.pk]),
        {
            "name": selection_round.name,
            "slug": selection_round.slug,
            "reference_date": "2024-06-01",
            "short_list_size": 10,
            "max_per_policy_field": 3,
            "weight_innovation": 0,
            "weight_success": 0,
            "weight_sustainability": 0,
            "weight_transferability": 0,
        },
    )
    assert response.status_code == 200
    assert "At least one weight must be above zero." in text(response)
    selection_round.refresh_from_db()
    assert selection_round.weights == {
        "innovation": 1,
        "success": 1,
        "sustainability": 1,
        "transferability": 1,
    }


def test_the_promoted_draft_opens_in_the_page_editor_with_its_source(
    client, editor, reviewer, nomination, practice_index
):
    ReviewFactory(nomination=nomination, reviewer=reviewer)
    client.force_login(editor)
    response = client.post(reverse("nominations:promote", args=[nomination.pk]), follow=True)
    assert response.status_code == 200
    words = text(response)
    assert "A draft practice profile was created." in words
    assert "Welcome desk" in words


def test_a_reviewer_filters_what_is_left_to_review(client, reviewer, selection_round):
    done = NominationFactory(selection_round=selection_round, practice_name="Done")
    NominationFactory(selection_round=selection_round, practice_name="To do")
    NominationFactory(
        selection_round=selection_round,
        practice_name="Not listed",
        status=NominationStatus.NOT_ELIGIBLE,
    )
    ReviewFactory(nomination=done, reviewer=reviewer)
    client.force_login(reviewer)
    url = reverse("nominations:index")
    todo = client.get(url, {"my_review": "todo"}).context["object_list"]
    assert [n.practice_name for n in todo] == ["To do"]
    reviewed = client.get(url, {"my_review": "done"}).context["object_list"]
    assert [n.practice_name for n in reviewed] == ["Done"]


def test_a_nominations_file_links_its_documents_and_its_round(client, reviewer, nomination):
    from django.core.files.base import ContentFile

    from cms.selection.models import NominationDocument

    document = NominationDocument(nomination=nomination)
    document.file.save("plan.pdf", ContentFile(b"%PDF-1.4 plan"))
    client.force_login(reviewer)
    response = client.get(reverse("nominations:inspect", args=[nomination.pk]))
    found = dict(links(response))
    assert found["plan.pdf"] == reverse("nominations:document", args=[document.pk])
    round_id = nomination.selection_round_id
    assert found["Ranking of the round"] == reverse("nominations:ranking", args=[round_id])
    listing = f"{reverse('nominations:index')}?selection_round={round_id}"
    assert found["Nominations of Round 2024"] == listing


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("visitor", False), ("member", False), ("editor", True), ("reviewer", True)],
)
def test_nomination_documents_are_for_assessors_only(client, people, nomination, role, allowed):
    from django.core.files.base import ContentFile

    from cms.selection.models import NominationDocument

    document = NominationDocument(nomination=nomination)
    document.file.save("plan.pdf", ContentFile(b"%PDF-1.4 plan"))
    response = as_role(client, people, role).get(
        reverse("nominations:document", args=[document.pk])
    )
    if allowed:
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"%PDF-1.4 plan"
        assert 'filename="plan.pdf"' in response["Content-Disposition"]
    else:
        assert response.status_code in DENIED
