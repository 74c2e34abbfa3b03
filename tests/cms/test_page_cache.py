"""The anonymous page cache: what is kept, for whom, until when; the headers and compression."""

import gzip

import pytest
from django.test import Client
from django.utils.http import http_date
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, streamfield

from cms.models import SiteFooterSettings
from tests.cms.factories import (
    NewsPageFactory,
    PersonFactory,
    PolicyFieldFactory,
    PracticePageFactory,
    StandardPageFactory,
)
from tests.cms.selection.factories import CallForPracticesPageFactory
from tests.html import text_of
from tests.learning.factories import AcademyIndexPageFactory, EditionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings, home):
    settings.PAGE_CACHE_SECONDS = 300
    # The first page ever served creates the footer settings, and saving a setting starts a new
    # generation: that page would be stored under the old one. Create them now, as a site has.
    SiteFooterSettings.for_site(home.get_site())


@pytest.fixture
def about(home):
    return StandardPageFactory(
        parent=home, title="About the academy", slug="about", intro="Before."
    )


def visitor() -> Client:
    return Client()


def cache_state(response) -> str | None:
    return response.get("X-Page-Cache")


# What is kept -------------------------------------------------------------------------------


def test_a_second_visitor_gets_the_stored_page_without_touching_the_database(
    page_cache, about, django_assert_num_queries
):
    first = visitor().get(about.url)
    assert cache_state(first) == "miss"
    with django_assert_num_queries(0):
        second = visitor().get(about.url)
    assert cache_state(second) == "hit"
    assert second.status_code == 200
    assert second.content == first.content
    assert "Before." in text_of(second, "main")


def test_head_is_answered_from_the_page_a_get_stored(page_cache, about):
    visitor().get(about.url)
    assert cache_state(visitor().head(about.url)) == "hit"


def test_the_query_string_is_part_of_the_key_in_any_order(page_cache, news_index):
    NewsPageFactory(parent=news_index, tags=["alumni"])
    assert cache_state(visitor().get(news_index.url, {"tag": "alumni", "page": "1"})) == "miss"
    assert cache_state(visitor().get(f"{news_index.url}?page=1&tag=alumni")) == "hit"
    other = visitor().get(news_index.url, {"tag": "kit"})
    assert cache_state(other) == "miss"
    assert "There is no topic by that name." in text_of(other, "main")


def test_a_parameter_no_page_reads_is_served_but_never_kept(page_cache, news_index):
    # Otherwise anyone could fill the shared cache with ?a=1, ?a=2, ... and push out real pages.
    for attempt in ("1", "2"):
        response = visitor().get(news_index.url, {"utm_source": attempt})
        assert response.status_code == 200
        assert cache_state(response) != "hit"
    assert cache_state(visitor().get(news_index.url, {"utm_source": "1"})) != "hit"


def test_each_site_has_its_own_entries(page_cache, about, settings):
    settings.ALLOWED_HOSTS = ["localhost", "other.example.org"]
    visitor().get(about.url, HTTP_HOST="localhost")
    assert cache_state(visitor().get(about.url, HTTP_HOST="other.example.org")) == "miss"


def test_the_feed_and_the_sitemap_are_kept(page_cache, news_index):
    NewsPageFactory(parent=news_index, title="Follow-up in Brussels")
    for url in (f"{news_index.url}feed/", "/sitemap.xml"):
        assert cache_state(visitor().get(url)) == "miss"
        assert cache_state(visitor().get(url)) == "hit"


def test_nothing_is_kept_while_the_cache_is_off(about):
    visitor().get(about.url)
    response = visitor().get(about.url)
    assert cache_state(response) is None
    assert "Before." in text_of(response, "main")
    assert not response.has_header("Cache-Control")


# For whom -----------------------------------------------------------------------------------


def test_signed_in_people_never_get_nor_leave_a_stored_page(page_cache, about, member):
    assert cache_state(visitor().get(about.url)) == "miss"

    person = Client()
    person.force_login(member)
    theirs = person.get(about.url)
    assert cache_state(theirs) is None
    assert "Log out" in text_of(theirs, "header")
    assert "private" in theirs["Cache-Control"]

    # What a signed-in person saw (their token, their menu) is never stored for anyone else.
    anonymous = visitor().get(about.url)
    assert cache_state(anonymous) == "hit"
    assert "Log out" not in text_of(anonymous, "header")
    assert b"csrfmiddlewaretoken" not in anonymous.content


