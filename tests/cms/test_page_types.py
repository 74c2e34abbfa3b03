"""Each page type lives only where the page tree allows it, renders its content, and editors can publish it."""

import datetime

import pytest
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
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h2>Two stages of selection</h2>" in html
    assert "<b>long list</b>" in html
    assert "Failures teach as much as successes." in html
    assert "Discussion paper on localisation" in html and "(PDF" in html
    assert "Read the kit" in html
    assert "Innovation" in html and "Criteria" in html


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
    html = client.get(practice.url).content.decode()
    assert "Vejle, Denmark" in html
    assert "Volunteer centre" in html and "Region of Southern Denmark" in html
    assert "A small city with short distances" in html
    assert "failed to reach older women" in html
    assert "4 out of 5" in html and "Mentors were recruited" in html
    assert "Not rated yet" not in html
    assert "https://video.example.org/mentors" in html and "We started with six mentors." in html
    assert "Infosheet: neighbourhood mentors" in html
    assert "Since March 2011" in html and ">Live<" in html
    assert "mlat=55.711300" in html
    assert f'href="{practice_index.url}?policy_field=housing"' in html
    assert f'href="{practice_index.url}?tag=mentoring"' in html


def test_closed_practice_shows_its_period(client, practice_index):
    practice = PracticePageFactory(
        parent=practice_index,
        start_date=datetime.date(2008, 5, 1),
        end_date=datetime.date(2012, 6, 30),
    )
    html = client.get(practice.url).content.decode()
    assert "May 2008 to June 2012" in html
    assert ">Closed<" in html


def test_news_page_shows_authors_and_date(client, news_index):
    author = PersonFactory(name="Amira Haddad", role="Trainer", organisation="Training centre")
    update = NewsPageFactory(
        parent=news_index, title="Residential week opens", date=datetime.date(2024, 2, 10)
    )
    NewsPageAuthor.objects.create(page=update, person=author)
    html = client.get(update.url).content.decode()
    assert "Residential week opens" in html
    assert "10 February 2024" in html
    assert "Amira Haddad (Trainer, Training centre)" in html


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
        page_html = client.get(update.url).content.decode()
        assert "Several projects had carried on." in page_html

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
                "body": streamfield([]),
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
        assert client.get(url).status_code == 302
        client.force_login(member)
        response = client.get(url)
        assert response.status_code == 302
        assert StandardPage.objects.count() == 0
