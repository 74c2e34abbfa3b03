"""Searching the forums: posts and topic titles, only in forums the member may read, never a
hidden or deleted post, a page of results at a time, and any query answered without an error."""

import pytest
from django.urls import reverse

from community import posting
from community.models import Post, Removal
from community.selectors import MAX_QUERY_LENGTH, SEARCH_PER_PAGE
from tests.community.conftest import ROLES
from tests.community.factories import reply, start_topic
from tests.html import element, links, text, texts

SEARCH = "/community/search/"

# Who reads which forum (see test_forum_views.READS).
READS = {
    "trainee": {"cohort", "general"},
    "alumnus": {"cohort", "thematic", "general"},
    "facilitator": {"cohort", "thematic", "general"},
    "editor": {"cohort", "other_cohort", "thematic", "general"},
    "member": {"general"},
    "unverified": set(),
    "other_alumnus": {"other_cohort", "thematic", "general"},
}


@pytest.fixture
def posts(community_world):
    """One post about a one-stop shop in each forum, named after its forum."""
    world = community_world
    authors = {
        "cohort": world.alumnus,
        "other_cohort": world.other_alumnus,
        "thematic": world.facilitator,
        "general": world.member,
    }
    for key, author in authors.items():
        start_topic(
            author,
            getattr(world, key),
            title=f"Opening hours in the {key} forum",
            source=f"Our one-stop shop for newcomers ({key}) opens on Saturdays.",
        )
    return authors


def found(response) -> set[str]:
    """The forums whose posts were found, from the words of each result."""
    words = " ".join(texts(response, ".search-results li"))
    return {key for key in READS["editor"] if f"({key})" in words}


@pytest.mark.parametrize("role", ROLES)
def test_search_finds_posts_only_in_forums_the_member_reads(client, community_world, posts, role):
    client.force_login(community_world.people[role])

    response = client.get(SEARCH, {"q": "one-stop shop"})

    assert response.status_code == 200
    assert found(response) == READS[role]


def test_signed_out_people_are_sent_to_log_in(client, community_world):
    response = client.get(SEARCH, {"q": "shop"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_result_links_to_its_post_in_its_topic(client, community_world, posts):
    world = community_world
    topic = world.general.topics.get()
    answer = reply(world.alumnus, topic, "We copied the Saturday hours in Vejle.")
    client.force_login(world.member)

    response = client.get(SEARCH, {"q": "Vejle"})

    assert texts(response, ".search-results h3") == ["Opening hours in the general forum"]
    assert f"{topic.get_absolute_url()}?page=1#post-{answer.number}" in {
        href for _words, href in links(response, "main")
    }
    assert "We copied the Saturday hours in Vejle." in text(response, ".search-results")
    assert "Post 2 in Open forum" in text(response, ".search-results")


def test_topic_titles_are_searched_too(client, community_world, posts):
    client.force_login(community_world.alumnus)

    response = client.get(SEARCH, {"q": "hours"})

    assert set(texts(response, "main ul.search-results a")) == {
        "Opening hours in the cohort forum",
        "Opening hours in the thematic forum",
        "Opening hours in the general forum",
    }


def test_titles_of_unreadable_forums_are_not_found(client, community_world, posts):
    client.force_login(community_world.member)

    response = client.get(SEARCH, {"q": "hours"})

    assert texts(response, "main ul.search-results a") == ["Opening hours in the general forum"]


def test_hidden_and_deleted_posts_are_never_found(client, community_world, posts):
    world = community_world
    topic = world.general.topics.get()
    deleted = reply(world.alumnus, topic, "Marzipan is served on Saturdays.")
    hidden = reply(world.trainee, topic, "Marzipan again, with a phone number.")
    posting.post_delete(user=world.alumnus, post=deleted)
    Post.objects.filter(pk=hidden.pk).update(removal=Removal.HIDDEN, removal_reason="Privacy")
    client.force_login(world.editor)

    response = client.get(SEARCH, {"q": "marzipan"})

    assert texts(response, "ol.search-results li") == []
    assert "No post matched “marzipan”" in text(response)


def test_results_come_a_page_at_a_time(client, community_world):
    world = community_world
    topic = start_topic(world.member, world.general, title="Tram passes", source="Tram one.")
    for n in range(SEARCH_PER_PAGE + 2):
        reply(world.member, topic, f"Tram pass idea number {n}.")
    client.force_login(world.member)

    first = client.get(SEARCH, {"q": "tram"})
    second = client.get(SEARCH, {"q": "tram", "page": "2"})

    assert len(texts(first, "ol.search-results > li")) == SEARCH_PER_PAGE
    assert len(texts(second, "ol.search-results > li")) == 3
    assert f"{SEARCH_PER_PAGE + 3} posts match" in text(first)


@pytest.mark.parametrize(
    "query",
    ["", "   ", '"unbalanced', "AND OR NOT", "a\x00b", "%", "x" * 500, "(shop", "-", "*"],
)
def test_any_query_is_answered(client, community_world, posts, query):
    client.force_login(community_world.alumnus)

    response = client.get(SEARCH, {"q": query, "page": "nonsense"})

    assert response.status_code == 200
    searched = element(response, "#community-search").get("value", "")
    assert "\x00" not in searched
    assert len(searched) <= MAX_QUERY_LENGTH
    if searched:
        # "N posts match" or "No post matched …": an answer either way.
        assert text(response, ".container [role=status]")
    else:
        assert "Type a word or two" in text(response)
