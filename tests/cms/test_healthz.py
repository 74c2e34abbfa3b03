"""The health check: load balancers and the benchmark's baseline ask it whether the process answers."""

import pytest
from django.urls import reverse

from tests.cms.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_answers_ok_as_plain_text_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "no-cache" in response["Cache-Control"]
    assert not response.cookies


def test_a_signed_in_visitor_gets_no_session_read_and_no_new_cookie(
    client, django_assert_num_queries
):
    client.force_login(UserFactory())

    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.content == b"ok"
    assert not response.cookies


def test_only_reading_methods_are_answered(client):
    head = client.head("/healthz")
    assert head.status_code == 200
    assert head.content == b""
    refused = client.post("/healthz")
    assert refused.status_code == 405
    assert refused["Allow"] == "GET, HEAD"


def test_the_address_is_healthz_without_a_slash():
    assert reverse("healthz") == "/healthz"


def test_the_page_cache_leaves_it_alone_even_when_the_cache_is_down(
    client, settings, django_assert_num_queries
):
    # A probe must not fail because the shared cache does: the cache is never asked.
    settings.PAGE_CACHE_SECONDS = 300
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }

    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.content == b"ok"
    assert "X-Page-Cache" not in response
