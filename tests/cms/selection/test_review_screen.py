"""Reviewers score with the nomination beside the form and each feature's meaning and scale in
view; a round with nothing long-listed says why and what comes first."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from cms.models.practices import Criterion
from cms.selection.models import NominationDocument, NominationStatus
from tests.cms.factories import PracticePageFactory
from tests.html import element, headings, links, squash, table_rows, text_of

from .factories import NominationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def nomination(selection_round, fields):
    nomination = NominationFactory(
        selection_round=selection_round,
        practice_name="Welcome desk in the town hall",
        goals="Newcomers register and get advice in one place.",
        description="One desk, four languages, open every weekday.",
        results="Three thousand visits a year.",
        links="https://example.org/welcome-desk",
        policy_fields=[fields["housing"]],
    )
    document = NominationDocument(nomination=nomination, content_type="application/pdf")
    document.file.save("leaflet.pdf", ContentFile(b"%PDF-1.4 leaflet"), save=True)
    return nomination


def review_url(nomination) -> str:
    return reverse("nominations:review", args=[nomination.pk])


def test_the_reviewer_sees_the_nomination_beside_the_form(client, reviewer, nomination):
    client.force_login(reviewer)

    response = client.get(review_url(nomination))

    assert response.status_code == 200
    summary = text_of(response, "[aria-labelledby=nomination-heading]")
    assert "Newcomers register and get advice in one place." in summary
    assert "One desk, four languages, open every weekday." in summary
    assert "Three thousand visits a year." in summary
    assert "Yes: City of Ghent" in summary
    assert dict(links(response, "[aria-labelledby=nomination-heading]"))["leaflet.pdf"] == reverse(
        "nominations:document", args=[nomination.documents.get().pk]
    )
    checks = {row[0]: row[1:] for row in table_rows(response, "table")[1:]}
    assert checks["(c) Involves public authorities"] == [
        "Yes",
        "1 public authority named: City of Ghent.",
    ]
    # The nomination and the form sit side by side in one grid.
    grid = element(response, "main .w-grid")
    assert grid.find(id="nomination-heading") and grid.find("form")


def test_each_feature_shows_its_meaning_and_what_each_score_means(client, reviewer, nomination):
    client.force_login(reviewer)

    response = client.get(review_url(nomination))

    form = element(response, "form#w-editor-form")
    words = text_of(response, "form#w-editor-form")
    for criterion in Criterion:
        assert str(criterion.label) in words
        assert criterion.description in words
        for score, meaning in criterion.scale:
            radio = form.find("input", attrs={"name": criterion.value, "value": str(score)})
            label = form.find("label", attrs={"for": radio["id"]})
            assert squash(label.get_text(" ")) == f"{score}: {meaning}"
    assert "Rests on one short-term source of money" in words


def test_a_review_with_a_missing_score_keeps_the_nomination_in_view(client, reviewer, nomination):
    client.force_login(reviewer)

    response = client.post(
        review_url(nomination), {"innovation": "4", "success": "3", "sustainability": "2"}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["transferability"] == ["Give a score."]
    assert "One desk, four languages" in text_of(response, "[aria-labelledby=nomination-heading]")
    assert not nomination.reviews.exists()


@pytest.mark.parametrize(
    ("role", "expected"), [("visitor", 302), ("member", 302), ("editor", 302), ("reviewer", 200)]
)
def test_who_may_open_the_review_screen(
    client, member, editor, reviewer, nomination, role, expected
):
    people = {"member": member, "editor": editor, "reviewer": reviewer}
    if role in people:
        client.force_login(people[role])

    response = client.get(review_url(nomination))

    assert response.status_code == expected
    assert ("One desk, four languages" in response.content.decode()) is (expected == 200)


def test_a_nomination_off_the_long_list_is_not_scored(client, reviewer, nomination):
    nomination.status = NominationStatus.PENDING
    nomination.save()
    client.force_login(reviewer)

    response = client.get(review_url(nomination))

    assert response.status_code in {302, 403}
    assert "One desk, four languages" not in response.content.decode()


def test_the_ranking_the_export_and_the_profiles_name_the_features_alike(
    client, editor, nomination, practice_index
):
    client.force_login(editor)

    ranking = client.get(reverse("nominations:ranking", args=[nomination.selection_round_id]))
    header = [
        abbr.get_text()
        for abbr in element(ranking, "#ranking-content table thead").find_all("abbr")
    ]
    assert header == [criterion.short_label for criterion in Criterion]
    titles = [abbr["title"] for abbr in element(ranking, "table thead").find_all("abbr")]
    assert titles[0] == f"Innovation: {Criterion.INNOVATION.description}"

    export = client.get(reverse("nominations:export", args=[nomination.selection_round_id]))
    first_line = export.content.decode().splitlines()[0]
    assert all(f"average {criterion.value}" in first_line for criterion in Criterion)

    profile = client.get(PracticePageFactory(parent=practice_index).url)
    assert headings(profile, "h3", ".ratings") == [str(criterion.label) for criterion in Criterion]


class TestARoundWithNothingLongListed:
    def ranking(self, client, user, selection_round):
        client.force_login(user)
        return client.get(reverse("nominations:ranking", args=[selection_round.pk]))

    def test_pending_checks_come_first_with_a_link_to_them(self, client, reviewer, selection_round):
        NominationFactory.create_batch(
            2, selection_round=selection_round, clear_goals=None, status=NominationStatus.PENDING
        )
        NominationFactory(
            selection_round=selection_round,
            involves_public_authorities=False,
            status=NominationStatus.NOT_ELIGIBLE,
        )

        response = self.ranking(client, reviewer, selection_round)

        words = text_of(response, "main")
        assert "Nothing is on the long list yet, so there is nothing to score." in words
        assert "2 nominations await their pre-requisite checks." in words
        assert "1 nomination does not meet the pre-requisites." in words
        assert "What comes first: check the pre-requisites (a) to (d)" in words
        link = dict(links(response, "main"))["Check the nominations awaiting checks"]
        assert link == (
            f"{reverse('nominations:index')}?selection_round={selection_round.pk}&status=pending"
        )
        listing = client.get(link)
        assert len(listing.context["object_list"]) == 2

    def test_when_none_meets_the_pre_requisites_it_says_so(self, client, editor, selection_round):
        NominationFactory(
            selection_round=selection_round,
            involves_public_authorities=False,
            status=NominationStatus.NOT_ELIGIBLE,
        )

        words = text_of(self.ranking(client, editor, selection_round), "main")

        assert "None of the nominations meets the pre-requisites." in words
        assert "await their pre-requisite checks" not in words

    def test_a_round_without_nominations_says_none_came_in(self, client, reviewer, selection_round):
        words = text_of(self.ranking(client, reviewer, selection_round), "main")

        assert "No nomination has come in for this round yet." in words


def test_the_export_says_which_checks_need_review_and_why(client, editor, selection_round):
    import csv
    import io

    NominationFactory(
        selection_round=selection_round,
        practice_name="Unsure",
        clear_goals=None,
        involves_public_authorities=None,
        public_authorities="",
        status=NominationStatus.PENDING,
    )
    client.force_login(editor)

    response = client.get(reverse("nominations:export", args=[selection_round.pk]))

    (row,) = csv.DictReader(io.StringIO(response.content.decode()))
    assert (row["(a) goals"], row["(c) authorities"], row["(d) dates"]) == (
        "needs review",
        "needs review",
        "yes",
    )
    assert row["(c) reason"] == "The nominator was not sure whether a public authority is involved."
