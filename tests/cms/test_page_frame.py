"""What every public page shows around its content (the site, the menu, the footer) is read from
the shared cache, and an editor's change to it shows to anonymous visitors on the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cms.models import SiteFooterSettings
from tests.cms.factories import NewsPageFactory, PracticePageFactory, StandardPageFactory
from tests.html import links, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache_on(settings):
    """As in production: whole anonymous pages are kept too, so a stale menu would show."""
    settings.PAGE_CACHE_SECONDS = 300


def reads_of(queries: CaptureQueriesContext, table: str) -> int:
    return sum(f'FROM "{table}"' in q["sql"] for q in queries)


def test_a_page_added_to_the_menu_shows_at_once(client, page_cache_on, home, practice_index):
    client.get(practice_index.url)
    assert ("About us", "/about-us/") not in links(client.get(practice_index.url), "nav")

    StandardPageFactory(parent=home, title="About us", slug="about-us", show_in_menus=True)

    assert ("About us", "/about-us/") in links(client.get(practice_index.url), "nav")


def test_an_unpublished_menu_page_leaves_the_menu_at_once(client, page_cache_on, home, news_index):
    client.get("/")
    assert ("News", news_index.url) in links(client.get("/"), "nav")

    news_index.unpublish()

    assert ("News", news_index.url) not in links(client.get("/"), "nav")


def test_a_footer_edit_shows_at_once(client, page_cache_on, home):
    privacy = StandardPageFactory(parent=home, title="Privacy", slug="privacy")
    client.get("/")
    assert "Funded by the city council." not in text_of(client.get("/"), "footer")

    footer = SiteFooterSettings.for_site(home.get_site())
    footer.funding_statement = "Funded by the city council."
    footer.privacy_page = privacy
    footer.save()

    response = client.get("/")
    assert "Funded by the city council." in text_of(response, "footer")
    assert ("Privacy", "/privacy/") in links(response, "footer")


def test_a_renamed_privacy_page_moves_the_footer_link(client, page_cache_on, home):
    privacy = StandardPageFactory(parent=home, title="Privacy", slug="privacy")
    footer = SiteFooterSettings.for_site(home.get_site())
    footer.privacy_page = privacy
    footer.save()
    assert ("Privacy", "/privacy/") in links(client.get("/"), "footer")

    privacy.slug = "data-protection"
    privacy.save_revision().publish()

    assert ("Privacy", "/data-protection/") in links(client.get("/"), "footer")


def test_the_frame_costs_no_query_once_kept(client, home, practice_index, news_index):
    SiteFooterSettings.objects.create(site=home.get_site(), funding_statement="Funded.")
    client.get(practice_index.url)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(practice_index.url)

    assert ("News", news_index.url) in links(response, "nav")
    assert "Funded." in text_of(response, "footer")
    assert reads_of(queries, "wagtailcore_site") == 0
    assert reads_of(queries, "cms_sitefootersettings") == 0


def test_a_page_view_saves_no_default_footer(client, home):
    client.get("/")

    assert not SiteFooterSettings.objects.exists()


def test_healthz_reads_no_site(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/healthz").content == b"ok"


# The route walk: every page the address names in one query --------------------------------------


def test_a_page_two_levels_down_is_found_with_its_parent(client, practice_index):
    practice = PracticePageFactory(parent=practice_index, title="Harbour mentors")

    response = client.get(practice.url)

    assert "Harbour mentors" in text_of(response, "main")
    assert response.context["page"].get_parent().pk == practice_index.pk


@pytest.mark.parametrize(
    "address", ["/practices/nowhere/", "/nowhere/practice/", "/practices/practices/"]
)
def test_an_address_naming_no_page_is_not_found(client, practice_index, address):
    PracticePageFactory(parent=practice_index, slug="practice")

    response = client.get(address)

    assert response.status_code == 404
    assert "We could not find that page" in text_of(response, "main")


def test_a_draft_page_is_not_found_but_its_published_child_is(client, home):
    section = StandardPageFactory(parent=home, slug="section")
    child = StandardPageFactory(parent=section, slug="child", title="Child page")
    section.unpublish()

    draft = client.get("/section/")
    assert draft.status_code == 404
    assert "We could not find that page" in text_of(draft, "main")
    assert "Child page" in text_of(client.get(child.url), "main")


def test_a_routable_page_keeps_its_own_routes(client, news_index):
    NewsPageFactory(parent=news_index, title="Spring round opens")

    feed = client.get(f"{news_index.url}feed/")
    assert feed.status_code == 200
    assert "<title>Spring round opens</title>" in feed.content.decode()
    assert "Spring round opens" in text_of(client.get(news_index.url), "main")


# The privacy check of the page served ---------------------------------------------------------


def test_a_page_below_a_private_section_asks_for_the_password(client, home):
    section = StandardPageFactory(parent=home, slug="partners")
    page = StandardPageFactory(parent=section, slug="minutes", title="Minutes")
    PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.PASSWORD, password="partners-only"
    )

    response = client.get(page.url)

    assert "Minutes" not in text_of(response)
    assert response.context["form"] is not None


def test_an_alias_of_a_private_page_is_private_too(client, home):
    section = StandardPageFactory(parent=home, slug="partners", title="Partners")
    PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.PASSWORD, password="partners-only"
    )
    alias = section.create_alias(update_slug="partners-copy")

    assert list(alias.specific.get_view_restrictions()) == list(section.get_view_restrictions())
    assert "form" in client.get("/partners-copy/").context


def test_a_public_page_next_to_a_private_section_is_public(client, home):
    private = StandardPageFactory(parent=home, slug="partners")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="partners-only"
    )
    public = StandardPageFactory(parent=home, slug="partnership", title="Partnership")

    assert not public.get_view_restrictions().exists()
    assert "Partnership" in text_of(client.get(public.url), "main")
