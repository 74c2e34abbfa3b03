"""Each page type lives only where the page tree allows it, renders its content, and editors can publish it."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.models import (
    HomePage,
    KitPage,
    NewsIndexPage,
    NewsPage,
    NewsPageAuthor,
    PracticeIndexPage,
    PracticePage,
    StandardPage,
)
from tests.cms.factories import (
    DocumentFactory,
    NewsPageFactory,
    PersonFactory,
    PolicyFieldFactory,
    PracticePageFactory,
    StandardPageFactory,
)
from tests.html import definitions, element, headings, links, table_rows, text_of

pytestmark = pytest.mark.django_db


class TestPageTree(WagtailPageTestCase):
    def test_home_page_sits_at_the_top_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanNotCreateAt(HomePage, HomePage)

    def test_sections_sit_under_the_home_page(self):
        for section in (PracticeIndexPage, NewsIndexPage, KitPage):
            self.assertAllowedParentPageTypes(section, {HomePage})
            self.assertCanNotCreateAt(StandardPage, section)

    def test_practices_and_news_only_under_their_index(self):
        self.assertAllowedParentPageTypes(PracticePage, {PracticeIndexPage})
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertCanNotCreateAt(NewsIndexPage, PracticePage)
        self.assertCanNotCreateAt(HomePage, NewsPage)
        self.assertAllowedSubpageTypes(PracticePage, set())
        self.assertAllowedSubpageTypes(NewsPage, set())

    def test_standard_pages_nest_under_home_and_each_other(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})


def test_singletons_cannot_be_created_twice(practice_index, news_index, kit, home):
    for page_type in (PracticeIndexPage, NewsIndexPage, KitPage, HomePage):
        assert page_type.can_create_at(home) is False


def test_standard_page_renders_every_block(client, home):
    paper = DocumentFactory(title="Discussion paper on localisation")
    page = StandardPageFactory(
        parent=home,
        title="Method",
        intro="How practices are chosen and studied.",
        body=[
            ("heading", {"text": "Two stages of selection", "level": "h2"}),
            ("paragraph", "<p>First a <b>long list</b>, then a short list.</p>"),
            ("heading", {"text": "Pre-requisites of the long list", "level": "h3"}),
            (
                "quote",
                {"quote": "Failures teach as much as successes.", "attribution": "A trainer"},
            ),
            ("document", {"document": paper, "title": ""}),
            (
                "call_to_action",
                {"title": "Read the kit", "text": "", "page": home, "url": "", "label": "Go"},
            ),
            (
                "table",
                {
                    "caption": "Criteria",
                    "table": {"data": [["Criterion", "Stage"], ["Innovation", "Short list"]]},
                },
            ),
        ],
    )
    response = client.get(page.url)
    assert response.status_code == 200
    main = element(response, "main")
    text = text_of(response, "main")
    assert "Two stages of selection" in headings(response, "h2", "main")
    # A sub-heading is one level down, under its section's heading.
    assert "Pre-requisites of the long list" in headings(response, "h3", "main")
    assert "Pre-requisites of the long list" not in headings(response, "h2", "main")
    assert "First a long list, then a short list." in text
    assert [bold.get_text() for bold in main.find_all(["b", "strong"])] == ["long list"]
    assert "Failures teach as much as successes. A trainer" in text
    assert ("Discussion paper on localisation", paper.url) in links(response, "main")
    assert "Discussion paper on localisation (PDF" in text
    assert "Read the kit" in text and ("Go", home.url) in links(response, "main")
    assert "Criteria Criterion Stage Innovation Short list" in text
    assert table_rows(response, "main table") == [
        ["Criterion", "Stage"],
        ["Innovation", "Short list"],
    ]


def test_practice_page_shows_facts_analysis_and_ratings(client, practice_index):
    housing = PolicyFieldFactory(name="Housing", slug="housing")
    practice = PracticePageFactory(
        parent=practice_index,
        title="Neighbourhood mentors",
        city="Vejle",
        country="Denmark",
        lead_organisation="Vejle Municipality",
        partners="Local housing association\nVolunteer centre",
        public_authorities="Vejle Municipality\nRegion of Southern Denmark",
        start_date=datetime.date(2011, 3, 1),
        end_date=None,
        context_features="<p>A small city with short distances between services.</p>",
        achievements_and_failures="<p>The mentor network failed to reach older women.</p>",
        innovation_rating=4,
        innovation_justification="Mentors were recruited among former newcomers.",
        video_url="https://video.example.org/mentors",
        video_transcript="<p>We started with six mentors.</p>",
        infosheet=DocumentFactory(title="Infosheet: neighbourhood mentors"),
        latitude="55.711300",
        longitude="9.536400",
        policy_fields=[housing],
        tags=["mentoring"],
    )
    response = client.get(practice.url)
    facts = definitions(response)
    text = text_of(response, "main")
    page_links = links(response, "main")
    assert facts["Where"] == "Vejle, Denmark"
    assert facts["Partners"] == "Local housing association Volunteer centre"
    assert facts["Public authorities involved"] == "Vejle Municipality Region of Southern Denmark"
    assert "A small city with short distances" in text
    assert "failed to reach older women" in text
    assert "4 out of 5 Mentors were recruited among former newcomers." in text
    assert "Not rated yet" not in text
    assert ("Watch the documentary", "https://video.example.org/mentors") in page_links
    assert "We started with six mentors." in text
    assert "Infosheet: neighbourhood mentors" in dict(page_links)
    assert facts["Running"] == "Since March 2011"
    assert facts["Status"] == "Live"
    assert dict(page_links)["Show on a map"].startswith(
        "https://www.openstreetmap.org/?mlat=55.711300&mlon=9.536400"
    )
    assert ("Housing", f"{practice_index.url}?policy_field=housing") in page_links
    assert ("mentoring", f"{practice_index.url}?tag=mentoring") in page_links


def test_closed_practice_shows_its_period(client, practice_index):
    practice = PracticePageFactory(
        parent=practice_index,
        start_date=datetime.date(2008, 5, 1),
        end_date=datetime.date(2012, 6, 30),
    )
    facts = definitions(client.get(practice.url))
    assert facts["Running"] == "May 2008 to June 2012"
    assert facts["Status"] == "Closed"


def test_news_page_shows_authors_and_date(client, news_index):
    author = PersonFactory(name="Amira Haddad", role="Trainer", organisation="Training centre")
    update = NewsPageFactory(
        parent=news_index, title="Residential week opens", date=datetime.date(2024, 2, 10)
    )
    NewsPageAuthor.objects.create(page=update, person=author)
    response = client.get(update.url)
    assert headings(response) == ["Residential week opens"]
    text = text_of(response, "main")
    assert "10 February 2024" in text
    assert "Amira Haddad (Trainer, Training centre)" in text


def test_practice_lists_related_practices_by_field_or_tag(client, practice_index):
    housing = PolicyFieldFactory(name="Housing")
    health = PolicyFieldFactory(name="Health")
    practice = PracticePageFactory(parent=practice_index, policy_fields=[housing])
    same_field = PracticePageFactory(
        parent=practice_index, title="Same field", policy_fields=[housing]
    )
    same_tag = PracticePageFactory(
        parent=practice_index, title="Same tag", policy_fields=[health], tags=["mentoring"]
    )
    practice.tags.add("mentoring")
    practice.save_revision().publish()
    unrelated = PracticePageFactory(
        parent=practice_index, title="Unrelated", policy_fields=[health]
    )

    related = client.get(practice.url).context["related_practices"]

    assert set(related) == {same_field, same_tag}
    assert unrelated not in related


class TestEditorsPublishThroughTheAdmin:
    def post_new_page(self, client, page_type, parent, data):
        url = f"/admin/pages/add/cms/{page_type}/{parent.pk}/"
        assert client.get(url).status_code == 200
        return client.post(url, {**data, "action-publish": "publish"})

    def test_editor_publishes_a_news_update(self, client, editor, news_index):
        person = PersonFactory()
        client.force_login(editor)
        data = nested_form_data(
            {
                "title": "Follow-up meeting in Brussels",
                "slug": "follow-up-meeting-in-brussels",
                "date": "2014-05-20",
                "intro": "Alumni met again to compare their joint initiatives.",
                "body": streamfield(
                    [("paragraph", rich_text("<p>Several projects had carried on.</p>"))]
                ),
                "news_authors": inline_formset([{"person": person.pk}]),
                "tags": "alumni",
            }
        )
        response = self.post_new_page(client, "newspage", news_index, data)
        assert response.status_code == 302
        update = NewsPage.objects.get(slug="follow-up-meeting-in-brussels")
        assert update.live and update.get_parent().pk == news_index.pk
        assert "Several projects had carried on." in text_of(client.get(update.url), "main")

    def test_editor_publishes_a_practice(self, client, editor, practice_index):
        field = PolicyFieldFactory()
        client.force_login(editor)
        data = nested_form_data(
            {
                "title": "Language cafés in Visby",
                "slug": "language-cafes-in-visby",
                "city": "Visby",
                "country": "Sweden",
                "lead_organisation": "Gotland Region",
                "start_date": "2012-09-01",
                "summary": "Weekly informal conversation groups in the town library.",
                "body": streamfield(
                    [("paragraph", rich_text("<p>Volunteers host the groups.</p>"))]
                ),
                **{
                    f"{feature}_{part}": value
                    for feature in ("innovation", "success", "sustainability", "transferability")
                    for part, value in (("rating", "3"), ("justification", "Seen in the visits."))
                },
                "gallery_images": inline_formset([]),
                "tags": "language",
            }
        )
        data["policy_fields"] = [str(field.pk)]
        response = self.post_new_page(client, "practicepage", practice_index, data)
        assert response.status_code == 302
        practice = PracticePage.objects.get(slug="language-cafes-in-visby")
        assert practice.live and list(practice.policy_fields.all()) == [field]

    def test_editor_publishes_a_standard_page(self, client, editor, home):
        client.force_login(editor)
        data = nested_form_data(
            {
                "title": "Partners",
                "slug": "partners",
                "intro": "Who runs the academy.",
                "body": streamfield([("heading", {"text": "Research partners", "level": "h2"})]),
            }
        )
        assert self.post_new_page(client, "standardpage", home, data).status_code == 302
        assert StandardPage.objects.get(slug="partners").live

    def test_visitor_and_member_are_sent_to_the_admin_login(self, client, member, home):
        url = f"/admin/pages/add/cms/standardpage/{home.pk}/"
        login = reverse("wagtailadmin_login")
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(f"{login}?next=")
        client.force_login(member)
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(login)
        assert StandardPage.objects.count() == 0


def test_call_to_action_block_needs_a_page_or_a_link(home):
    from wagtail.blocks import StructBlockValidationError

    from cms.blocks import CallToActionBlock

    block = CallToActionBlock()
    value = {"title": "Read the kit", "text": "", "page": None, "url": "", "label": "Go"}
    with pytest.raises(StructBlockValidationError) as refused:
        block.clean(block.to_python(value))
    assert [error.message for error in refused.value.block_errors["page"].error_list] == [
        "Choose a page or a link."
    ]

    linked = block.clean(block.to_python({**value, "url": "https://example.org/kit"}))
    assert linked["url"] == "https://example.org/kit"
    assert block.clean(block.to_python({**value, "page": home.pk}))["page"].pk == home.pk
