"""Posting limits on the site's own forms: counted per person or per address, GETs never counted,
and a refusal that tells the person what happened."""

import math
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory

from cms.ratelimit import limit_posts
from tests.cms.factories import UserFactory
from tests.html import headings, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def post_view(settings):
    settings.POST_RATE_LIMITS = {**settings.POST_RATE_LIMITS, "test:form": 2}
    calls = []

    @limit_posts("test:form", window=15 * 60)
    def view(request):
        calls.append(request.method)
        return HttpResponse("saved")

    view.calls = calls
    return view


def request(method: str, *, user=None, address: str = "192.0.2.1"):
    made = getattr(RequestFactory(), method)("/form/", REMOTE_ADDR=address)
    made.user = user or AnonymousUser()
    return made


def test_posts_beyond_the_limit_are_refused_with_an_explanation(home, post_view):
    assert [post_view(request("post")).status_code for _ in range(2)] == [200, 200]

    refused = post_view(request("post"))

    assert refused.status_code == 429
    assert headings(refused) == ["Please slow down"]
    page = text_of(refused, "main")
    assert "this attempt was refused and nothing was saved" in page
    # The counters are per fixed 15-minute window: the page says when this one ends.
    wait = int(refused["Retry-After"])
    assert 1 <= wait <= 15 * 60
    minutes = math.ceil(wait / 60)
    expected = "Try again in a minute." if minutes == 1 else f"Try again in {minutes} minutes"
    assert expected in page
    assert post_view.calls == ["POST", "POST"], "the refused post never reached the view"


def test_reading_the_form_is_never_counted_or_refused(home, post_view):
    for _ in range(5):
        assert post_view(request("get")).status_code == 200
    assert post_view(request("post")).status_code == 200
    assert post_view.calls == ["GET"] * 5 + ["POST"]


def test_each_address_has_its_own_count(home, post_view):
    for _ in range(2):
        post_view(request("post", address="192.0.2.1"))
    assert post_view(request("post", address="192.0.2.1")).status_code == 429
    assert post_view(request("post", address="198.51.100.7")).status_code == 200
    assert post_view.calls == ["POST"] * 3, "two from the first address, one from the second"


def test_signed_in_people_are_counted_per_account_not_per_address(home, post_view):
    ada, ben = UserFactory(), UserFactory()
    for _ in range(2):
        post_view(request("post", user=ada, address="192.0.2.1"))

    # Ada is refused from any address; Ben, behind the same address, is not.
    assert post_view(request("post", user=ada, address="203.0.113.9")).status_code == 429
    assert post_view(request("post", user=ben, address="192.0.2.1")).status_code == 200
    assert post_view.calls == ["POST"] * 3, "Ada's two, then Ben's"


def test_the_count_starts_again_in_the_next_window(home, post_view, monkeypatch):
    import cms.ratelimit

    clock = [1_800_000_000.0]
    monkeypatch.setattr(cms.ratelimit, "time", SimpleNamespace(time=lambda: clock[0]))
    for _ in range(2):
        post_view(request("post"))
    assert post_view(request("post")).status_code == 429

    clock[0] += 15 * 60
    assert post_view(request("post")).status_code == 200
    assert post_view.calls == ["POST"] * 3, "the refused post never reached the view"