def test_a_page_showing_a_message_is_neither_served_from_nor_kept_in_the_cache(
    page_cache, home, member
):
    assert cache_state(visitor().get("/")) == "miss"
    person = Client()
    person.force_login(member)

    after = person.post("/accounts/logout/", follow=True)

    assert after.redirect_chain[-1][0] == "/"
    assert cache_state(after) is None
    assert "You have logged out." in text_of(after)
    next_visitor = visitor().get("/")
    assert cache_state(next_visitor) == "hit"
    assert "You have logged out." not in text_of(next_visitor)


def test_a_page_with_a_csrf_token_is_never_kept(page_cache, home):
    call = CallForPracticesPageFactory(parent=home)
    first, second = visitor().get(call.url), visitor().get(call.url)
    assert cache_state(first) is None and cache_state(second) is None
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    assert "private" in second["Cache-Control"]


def test_a_private_page_is_never_kept_even_for_a_visitor_who_knows_the_password(page_cache, about):
    restriction = PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.PASSWORD, password="partners"
    )
    insider = Client()
    form = insider.get(about.url)
    assert cache_state(form) is None
    assert "Before." not in text_of(form)

    insider.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{about.pk}/",
        {"password": "partners", "return_url": about.url},
    )
    inside = insider.get(about.url)
    assert "Before." in text_of(inside, "main")
    assert cache_state(inside) is None

    outsider = visitor().get(about.url)
    assert "Before." not in text_of(outsider)


def test_learning_pages_are_private(page_cache, home):
    edition = EditionPageFactory(parent=AcademyIndexPageFactory(parent=home))
    for url in (edition.get_parent().url, edition.url):
        visitor().get(url)
        response = visitor().get(url)
        assert response.status_code == 200
        assert cache_state(response) is None
        assert "private" in response["Cache-Control"]
        assert "no-cache" in response["Cache-Control"]


def test_a_missing_page_is_not_kept(page_cache, home):
    visitor().get("/no-such-page/")
    response = visitor().get("/no-such-page/")
    assert response.status_code == 404
    assert cache_state(response) is None


def test_the_admin_is_not_kept(page_cache, home, editor):
    person = Client()
    person.force_login(editor)
    person.get("/admin/")
    assert cache_state(person.get("/admin/")) is None


# Until when ---------------------------------------------------------------------------------


def test_an_edit_published_through_the_admin_shows_at_once(page_cache, about, editor):
    assert "Before." in text_of(visitor().get(about.url), "main")
    assert cache_state(visitor().get(about.url)) == "hit"

    staff = Client()
    staff.force_login(editor)
    data = nested_form_data(
        {"title": about.title, "slug": about.slug, "intro": "After.", "body": streamfield([])}
    )
    response = staff.post(
        f"/admin/pages/{about.pk}/edit/", {**data, "action-publish": "action-publish"}
    )
    assert response.status_code == 302

    fresh = visitor().get(about.url)
    assert cache_state(fresh) == "miss"
    assert "After." in text_of(fresh, "main")


def test_a_draft_leaves_the_public_page_as_it_was(page_cache, about):
    visitor().get(about.url)
    about.intro = "Not yet."
    about.save_revision()
    assert "Before." in text_of(visitor().get(about.url), "main")


def test_unpublishing_deleting_and_moving_take_effect_at_once(page_cache, home, about):
    listed = StandardPageFactory(parent=home, title="Moved soon", slug="moved-soon")
    gone = StandardPageFactory(parent=home, title="Deleted soon", slug="deleted-soon")
    for page in (about, listed, gone):
        visitor().get(page.url)

    about.unpublish()
    gone.delete()
    listed.move(about, pos="last-child")

    assert visitor().get("/about/").status_code == 404
    assert visitor().get("/deleted-soon/").status_code == 404
    # Moving a page leaves a redirect from its old address.
    moved = visitor().get("/moved-soon/", follow=True)
    assert moved.redirect_chain == [("/about/moved-soon/", 301)]


