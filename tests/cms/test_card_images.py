"""Card images: every card's rendition arrives with the listing, so no card asks the database or
the cache for its own image."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import HomeFeaturedPractice, PracticeGalleryImage
from tests.cms.factories import (
    ImageFactory,
    NewsPageFactory,
    PolicyFieldFactory,
    PracticePageFactory,
)
from tests.html import parse

pytestmark = pytest.mark.django_db


def rendition_queries(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if "cms_customrendition" in q["sql"]]


def card_images(response) -> list[str]:
    return [img["src"] for img in parse(response).select("main img.card__image")]


def request_with_cold_cache(client, url: str) -> tuple:
    client.get(url)  # the first visit makes the renditions
    cache.clear()  # a fresh process, or another one behind the same load balancer
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, queries


@pytest.mark.parametrize("count", [3, 9])
def test_practice_cards_fetch_their_renditions_in_one_query(client, practice_index, count):
    PracticePageFactory.create_batch(count, parent=practice_index)

    response, queries = request_with_cold_cache(client, practice_index.url)

    assert len(card_images(response)) == count
    assert all(src.endswith(".webp") for src in card_images(response))
    assert len(rendition_queries(queries)) == 1


@pytest.mark.parametrize("count", [3, 9])
def test_news_cards_fetch_their_renditions_in_one_query(client, news_index, count):
    NewsPageFactory.create_batch(count, parent=news_index)

    response, queries = request_with_cold_cache(client, news_index.url)

    assert len(card_images(response)) == count
    assert len(rendition_queries(queries)) == 1


def test_home_cards_fetch_renditions_once_per_listing(client, home, practice_index, news_index):
    for practice in PracticePageFactory.create_batch(6, parent=practice_index):
        HomeFeaturedPractice.objects.create(page=home, practice=practice)
    NewsPageFactory.create_batch(3, parent=news_index)

    response, queries = request_with_cold_cache(client, "/")

    assert len(card_images(response)) == 9
    # The featured practices, the latest news, and the hero image if the page has one.
    assert len(rendition_queries(queries)) <= 3


@pytest.mark.parametrize("photos", [1, 6])
def test_a_practice_page_costs_the_same_with_more_photos(
    client, practice_index, django_assert_max_num_queries, photos
):
    practice = PracticePageFactory(parent=practice_index, policy_fields=[PolicyFieldFactory()])
    for n in range(photos):
        PracticeGalleryImage.objects.create(
            page=practice, image=ImageFactory(), alt_text=f"Photo {n}", sort_order=n
        )
    PracticePageFactory.create_batch(
        3, parent=practice_index, policy_fields=practice.policy_fields.all()
    )
    client.get(practice.url)
    cache.clear()

    with django_assert_max_num_queries(24):
        response = client.get(practice.url)

    gallery = parse(response).select("main .gallery img")
    assert [img["alt"] for img in gallery] == [f"Photo {n}" for n in range(photos)]
    assert all(img["src"].endswith(".webp") for img in gallery)


def test_prefetched_card_renditions_are_not_written_back_to_the_cache(
    client, practice_index, monkeypatch
):
    # Wagtail writes each rendition it hands out to the cache: a round trip to Redis per card
    # per request in production, for renditions the listing already brought.
    from cms.models import CustomRendition

    PracticePageFactory.create_batch(4, parent=practice_index)
    client.get(practice_index.url)  # makes the renditions
    writes = []
    backend = CustomRendition.cache_backend
    monkeypatch.setattr(backend, "set", lambda *args, **kwargs: writes.append(args[0]))

    response = client.get(practice_index.url)

    assert len(card_images(response)) == 4
    assert writes == []
