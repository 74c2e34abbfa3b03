"""Search, the sitemap, robots.txt, error pages and the frame shared by every page."""

import pytest
from django.test import Client

from cms.selectors import MAX_QUERY_LENGTH
from tests.cms.factories import NewsPageFactory, PracticePageFactory, StandardPageFactory
from tests.html import element, headings, links, meta, text_of

pytestmark = pytest.mark.django_db


def test_search_finds_a_practice_by_its_city(client, practice_index):
    PracticePageFactory(parent=practice_index, title="Harbour jobs scheme", city="Visby")
    PracticePageFactory(parent=practice_index, title="Tenancy coaching", city="Vienna")
    response = client.get("/search/?q=Visby")
    text = text_of(response, "main")
    assert [page.title for page in response.context["results"]] == ["Harbour jobs scheme"]
    assert headings(response, "h2", "main") == ["Harbour jobs scheme"]
    practice = response.context["results"][0]
    assert ("Harbour jobs scheme", practice.url) in links(response, "main")
    assert "Functioning practice" in text
    assert "1 result" in text


def test_search_shows_type_and_summary_of_news(client, news_index):
    NewsPageFactory(parent=news_index, title="Brussels follow-up", intro="Alumni compared notes.")
    text = text_of(client.get("/search/?q=Brussels"), "main")
    assert "News update" in text and "Alumni compared notes." in text


def test_search_leaves_out_drafts_and_private_pages(client, home):
    draft = StandardPageFactory(parent=home, title="Secret draft about Gothenburg", live=False)
    response = client.get("/search/?q=Gothenburg")
    assert draft.title not in response.content.decode()
    assert "Nothing matched" in text_of(response, "main")


@pytest.mark.parametrize("query", ["", "   "])
def test_empty_query_explains_what_to_type(client, home, query):
    response = client.get(f"/search/?q={query}")
    assert response.status_code == 200
    assert "Type a word or two" in text_of(response, "main")


def test_very_long_query_is_cut_with_a_notice(client, practice_index):
    PracticePageFactory(parent=practice_index, city="Hamburg")
    response = client.get("/search/?q=" + "Hamburg " * 250)
    assert response.status_code == 200
    assert len(response.context["query"]) <= MAX_QUERY_LENGTH
    assert "only its first 200 characters were used" in text_of(response, "main")


def test_no_results_and_bad_page_number(client, home):
    response = client.get("/search/?q=zzzzqqq&page=abc")
    assert response.status_code == 200
    assert "Nothing matched" in text_of(response, "main")


def test_sitemap_lists_live_pages(client, practice_index):
    practice = PracticePageFactory(parent=practice_index)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert practice.full_url in response.content.decode()


@pytest.mark.parametrize("count", [3, 30])
def test_sitemap_reads_every_page_type_in_one_query(
    client, practice_index, news_index, django_assert_max_num_queries, count
):
    practices = PracticePageFactory.create_batch(count, parent=practice_index)
    updates = NewsPageFactory.create_batch(count, parent=news_index)
    client.get("/sitemap.xml")

    with django_assert_max_num_queries(5):
        response = client.get("/sitemap.xml")

    body = response.content.decode()
    assert all(page.full_url in body for page in [*practices, *updates, practice_index])
    assert body.count("<url>") == 2 * count + 3  # with the home page and the two indexes


def test_robots_points_at_the_sitemap(client, home):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_pages_carry_meta_description_and_open_graph(client, practice_index):
    practice = PracticePageFactory(parent=practice_index, summary="Mentors for new arrivals.")
    response = client.get(practice.url)
    assert meta(response, "description") == "Mentors for new arrivals."
    assert meta(response, "og:title") == practice.title
    assert meta(response, "og:image").startswith("http://testserver/")


def test_the_frame_has_skip_link_menu_and_footer(client, home, practice_index, news_index):
    from cms.models import SiteFooterSettings

    privacy = StandardPageFactory(parent=home, title="Privacy")
    footer = SiteFooterSettings.for_site(home.get_site())
    footer.partners = "Training centre\nResearch centre"
    footer.funding_statement = "Co-funded by a European integration fund."
    footer.privacy_page = privacy
    footer.save()

    response = client.get("/")

    # The skip link comes first and leads to the main content.
    assert links(response)[0] == ("Skip to main content", "#main")
    assert element(response, "main").get("id") == "main"
    menu = links(response, 'nav[aria-label="Main"]')
    assert (practice_index.title, practice_index.url) in menu
    assert (news_index.title, news_index.url) in menu
    footer = text_of(response, "footer")
    assert "Research centre" in footer and "Co-funded by a European integration fund." in footer
    assert ("Privacy", privacy.url) in links(response, "footer")


def test_unknown_url_is_a_styled_404(client, home):
    response = client.get("/this/does/not/exist/")
    assert response.status_code == 404
    assert "We could not find that page" in text_of(response, "main")
    assert links(response)[0] == ("Skip to main content", "#main")


def test_server_error_page_is_styled(home, settings):
    from django.urls import path

    def broken(request):
        raise RuntimeError("boom")

    settings.ROOT_URLCONF = type(
        "urls", (), {"urlpatterns": [path("broken/", broken)], "handler500": None}
    )
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in text_of(response)


@pytest.mark.parametrize(
    "query", ['"', "*", "(", "AND OR NOT", "%00Hamburg", "é ü ß", "'; DROP TABLE"]
)
def test_odd_queries_never_break_search(client, practice_index, query):
    PracticePageFactory(parent=practice_index, city="Hamburg")
    response = client.get("/search/", {"q": query.replace("%00", "\x00")})
    assert response.status_code == 200
    assert "\x00" not in response.context["query"]
