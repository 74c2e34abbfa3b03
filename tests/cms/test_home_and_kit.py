"""The home page (hero, featured practices, latest news, call to action) and the kit."""

import datetime

import pytest

from cms.models import HomeFeaturedPractice, KitDocument
from tests.cms.factories import (
    DocumentFactory,
    NewsPageFactory,
    PracticePageFactory,
    StandardPageFactory,
)
from tests.html import headings, links, table_rows, text_of

pytestmark = pytest.mark.django_db


def test_home_shows_hero_featured_practices_latest_three_news_and_cta(
    client, home, practice_index, news_index
):
    featured = PracticePageFactory(parent=practice_index, title="Featured in Visby", city="Visby")
    PracticePageFactory(parent=practice_index, title="Not featured")
    HomeFeaturedPractice.objects.create(page=home, practice=featured)
    for day in range(1, 5):
        NewsPageFactory(parent=news_index, title=f"Update {day}", date=datetime.date(2024, 1, day))
    about = StandardPageFactory(parent=home, title="About")
    home.cta_title = "Apply for the next edition"
    home.cta_label = "Read about the academy"
    home.cta_page = about
    home.save_revision().publish()

    response = client.get("/")

    assert headings(response) == [home.hero_title]
    assert "Featured in Visby" in text_of(response) and "Not featured" not in text_of(response)
    news = text_of(response, "main")
    assert "Update 4" in news and "Update 2" in news and "Update 1" not in news
    assert "Apply for the next edition" in headings(response, "h2")
    assert ("Read about the academy", about.url) in links(response, "main")


def test_unpublished_featured_practice_is_left_out(client, home, practice_index):
    featured = PracticePageFactory(parent=practice_index, title="Withdrawn practice")
    HomeFeaturedPractice.objects.create(page=home, practice=featured)
    featured.unpublish()
    assert "Withdrawn practice" not in text_of(client.get("/"))


@pytest.mark.parametrize("count", [5, 50])
def test_home_query_budget_does_not_grow(
    client, home, practice_index, news_index, django_assert_max_num_queries, count
):
    practices = PracticePageFactory.create_batch(count, parent=practice_index)
    for practice in practices[:6]:
        HomeFeaturedPractice.objects.create(page=home, practice=practice)
    NewsPageFactory.create_batch(count, parent=news_index)
    client.get("/")
    # The page and its cards; the site, menu, footer and current edition come from the cache.
    with django_assert_max_num_queries(12):
        response = client.get("/")
    assert len(response.context["featured_practices"]) == min(count, 6)
    assert len(response.context["latest_news"]) == 3


def test_kit_collects_infosheets_and_videos_from_practices(client, kit, practice_index):
    PracticePageFactory(
        parent=practice_index,
        title="Southwark advice hub",
        city="Southwark",
        infosheet=DocumentFactory(title="Infosheet: Southwark advice hub"),
        video_url="https://video.example.org/southwark",
    )
    PracticePageFactory(parent=practice_index, title="Practice without material")
    KitDocument.objects.create(
        page=kit, document=DocumentFactory(title="Trainer's guide"), description="For facilitators."
    )

    response = client.get(kit.url)

    page_links = dict(links(response, "main"))
    assert "Discussion paper" in page_links
    assert "Infosheet: Southwark advice hub" in page_links
    assert page_links["Documentary: Southwark advice hub"] == "https://video.example.org/southwark"
    assert "Practice without material" not in text_of(response)
    assert "Trainer's guide" in page_links
    # One row per infosheet: the practice, the document, its format and its size.
    header, *rows = table_rows(response)
    assert header == ["Practice", "Infosheet", "Format", "Size"]
    assert len(rows) == 1
    practice, infosheet, file_format, size = rows[0]
    assert practice.startswith("Southwark advice hub")
    assert infosheet == "Infosheet: Southwark advice hub"
    assert file_format == "PDF"
    assert size.endswith("bytes")


@pytest.mark.parametrize("count", [5, 50])
def test_kit_query_budget_does_not_grow(
    client, kit, practice_index, django_assert_max_num_queries, count
):
    for n in range(count):
        PracticePageFactory(
            parent=practice_index,
            infosheet=DocumentFactory(),
            video_url=f"https://video.example.org/{n}",
        )
    client.get(kit.url)
    with django_assert_max_num_queries(12):
        response = client.get(kit.url)
    assert len(response.context["infosheets"]) == count


def test_cta_button_falls_back_to_its_link_when_the_chosen_page_is_withdrawn(client, home):
    about = StandardPageFactory(parent=home, title="About")
    home.cta_title = "Apply for the next edition"
    home.cta_label = "Read more"
    home.cta_page = about
    home.cta_url = "https://example.org/call"
    home.save_revision().publish()
    assert ("Read more", about.url) in links(client.get("/"), "main")

    about.unpublish()

    assert ("Read more", "https://example.org/call") in links(client.get("/"), "main")


def test_cta_label_without_a_page_or_link_is_refused(home):
    from django.core.exceptions import ValidationError

    home.cta_title = "Apply"
    home.cta_label = "Go"
    with pytest.raises(ValidationError) as refused:
        home.full_clean()
    assert refused.value.message_dict["cta_page"] == [
        "Choose a page or enter a link for the button."
    ]

    home.cta_url = "https://example.org/call"
    home.full_clean()
