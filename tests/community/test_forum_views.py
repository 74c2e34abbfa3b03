"""The forum index and a forum's topic list as each person sees them, starting a topic, "mark
read", and the query budgets of both listings."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from community.models import Forum, ForumKind, Post, Topic
from community.selectors import TOPICS_PER_PAGE
from tests.community.conftest import ROLES
from tests.community.factories import ForumFactory, reply, start_topic
from tests.html import form_errors, headings, links, parse, text, texts

INDEX = "/community/"

# Who reads which forum of the world: (cohort, other cohort, thematic, general).
READS = {
    "trainee": {"cohort", "general"},
    "alumnus": {"cohort", "thematic", "general"},
    "facilitator": {"cohort", "thematic", "general"},
    "editor": {"cohort", "other_cohort", "thematic", "general"},
    "member": {"general"},
    "unverified": set(),
    "other_alumnus": {"other_cohort", "thematic", "general"},
}
FORUM_NAMES = {
    "cohort": "Ghent 2027 cohort",
    "other_cohort": "Vienna 2026 cohort",
    "thematic": "Housing support",
    "general": "Open forum",
}


def as_role(client, world, role):
    if role != "signed_out":
        client.force_login(world.people[role])
    return client


def forum_url(forum) -> str:
    return reverse("community:forum", kwargs={"forum": forum.slug})


# ---------------------------------------------------------------------------------------------
# The index


@pytest.mark.parametrize("role", ROLES)
def test_the_index_lists_the_forums_each_person_may_read(client, community_world, role):
    response = as_role(client, community_world, role).get(INDEX)

    assert response.status_code == 200
    shown = headings(response, "h3", "main")
    assert set(shown) == {FORUM_NAMES[key] for key in READS[role]}


def test_signed_out_people_are_sent_to_log_in(client, community_world):
    response = client.get(INDEX)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_someone_with_no_forum_learns_who_the_community_is_for(client, community_world):
    response = as_role(client, community_world, "unverified").get(INDEX)

    words = text(response, "main")
    assert "There is no forum open to you yet" in words
    assert "alumni" in words and "facilitators" in words and "confirmed" in words
    assert "Mark all read" not in words


def test_the_cohort_comes_first_then_communities_of_practice_then_the_rest(client, community_world):
    world = community_world
    ForumFactory(name="Old exchanges", slug="old-exchanges", kind=ForumKind.GENERAL, archived=True)
    response = as_role(client, world, "alumnus").get(INDEX)

    assert headings(response, "h2", "main") == [
        "Your cohort",
        "Communities of practice",
        "Open to all members",
        "Archived forums",
    ]
    assert headings(response, "h3", "main") == [
        "Ghent 2027 cohort",
        "Housing support",
        "Open forum",
        "Old exchanges Archived",
    ]


def test_each_forum_shows_its_counts_and_its_last_post(client, community_world):
    world = community_world
    start_topic(world.alumnus, world.thematic, title="Shared flats", source="Anyone?")
    topic = start_topic(world.alumnus, world.thematic, title="Deposits for first flats")
    reply(world.facilitator, topic, "We guarantee the deposit for a year.")

    response = as_role(client, world, "alumnus").get(INDEX)

    row = text(response, ".forum-row:has(a[href='/community/housing-support/'])")
    assert "Peers compare what they tried" in row
    assert "2 topics, 3 posts" in row
    assert "Last post:" in row and "by Facilitator" in row
    assert f"/community/housing-support/{topic.pk}-deposits-for-first-flats/?page=1#post-2" in {
        href for _, href in links(response)
    }


# ---------------------------------------------------------------------------------------------
# A forum's topics


@pytest.mark.parametrize("role", ROLES + ["signed_out"])
@pytest.mark.parametrize("forum", list(FORUM_NAMES))
def test_a_forum_opens_only_to_its_readers(client, community_world, role, forum):
    world = community_world
    response = as_role(client, world, role).get(forum_url(getattr(world, forum)))

    if role == "signed_out":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    elif forum in READS[role]:
        assert response.status_code == 200
        assert headings(response)[0] == FORUM_NAMES[forum]
    else:
        assert response.status_code == 404
        assert FORUM_NAMES[forum] not in response.content.decode()


def test_an_unknown_forum_is_not_found(client, community_world):
    response = as_role(client, community_world, "editor").get("/community/no-such-forum/")

    assert response.status_code == 404


def test_topics_are_listed_pinned_first_then_by_last_post(client, community_world):
    world = community_world
    old = start_topic(world.alumnus, world.cohort, title="Welcome to the cohort")
    quiet = start_topic(world.facilitator, world.cohort, title="Reading list")
    busy = start_topic(world.trainee, world.cohort, title="Language cafés")
    reply(world.alumnus, busy, "Ours run on Saturdays.")
    reply(world.facilitator, quiet, "Added the Vejle report.")
    Topic.objects.filter(pk=old.pk).update(pinned=True)
    Topic.objects.filter(pk=busy.pk).update(locked=True)

    response = as_role(client, world, "alumnus").get(forum_url(world.cohort))

    assert texts(response, ".topic-row__title") == [
        "Welcome to the cohort Pinned",
        "Reading list",
        "Language cafés Locked",
    ]
    row = text(response, ".topic-row:nth-child(3)")
    assert "Started by Trainee" in row
    assert "1 reply" in row
    assert "by Alumnus" in row


def test_start_a_topic_and_mark_read_are_offered(client, community_world):
    world = community_world
    response = as_role(client, world, "alumnus").get(forum_url(world.cohort))

    assert ("Start a topic", "/community/ghent-2027/new/") in links(response)
    forms = {form.get("action") for form in parse(response).select("form")}
    assert "/community/ghent-2027/mark-read/" in forms


def test_an_archived_forum_reads_but_takes_no_new_topic(client, community_world):
    world = community_world
    start_topic(world.member, world.general, title="From the old days")
    Forum.objects.filter(pk=world.general.pk).update(archived=True)
    as_role(client, world, "member")

    response = client.get(forum_url(world.general))
    assert "From the old days" in text(response)
    assert "This forum is archived" in text(response)
    assert "Start a topic" not in text(response)
    assert client.get("/community/open-forum/new/").status_code == 403


def test_topic_pages_hold_thirty_topics(client, community_world):
    world = community_world
    author = world.alumnus
    now = timezone.now()
    topics = Topic.objects.bulk_create(
        Topic(
            forum=world.thematic,
            title=f"Question {n}",
            slug=f"question-{n}",
            author=author,
            created_at=now - datetime.timedelta(hours=n),
            last_post_at=now - datetime.timedelta(hours=n),
            post_count=1,
        )
        for n in range(TOPICS_PER_PAGE + 5)
    )
    Forum.objects.filter(pk=world.thematic.pk).update(topic_count=len(topics))
    as_role(client, world, "alumnus")

    first = client.get(forum_url(world.thematic))
    second = client.get(forum_url(world.thematic) + "?page=2")
    too_far = client.get(forum_url(world.thematic) + "?page=99")
    nonsense = client.get(forum_url(world.thematic) + "?page=%00abc")

    assert len(texts(first, ".topic-row")) == TOPICS_PER_PAGE
    assert texts(first, ".topic-row__title")[0] == "Question 0"
    assert texts(second, ".topic-row__title") == [f"Question {n}" for n in range(30, 35)]
    assert texts(too_far, ".topic-row__title") == texts(second, ".topic-row__title")
    assert texts(nonsense, ".topic-row__title") == texts(first, ".topic-row__title")
    assert "Page 1 of 2" in text(first)


# ---------------------------------------------------------------------------------------------
# Starting a topic


@pytest.mark.parametrize("role", ROLES)
def test_who_may_start_a_topic_in_the_cohort(client, community_world, role):
    world = community_world
    as_role(client, world, role)

    page = client.get("/community/ghent-2027/new/")
    response = client.post(
        "/community/ghent-2027/new/",
        {"title": f"Hello from the {role}", "source": "Who else works on housing?"},
    )

    if "cohort" in READS[role]:
        assert page.status_code == 200
        topic = Topic.objects.get(title=f"Hello from the {role}")
        assert response.status_code == 302
        assert response["Location"] == topic.get_absolute_url()
        assert topic.posts.get().author == world.people[role]
    else:
        assert page.status_code == 404
        assert response.status_code == 404
        assert not Topic.objects.filter(title=f"Hello from the {role}").exists()


def test_a_refused_topic_keeps_what_was_written(client, community_world):
    world = community_world
    as_role(client, world, "alumnus")

    response = client.post(
        "/community/ghent-2027/new/", {"title": "   ", "source": "A long careful message."}
    )

    assert response.status_code == 200
    assert form_errors(response) == ["Give the topic a title."]
    assert "A long careful message." in text(response, "textarea")
    assert not Topic.objects.filter(forum=world.cohort).exists()


def test_posting_too_fast_says_how_long_to_wait(client, community_world):
    world = community_world
    as_role(client, world, "alumnus")
    client.post("/community/ghent-2027/new/", {"title": "First", "source": "One."})

    response = client.post("/community/ghent-2027/new/", {"title": "Second", "source": "Two."})

    assert response.status_code == 200
    assert "You are posting too fast" in " ".join(form_errors(response))
    assert "Two." in text(response, "textarea")
    assert list(Topic.objects.filter(forum=world.cohort).values_list("title", flat=True)) == [
        "First"
    ]


# ---------------------------------------------------------------------------------------------
# Mark read


def test_mark_all_read_takes_a_post(client, community_world):
    world = community_world
    as_role(client, world, "alumnus")

    assert client.get("/community/mark-read/").status_code == 405
    response = client.post("/community/mark-read/", follow=True)

    assert "Everything in the forums is marked as read." in text(response)
    assert world.alumnus.forum_read_marks.count() == 3


def test_marking_a_forum_read_needs_to_read_it(client, community_world):
    world = community_world
    as_role(client, world, "member")

    assert client.post("/community/ghent-2027/mark-read/").status_code == 404
    response = client.post("/community/open-forum/mark-read/")
    assert response.status_code == 302
    assert world.member.forum_read_marks.get().forum == world.general


# ---------------------------------------------------------------------------------------------
# Query budgets


def _bulk_topics(forum, author, count: int) -> None:
    """``count`` topics of one post each, with the counters the services would keep."""
    now = timezone.now()
    topics = Topic.objects.bulk_create(
        Topic(
            forum=forum,
            title=f"Bulk topic {n}",
            slug=f"bulk-topic-{n}",
            author=author,
            created_at=now - datetime.timedelta(minutes=n),
            last_post_at=now - datetime.timedelta(minutes=n),
            post_count=1,
        )
        for n in range(count)
    )
    posts = Post.objects.bulk_create(
        Post(
            topic=topic,
            forum=forum,
            number=1,
            author=author,
            source="Bulk.",
            html="<p>Bulk.</p>",
            created_at=topic.created_at,
        )
        for topic in topics
    )
    for topic, post in zip(topics, posts, strict=True):
        topic.last_post = post
    Topic.objects.bulk_update(topics, ["last_post"])
    newest = posts[0]
    Forum.objects.filter(pk=forum.pk).update(
        topic_count=count, post_count=count, last_post=newest, last_post_at=newest.created_at
    )


@pytest.fixture(scope="module")
def big_forums(_community_world, django_db_blocker):
    """Five topics in the general forum and five hundred in the thematic one, built once."""
    with django_db_blocker.unblock(), transaction.atomic():
        users = get_user_model().objects.in_bulk(_community_world["people"].values())
        author = users[_community_world["people"]["other_alumnus"]]
        forums = Forum.objects.in_bulk(_community_world["forums"].values())
        _bulk_topics(forums[_community_world["forums"]["general"]], author, 5)
        _bulk_topics(forums[_community_world["forums"]["thematic"]], author, 500)
        yield
        transaction.set_rollback(True)


def _queries(client, url: str) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


INDEX_BUDGET = 12
LIST_BUDGET = 12


@pytest.mark.parametrize("role", ["alumnus", "editor", "member"])
def test_the_index_and_topic_lists_cost_the_same_whatever_their_size(
    client, community_world, big_forums, django_assert_max_num_queries, role
):
    world = community_world
    as_role(client, world, role)
    client.get(INDEX)  # the session and the like, once

    with django_assert_max_num_queries(INDEX_BUDGET):
        client.get(INDEX)
    small, small_page = _queries(client, forum_url(world.general))
    if role == "member":
        return
    large, large_page = _queries(client, forum_url(world.thematic))
    last, _ = _queries(client, forum_url(world.thematic) + "?page=17")

    assert small == large == last <= LIST_BUDGET
    assert len(texts(small_page, ".topic-row")) == 5
    assert len(texts(large_page, ".topic-row")) == TOPICS_PER_PAGE


def test_every_forum_page_sends_signed_out_people_to_log_in(client, community_world):
    world = community_world
    topic = start_topic(world.alumnus, world.general, title="Open question")
    post = topic.posts.get()
    topic_url = topic.get_absolute_url()
    pages = {
        "get": [
            INDEX,
            "/community/search/?q=question",
            "/community/open-forum/",
            "/community/open-forum/new/",
            topic_url,
            f"/community/posts/{post.pk}/edit/",
            f"/community/posts/{post.pk}/delete/",
        ],
        "post": [
            "/community/mark-read/",
            "/community/open-forum/mark-read/",
            "/community/open-forum/new/",
            topic_url + "reply/",
            f"/community/posts/{post.pk}/edit/",
            f"/community/posts/{post.pk}/delete/",
        ],
    }
    for method, urls in pages.items():
        for url in urls:
            response = getattr(client, method)(url, {"source": "x", "title": "x"})
            assert response.status_code == 302, (method, url)
            assert response["Location"].startswith(reverse("account_login")), (method, url)
    assert topic.posts.count() == 1
    assert not Topic.objects.filter(title="x").exists()


def test_the_index_costs_the_same_with_many_forums(client, community_world):
    world = community_world
    as_role(client, world, "editor")
    client.get(INDEX)
    with CaptureQueriesContext(connection) as few:
        client.get(INDEX)
    for n in range(12):
        forum = ForumFactory(
            name=f"Practice circle {n}", slug=f"circle-{n}", kind=ForumKind.THEMATIC
        )
        start_topic(world.alumnus, forum, title=f"Circle {n}", source=f"Hello circle {n}.")

    with CaptureQueriesContext(connection) as many:
        response = client.get(INDEX)

    assert len(few) == len(many) <= INDEX_BUDGET
    assert len(texts(response, ".forum-row")) == 16
    assert "1 topic with new posts for you" in text(
        response, ".forum-row:has(a[href='/community/circle-11/'])"
    )


def test_a_flood_of_posts_from_one_account_is_refused(client, community_world, settings):
    settings.POST_RATE_LIMITS = {**settings.POST_RATE_LIMITS, "community:forums": 3}
    as_role(client, community_world, "alumnus")

    answers = [client.post("/community/mark-read/").status_code for _ in range(4)]

    assert answers == [302, 302, 302, 429]
    assert client.get(INDEX).status_code == 200
