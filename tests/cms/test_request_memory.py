"""The site's private sections are read once per request, however many listings ask, and a change
to them is seen by the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cms.request_memory import RequestMemoryMiddleware, forget, remembered
from tests.cms.factories import PolicyFieldFactory, PracticePageFactory
from tests.html import text_of

pytestmark = pytest.mark.django_db


def restriction_reads(queries: CaptureQueriesContext) -> int:
    return sum('FROM "wagtailcore_pageviewrestriction"' in q["sql"] for q in queries)


def test_a_listing_page_reads_the_private_sections_once(client, practice_index, news_index):
    # The index filters, its listing, its filter choices and the menu all ask for public pages.
    PracticePageFactory(parent=practice_index, city="Vejle", policy_fields=[PolicyFieldFactory()])
    client.get(practice_index.url)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(practice_index.url)

    assert "Vejle" in text_of(response, "main")
    # One read for the page's own privacy check and every listing on it.
    assert restriction_reads(queries) == 1


def test_a_section_made_private_leaves_the_listing_on_the_next_request(client, practice_index):
    practice = PracticePageFactory(parent=practice_index, title="Harbour mentors")
    assert "Harbour mentors" in text_of(client.get(practice_index.url), "main")

    PageViewRestriction.objects.create(
        page=practice, restriction_type=PageViewRestriction.PASSWORD, password="partners-only"
    )

    assert "Harbour mentors" not in text_of(client.get(practice_index.url), "main")


def test_answers_are_kept_for_one_request_only(rf):
    calls = []

    def view(request):
        first = remembered("answer", lambda: calls.append(1) or len(calls))
        second = remembered("answer", lambda: calls.append(1) or len(calls))
        return first, second

    middleware = RequestMemoryMiddleware(view)

    assert middleware(rf.get("/")) == (1, 1)
    assert middleware(rf.get("/")) == (2, 2)
    # Outside a request nothing is kept.
    assert remembered("answer", lambda: "fresh") == "fresh"


def test_forget_drops_an_answer_within_the_request(rf):
    def view(request):
        before = remembered("answer", lambda: "old")
        forget("answer")
        return before, remembered("answer", lambda: "new")

    assert RequestMemoryMiddleware(view)(rf.get("/")) == ("old", "new")
