"""Search, the sitemap, robots.txt, error pages and the shared page chrome."""

import pytest
from django.test import Client

from cms.selectors import MAX_QUERY_LENGTH
from tests.cms.factories import NewsPageFactory, PracticePageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def test_search_finds_a_practice_by_its_city(client, practice_index):
    PracticePageFactory(parent=practice_index, title="Harbour jobs scheme", city="Visby")
    PracticePageFactory(parent=practice_index, title="Tenancy coaching", city="Vienna")
    response = client.get("/search/?q=Visby")
    html = response.content.decode()
    assert [page.title for page in response.context["results"]] == ["Harbour jobs scheme"]
    assert "Functioning practice" in html
    assert "1 result" in html


def test_search_shows_type_and_summary_of_news(client, news_index):
    NewsPageFactory(parent=news_index, title="Brussels follow-up", intro="Alumni compared notes.")
    html = client.get("/search/?q=Brussels").content.decode()
    assert "News update" in html and "Alumni compared notes." in html


def test_search_leaves_out_drafts_and_private_pages(client, home):
    draft = StandardPageFactory(parent=home, title="Secret draft about Gothenburg", live=False)
    assert draft.title not in client.get("/search/?q=Gothenburg").content.decode()


@pytest.mark.parametrize("query", ["", "   "])
def test_empty_query_explains_what_to_type(client, home, query):
    response = client.get(f"/search/?q={query}")
    assert response.status_code == 200
    assert "Type a word or two" in response.content.decode()


def test_very_long_query_is_cut_with_a_notice(client, practice_index):
    PracticePageFactory(parent=practice_index, city="Hamburg")
    response = client.get("/search/?q=" + "Hamburg " * 250)
    assert response.status_code == 200
    assert len(response.context["query"]) <= MAX_QUERY_LENGTH
    assert "only its first 200 characters were used" in response.content.decode()


def test_no_results_and_bad_page_number(client, home):
    response = client.get("/search/?q=zzzzqqq&page=abc")
    assert response.status_code == 200
    assert "Nothing matched" in response.content.decode()


def test_sitemap_lists_live_pages(client, practice_index):
    practice = PracticePageFactory(parent=practice_index)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert practice.full_url in response.content.decode()


def test_robots_points_at_the_sitemap(client, home):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_pages_carry_meta_description_and_open_graph(client, practice_index):
    practice = PracticePageFactory(parent=practice_index, summary="Mentors for new arrivals.")
    html = client.get(practice.url).content.decode()
    assert '<meta name="description" content="Mentors for new arrivals.">' in html
    assert '<meta property="og:title" content="' + practice.title in html
    assert 'property="og:image"' in html


def test_chrome_has_skip_link_menu_and_footer(client, home, practice_index, news_index):
    from cms.models import SiteFooterSettings

    privacy = StandardPageFactory(parent=home, title="Privacy")
    footer = SiteFooterSettings.for_site(home.get_site())
    footer.partners = "Training centre\nResearch centre"
    footer.funding_statement = "Co-funded by a European integration fund."
    footer.privacy_page = privacy
    footer.save()

    html = client.get("/").content.decode()

    assert '<a class="skip-link" href="#main">Skip to main content</a>' in html
    assert f'href="{practice_index.url}"' in html and f'href="{news_index.url}"' in html
    assert "Research centre" in html and "Co-funded by a European integration fund." in html
    assert f'href="{privacy.url}">Privacy</a>' in html


def test_unknown_url_is_a_styled_404(client, home):
    response = client.get("/this/does/not/exist/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()
    assert "Skip to main content" in response.content.decode()


def test_server_error_page_is_styled(home, settings):
    from django.urls import path

    def broken(request):
        raise RuntimeError("boom")

    settings.ROOT_URLCONF = type(
        "urls", (), {"urlpatterns": [path("broken/", broken)], "handler500": None}
    )
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


@pytest.mark.parametrize(
    "query", ['"', "*", "(", "AND OR NOT", "%00Hamburg", "é ü ß", "'; DROP TABLE"]
)
def test_odd_queries_never_break_search(client, practice_index, query):
    PracticePageFactory(parent=practice_index, city="Hamburg")
    response = client.get("/search/", {"q": query.replace("%00", "\x00")})
    assert response.status_code == 200
    assert "\x00" not in response.context["query"]
