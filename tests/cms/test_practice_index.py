"""The practice index: filters alone and combined, kept in the URL, paginated, robust to bad input."""

import datetime

import pytest

from cms.models.practices import PRACTICES_PER_PAGE
from tests.cms.factories import PolicyFieldFactory, PracticePageFactory
from tests.html import links, selected_options, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def atlas(practice_index):
    housing = PolicyFieldFactory(name="Housing", slug="housing")
    health = PolicyFieldFactory(name="Health", slug="health")
    return {
        "hamburg": PracticePageFactory(
            parent=practice_index,
            title="Hamburg housing desk",
            city="Hamburg",
            country="Germany",
            policy_fields=[housing],
            tags=["one-stop shop"],
        ),
        "vienna": PracticePageFactory(
            parent=practice_index,
            title="Vienna health guides",
            city="Vienna",
            country="Austria",
            policy_fields=[health],
            tags=["mentoring"],
            end_date=datetime.date(2015, 1, 1),
        ),
        "vienna_housing": PracticePageFactory(
            parent=practice_index,
            title="Vienna tenancy coaching",
            city="Vienna",
            country="Austria",
            policy_fields=[housing],
            tags=["mentoring"],
        ),
    }


def titles(response) -> set[str]:
    return {practice.title for practice in response.context["practices"]}


def test_unfiltered_index_lists_every_live_practice_with_card_details(
    client, practice_index, atlas
):
    response = client.get(practice_index.url)
    text = text_of(response, "main")
    assert titles(response) == {p.title for p in atlas.values()}
    assert "3 practices" in text
    for practice in atlas.values():
        assert (practice.title, practice.url) in links(response, "main")
    assert "Hamburg, Germany" in text and "Housing" in text
    assert atlas["hamburg"].summary in text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("city=Vienna", {"vienna", "vienna_housing"}),
        ("country=Germany", {"hamburg"}),
        ("policy_field=housing", {"hamburg", "vienna_housing"}),
        ("tag=mentoring", {"vienna", "vienna_housing"}),
        ("status=closed", {"vienna"}),
        ("status=live", {"hamburg", "vienna_housing"}),
        ("city=Vienna&policy_field=housing", {"vienna_housing"}),
        ("country=Austria&tag=mentoring&status=live", {"vienna_housing"}),
        ("city=Hamburg&tag=mentoring", set()),
    ],
)
def test_filters_alone_and_combined(client, practice_index, atlas, query, expected):
    response = client.get(f"{practice_index.url}?{query}")
    assert response.status_code == 200
    assert titles(response) == {atlas[key].title for key in expected}


def test_filter_form_keeps_the_chosen_values(client, practice_index, atlas):
    response = client.get(f"{practice_index.url}?city=Vienna&policy_field=housing")
    assert selected_options(response, "city") == ["Vienna"]
    assert selected_options(response, "policy_field") == ["housing"]
    assert ("Clear filters", practice_index.url) in links(response, "main")


def test_no_match_says_so(client, practice_index, atlas):
    response = client.get(f"{practice_index.url}?city=Hamburg&tag=mentoring")
    assert "No practice matches these filters" in text_of(response, "main")


@pytest.mark.parametrize(
    "query",
    [
        "city=Atlantis",
        "policy_field=nonexistent",
        "tag=%3Cscript%3E",
        "tag=a%00b",
        "policy_field=%00",
        "status=maybe",
        "country=",
    ],
)
def test_unknown_filter_values_are_ignored_with_a_message(client, practice_index, atlas, query):
    response = client.get(f"{practice_index.url}?{query}")
    assert response.status_code == 200
    assert titles(response) == {p.title for p in atlas.values()}
    if query != "country=":
        assert "That value is not available" in text_of(response, "main")


def test_drafts_are_not_listed(client, practice_index, atlas):
    atlas["hamburg"].unpublish()
    assert atlas["hamburg"].title not in titles(client.get(practice_index.url))


def test_pagination_keeps_filters_in_links(client, practice_index):
    field = PolicyFieldFactory(slug="education")
    PracticePageFactory.create_batch(
        PRACTICES_PER_PAGE + 3, parent=practice_index, policy_fields=[field]
    )
    PracticePageFactory.create_batch(2, parent=practice_index)

    first = client.get(f"{practice_index.url}?policy_field=education")
    second = client.get(f"{practice_index.url}?policy_field=education&page=2")

    assert len(first.context["practices"]) == PRACTICES_PER_PAGE
    assert len(second.context["practices"]) == 3
    assert ("Next", "?policy_field=education&page=2") in links(first, "main")
    assert ("Page 2", "?policy_field=education&page=2") in links(first, "main")
    assert "Page 2 of 2" in text_of(second, "main")


@pytest.mark.parametrize(
    ("page", "expected_number"), [("abc", 1), ("99999", 2), ("-1", 2), ("", 1)]
)
def test_bad_page_numbers_fall_back_to_a_real_page(client, practice_index, page, expected_number):
    PracticePageFactory.create_batch(PRACTICES_PER_PAGE + 1, parent=practice_index)
    response = client.get(f"{practice_index.url}?page={page}")
    assert response.status_code == 200
    assert response.context["practices"].number == expected_number


def test_missing_practice_slug_is_a_styled_404(client, practice_index):
    response = client.get(f"{practice_index.url}no-such-practice/")
    assert response.status_code == 404
    assert "We could not find that page" in text_of(response, "main")


@pytest.mark.parametrize("count", [5, 50])
def test_index_query_budget_does_not_grow(
    client, practice_index, django_assert_max_num_queries, count
):
    fields = PolicyFieldFactory.create_batch(3)
    for n in range(count):
        PracticePageFactory(
            parent=practice_index, policy_fields=fields[: n % 3 + 1], tags=[f"t{n % 4}"]
        )
    client.get(practice_index.url)  # warm the site and settings caches
    with django_assert_max_num_queries(12):
        response = client.get(f"{practice_index.url}?policy_field={fields[0].slug}")
    assert response.status_code == 200
    assert len(response.context["practices"]) == min(count, PRACTICES_PER_PAGE)
