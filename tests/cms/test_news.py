"""The news index, its tag filter and pagination, and the RSS feed."""

import datetime

import feedparser
import pytest

from cms.feeds import FEED_LENGTH
from cms.models.news import NEWS_PER_PAGE
from tests.cms.factories import NewsPageFactory
from tests.html import element, headings, links, text_of

pytestmark = pytest.mark.django_db


def test_index_lists_updates_newest_first(client, news_index):
    older = NewsPageFactory(parent=news_index, title="Call opens", date=datetime.date(2023, 3, 1))
    newer = NewsPageFactory(
        parent=news_index, title="Residential week", date=datetime.date(2024, 2, 1)
    )
    response = client.get(news_index.url)
    assert list(response.context["news_updates"]) == [newer, older]
    text = text_of(response, "main")
    assert text.index("Residential week") < text.index("Call opens")
    assert "1 February 2024" in text


def test_tag_filter(client, news_index):
    tagged = NewsPageFactory(parent=news_index, tags=["alumni"])
    NewsPageFactory(parent=news_index, tags=["kit"])
    response = client.get(f"{news_index.url}?tag=alumni")
    assert list(response.context["news_updates"]) == [tagged]
    assert headings(response) == ["News: alumni"]


@pytest.mark.parametrize("tag", ["nothing-here", "a%00b", "%3Cb%3E"])
def test_unknown_tag_gives_a_helpful_empty_page(client, news_index, tag):
    NewsPageFactory(parent=news_index)
    response = client.get(f"{news_index.url}?tag={tag}")
    assert response.status_code == 200
    assert "There is no topic by that name." in text_of(response, "main")
    assert len(response.context["news_updates"]) == 0


def test_paginated_ten_a_page(client, news_index):
    NewsPageFactory.create_batch(NEWS_PER_PAGE + 2, parent=news_index)
    assert len(client.get(news_index.url).context["news_updates"]) == NEWS_PER_PAGE
    second = client.get(f"{news_index.url}?page=2")
    assert len(second.context["news_updates"]) == 2
    # A number that is not one, or is past the end, shows a real page: the first, or the last.
    for bad, shown, count in (("abc", "Page 1 of 2", NEWS_PER_PAGE), ("99999", "Page 2 of 2", 2)):
        response = client.get(f"{news_index.url}?page={bad}")
        assert response.status_code == 200
        assert shown in text_of(response, "main")
        assert len(element(response, "main").select("article")) == count


def test_feed_is_rss_listing_the_latest_updates(client, news_index):
    for day in range(1, 4):
        NewsPageFactory(
            parent=news_index,
            title=f"Update of day {day}",
            intro=f"Intro {day}",
            date=datetime.date(2024, 5, day),
        )
    draft = NewsPageFactory(parent=news_index, title="Unpublished draft", live=False)
    response = client.get(f"{news_index.url}feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")

    feed = feedparser.parse(response.content)
    assert feed.version == "rss20"
    assert feed.bozo == 0
    assert [entry.title for entry in feed.entries] == [
        "Update of day 3",
        "Update of day 2",
        "Update of day 1",
    ]
    assert feed.entries[0].summary == "Intro 3"
    assert feed.entries[0].link.endswith("/news/update-of-day-3/")
    assert draft.title not in response.content.decode()


def test_index_advertises_its_feed(client, news_index):
    response = client.get(news_index.url)
    alternate = element(response, 'head link[rel="alternate"]')
    assert alternate["type"] == "application/rss+xml"
    assert alternate["href"] == f"{news_index.url}feed/"
    assert ("Subscribe to the RSS feed", f"{news_index.url}feed/") in links(response, "main")


@pytest.mark.parametrize("count", [5, 30])
def test_feed_query_budget_does_not_grow(client, news_index, django_assert_max_num_queries, count):
    NewsPageFactory.create_batch(count, parent=news_index)
    client.get(f"{news_index.url}feed/")

    with django_assert_max_num_queries(8):
        response = client.get(f"{news_index.url}feed/")

    feed = feedparser.parse(response.content)
    assert len(feed.entries) == min(count, FEED_LENGTH)
    assert all(entry.link.startswith("http://testserver/news/") for entry in feed.entries)


@pytest.mark.parametrize("count", [5, 50])
def test_index_query_budget_does_not_grow(client, news_index, django_assert_max_num_queries, count):
    for n in range(count):
        NewsPageFactory(parent=news_index, tags=[f"topic {n % 5}"])
    client.get(news_index.url)
    with django_assert_max_num_queries(12):
        response = client.get(news_index.url)
    assert len(response.context["news_updates"]) == min(count, NEWS_PER_PAGE)
