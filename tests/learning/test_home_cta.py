"""The home page's call to action follows the current academy edition by itself."""

import pytest

from tests.cms.factories import StandardPageFactory
from tests.html import links, text
from tests.learning.factories import EditionPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.shared_academy]


def _with_editor_cta(home):
    about = StandardPageFactory(parent=home, title="About the academy")
    home.cta_title = "Hand-written call to action"
    home.cta_label = "Read more"
    home.cta_page = about
    home.save_revision().publish()
    return about


def test_cta_names_the_current_edition_and_links_to_it(client, home, academy, edition):
    _with_editor_cta(home)

    html = client.get("/").content.decode()

    assert "The academy: Turin 2027" in html
    assert ("Apply now", edition.url) in links(html)
    assert "Hand-written call to action" not in text(html)


def test_cta_prefers_the_running_edition_over_past_ones(client, home, academy, edition):
    EditionPageFactory(
        parent=academy,
        turin_2014=True,
    )
    html = client.get("/").content.decode()
    assert "The academy: Turin 2027" in html and "Turin 2014" not in html


def test_cta_falls_back_to_the_editors_fields_without_a_live_edition(
    client, home, academy, edition
):
    about = _with_editor_cta(home)
    edition.unpublish()

    html = client.get("/").content.decode()

    assert "Hand-written call to action" in text(html) and ("Read more", about.url) in links(html)
    assert "The academy:" not in text(html)


def test_an_edition_edit_shows_on_the_home_page_at_once(client, settings, home, academy, edition):
    settings.PAGE_CACHE_SECONDS = 300  # whole pages are kept too, as in production
    client.get("/")
    assert "The academy: Turin 2027" in client.get("/").content.decode()

    edition.title = "Turin 2027, second round"
    edition.save_revision().publish()

    assert "The academy: Turin 2027, second round" in client.get("/").content.decode()