def test_making_a_page_private_takes_effect_at_once(page_cache, about):
    visitor().get(about.url)
    PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.PASSWORD, password="partners"
    )
    assert "Before." not in text_of(visitor().get(about.url))


def test_a_changed_author_shows_on_the_update_at_once(page_cache, news_index):
    author = PersonFactory(name="Ana Ruiz")
    update = NewsPageFactory(parent=news_index)
    update.news_authors.create(person=author)
    update.save()
    assert "Ana Ruiz" in text_of(visitor().get(update.url), "main")

    author.name = "Ana Ruiz Pérez"
    author.save()

    assert "Ana Ruiz Pérez" in text_of(visitor().get(update.url), "main")


def test_a_renamed_policy_field_shows_on_the_practice_at_once(page_cache, practice_index):
    field = PolicyFieldFactory(name="Housing")
    practice = PracticePageFactory(parent=practice_index, policy_fields=[field])
    assert "Housing" in text_of(visitor().get(practice.url), "main")

    field.name = "Housing support"
    field.save()

    assert "Housing support" in text_of(visitor().get(practice.url), "main")


def test_changed_footer_settings_show_at_once(page_cache, home, about):
    visitor().get(about.url)
    footer = SiteFooterSettings.for_site(home.get_site())
    footer.funding_statement = "Funded by the integration fund."
    footer.save()
    assert "Funded by the integration fund." in text_of(visitor().get(about.url), "footer")


# Headers ------------------------------------------------------------------------------------


def test_a_kept_page_says_who_may_keep_it_and_how_to_revalidate(page_cache, about):
    for response in (visitor().get(about.url), visitor().get(about.url)):
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert cache_control == {"public", "max-age=60", "s-maxage=60"}
        assert "Cookie" in response["Vary"]
        assert response.has_header("ETag")
        assert response.has_header("Last-Modified")


@pytest.mark.parametrize("stored_first", [False, True])
def test_a_page_the_visitor_has_is_answered_with_304(page_cache, about, stored_first):
    if stored_first:
        visitor().get(about.url)
    first = visitor().get(about.url)
    again = visitor().get(about.url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_the_feed_answers_if_modified_since_until_an_update_is_published(page_cache, news_index):
    NewsPageFactory(parent=news_index, title="Call opens")
    feed = f"{news_index.url}feed/"
    first = visitor().get(feed)
    assert first.status_code == 200
    since = first["Last-Modified"]

    assert visitor().get(feed, HTTP_IF_MODIFIED_SINCE=since).status_code == 304

    NewsPageFactory(parent=news_index, title="Residential week")
    newer = visitor().get(feed, HTTP_IF_MODIFIED_SINCE=since)
    assert newer.status_code == 200
    assert b"Residential week" in newer.content


def test_the_cache_being_off_still_answers_if_none_match(about):
    first = visitor().get(about.url)
    assert visitor().get(about.url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert visitor().get(about.url, HTTP_IF_MODIFIED_SINCE=http_date()).status_code == 200


# Compression --------------------------------------------------------------------------------


@pytest.mark.parametrize("cache_seconds", [0, 300])
def test_public_pages_are_compressed_for_clients_that_accept_it(settings, about, cache_seconds):
    settings.PAGE_CACHE_SECONDS = cache_seconds
    plain = visitor().get(about.url)
    for _ in range(2):
        packed = visitor().get(about.url, HTTP_ACCEPT_ENCODING="gzip, deflate")
        assert packed["Content-Encoding"] == "gzip"
        assert gzip.decompress(packed.content) == plain.content
        assert "Accept-Encoding" in packed["Vary"]
    assert not visitor().get(about.url).has_header("Content-Encoding")


def test_pages_with_secrets_are_not_compressed(home, member):
    call = CallForPracticesPageFactory(parent=home)
    form = visitor().get(call.url, HTTP_ACCEPT_ENCODING="gzip")
    assert not form.has_header("Content-Encoding")

    person = Client()
    person.force_login(member)
    signed_in = person.get("/", HTTP_ACCEPT_ENCODING="gzip")
    assert signed_in.status_code == 200
    assert not signed_in.has_header("Content-Encoding")
