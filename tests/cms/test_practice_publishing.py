"""A practice profile is published only when complete; a draft may stay incomplete, and the public
page shows no section that has nothing in it."""

import pytest
from wagtail.models import Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.models import PracticePage
from tests.cms.factories import PolicyFieldFactory, PracticePageFactory
from tests.html import element, headings, text_of

pytestmark = pytest.mark.django_db

FEATURES = ("innovation", "success", "sustainability", "transferability")


def bare_profile(**overrides) -> dict:
    """What an editor fills in first: the facts and a summary, nothing of the analysis."""
    return nested_form_data(
        {
            "title": "Language cafés in Visby",
            "slug": "language-cafes-in-visby",
            "city": "Visby",
            "country": "Sweden",
            "lead_organisation": "Gotland Region",
            "start_date": "2012-09-01",
            "summary": "Weekly informal conversation groups in the town library.",
            "body": streamfield([]),
            "gallery_images": inline_formset([]),
            "tags": "",
            **overrides,
        }
    )


def complete_profile() -> dict:
    return bare_profile(
        body=streamfield([("paragraph", rich_text("<p>Volunteers host the groups.</p>"))]),
        **{f"{feature}_rating": "4" for feature in FEATURES},
        **{f"{feature}_justification": f"Why {feature} is rated 4." for feature in FEATURES},
    )


def add_url(parent) -> str:
    return f"/admin/pages/add/cms/practicepage/{parent.pk}/"


class TestPublishingNeedsACompleteProfile:
    def test_publishing_a_bare_profile_is_refused_with_a_message_per_field(
        self, client, editor, practice_index
    ):
        field = PolicyFieldFactory()
        client.force_login(editor)
        data = {**bare_profile(), "policy_fields": [str(field.pk)], "action-publish": "publish"}

        response = client.post(add_url(practice_index), data)

        assert response.status_code == 200
        assert "The page could not be created due to validation errors" in text_of(response)
        errors = response.context["form"].errors
        assert set(errors) == {
            "body",
            *(f"{feature}_rating" for feature in FEATURES),
            *(f"{feature}_justification" for feature in FEATURES),
        }
        assert errors["innovation_rating"] == ["This field is required."]
        assert not PracticePage.objects.exists()

    def test_publishing_an_incomplete_draft_leaves_the_live_site_unchanged(
        self, client, editor, practice_index
    ):
        draft = PracticePageFactory(parent=practice_index, live=False, title="Draft profile")
        draft.transferability_rating = None
        draft.transferability_justification = ""
        draft.save_revision(clean=False)
        revisions = Revision.objects.count()
        client.force_login(editor)
        data = {
            **complete_profile(),
            "title": "Draft profile",
            "slug": draft.slug,
            "transferability_rating": "",
            "transferability_justification": "",
            "policy_fields": [str(PolicyFieldFactory().pk)],
            "action-publish": "publish",
        }

        response = client.post(f"/admin/pages/{draft.pk}/edit/", data)

        assert response.status_code == 200
        assert "The page could not be saved due to validation errors" in text_of(response)
        assert set(response.context["form"].errors) == {
            "transferability_rating",
            "transferability_justification",
        }
        draft.refresh_from_db()
        assert draft.live is False and draft.has_unpublished_changes
        assert Revision.objects.count() == revisions
        assert client.get(f"/practices/{draft.slug}/").status_code == 404

    def test_a_complete_profile_is_published(self, client, editor, practice_index):
        field = PolicyFieldFactory()
        client.force_login(editor)
        data = {**complete_profile(), "policy_fields": [str(field.pk)], "action-publish": "1"}

        response = client.post(add_url(practice_index), data)

        assert response.status_code == 302
        practice = PracticePage.objects.get(slug="language-cafes-in-visby")
        assert practice.live
        assert "Volunteers host the groups." in text_of(client.get(practice.url), "main")


class TestDraftsMayStayIncomplete:
    def test_a_bare_draft_without_policy_fields_saves(self, client, editor, practice_index):
        client.force_login(editor)

        response = client.post(add_url(practice_index), bare_profile())

        assert response.status_code == 302
        draft = PracticePage.objects.get(slug="language-cafes-in-visby")
        assert draft.live is False
        assert draft.innovation_rating is None and len(draft.body) == 0
        assert draft.latest_revision is not None
        assert client.get("/practices/language-cafes-in-visby/").status_code == 404

    def test_the_model_refuses_to_go_live_incomplete(self, practice_index):
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError) as refused:
            PracticePageFactory(
                parent=practice_index, success_rating=None, success_justification=""
            )
        assert set(refused.value.message_dict) == {"success_rating", "success_justification"}
        assert not PracticePage.objects.exists()


def test_a_minimal_profile_shows_no_empty_section(client, practice_index):
    practice = PracticePageFactory(
        parent=practice_index,
        partners="",
        public_authorities="",
        context_features="",
        assets_and_obstacles="",
        achievements_and_failures="",
        transferability_notes="",
        video_url="",
        policy_fields=[PolicyFieldFactory(name="Housing")],
    )

    response = client.get(practice.url)

    assert response.status_code == 200
    assert "Analysis" not in headings(response, "h2")
    assert "Documentary" not in headings(response, "h2")
    assert "Not rated yet" not in text_of(response, "main")
    assert headings(response, "h3", ".ratings") == [
        "Innovation",
        "Success",
        "Economic and financial sustainability",
        "Transferability",
    ]
    # Every heading on the page has something under it.
    main = element(response, "main")
    for heading in main.find_all(["h2", "h3"]):
        following = heading.find_next_sibling()
        assert following is not None and following.get_text(strip=True), heading.get_text()


def test_the_analysis_shows_only_the_sections_written(client, practice_index):
    practice = PracticePageFactory(
        parent=practice_index,
        context_features="",
        assets_and_obstacles="<p>The library lent its rooms.</p>",
        achievements_and_failures="",
        transferability_notes="",
    )

    response = client.get(practice.url)

    assert "Analysis" in headings(response, "h2")
    assert headings(response, "h3", "[aria-labelledby=analysis-title]") == ["Assets and obstacles"]
