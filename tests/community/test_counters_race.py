"""Fifty people reply to one topic at the same moment while others start topics in the same
forum: every post gets its own number, without gaps, and the topic's and the forum's counters
and last posts equal the real rows. Needs PostgreSQL's row locks (select_for_update); SQLite
serialises every write anyway and cannot show the race."""

import threading
import time

import pytest
from django.db import connection
from django.db.models import Count

from community import posting
from community.models import Forum, ForumKind, Post, Topic
from tests.cms.factories import UserFactory
from tests.community.factories import ForumFactory, MemberProfileFactory, old_account, start_topic

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the posting race needs PostgreSQL row locks (select_for_update); "
        f"this run uses {connection.vendor}",
    ),
]

REPLIERS = 50
STARTERS = 8


def run_at_once(jobs) -> list[str]:
    """Run each job in its own thread (so its own database connection), all released together;
    each outcome is "ok" or the error."""
    barrier = threading.Barrier(len(jobs))
    outcomes = ["not run"] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            job()
            outcomes[index] = "ok"
        except Exception as error:  # noqa: BLE001 - the test reports whatever went wrong
            outcomes[index] = repr(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


def members(count: int, prefix: str) -> list:
    people = []
    for number in range(count):
        person = old_account(UserFactory(email=f"{prefix}{number}@example.org", verified=True))
        MemberProfileFactory(user=person, handle=f"{prefix}{number}")
        people.append(person)
    return people


@pytest.fixture
def slow_posts(monkeypatch):
    """Widen the gap between reading the topic's count and writing the post, so that without
    holding the topic's row many threads would take the same number."""
    original = posting._new_post

    def new_post(**kwargs):
        time.sleep(0.01)
        return original(**kwargs)

    monkeypatch.setattr(posting, "_new_post", new_post)


def assert_counters_are_real(forum: Forum):
    forum.refresh_from_db()
    for topic in Topic.objects.filter(forum=forum).annotate(real=Count("posts")):
        numbers = list(topic.posts.order_by("number").values_list("number", flat=True))
        assert numbers == list(range(1, topic.real + 1)), topic
        assert topic.post_count == topic.real
        assert topic.last_post == topic.posts.order_by("-number").first()
        assert topic.last_post_at == topic.last_post.created_at
    assert forum.topic_count == Topic.objects.filter(forum=forum).count()
    assert forum.post_count == Post.objects.filter(forum=forum).count()
    assert (
        forum.last_post == Post.objects.filter(forum=forum).order_by("-created_at", "-pk").first()
    )
    assert forum.last_post_at == (forum.last_post.created_at if forum.last_post else None)


def test_fifty_replies_and_new_topics_at_once_keep_numbers_and_counters_exact(slow_posts):
    forum = ForumFactory(name="Open forum", slug="open-forum", kind=ForumKind.GENERAL)
    author, *_ = members(1, "author")
    topic = start_topic(author, forum, title="Who is coming to Brussels?")
    repliers = members(REPLIERS, "replier")
    starters = members(STARTERS, "starter")

    jobs = [
        lambda person=person, number=number: posting.topic_reply(
            user=person, topic=Topic.objects.get(pk=topic.pk), source=f"Count me in ({number})."
        )
        for number, person in enumerate(repliers)
    ] + [
        lambda person=person, number=number: posting.topic_create(
            user=person, forum=forum, title=f"A question from city {number}", source="Anyone?"
        )
        for number, person in enumerate(starters)
    ]
    outcomes = run_at_once(jobs)

    assert outcomes == ["ok"] * (REPLIERS + STARTERS)
    topic.refresh_from_db()
    assert topic.post_count == REPLIERS + 1
    assert sorted(topic.posts.values_list("number", flat=True)) == list(range(1, REPLIERS + 2))
    assert Topic.objects.filter(forum=forum).count() == STARTERS + 1
    assert_counters_are_real(forum)


def test_one_person_replying_from_many_tabs_at_once_is_limited_not_misnumbered(slow_posts):
    forum = ForumFactory(name="Open forum", slug="open-forum", kind=ForumKind.GENERAL)
    author, person = members(2, "tab")
    topic = start_topic(author, forum)

    outcomes = run_at_once(
        [
            lambda number=number: posting.topic_reply(
                user=person, topic=Topic.objects.get(pk=topic.pk), source=f"Reply {number}"
            )
            for number in range(10)
        ]
    )

    # Holding the poster's profile row makes the posting limit hold: one reply, nine refusals.
    assert outcomes.count("ok") == 1
    assert all("too fast" in outcome for outcome in outcomes if outcome != "ok")
    assert_counters_are_real(forum)


def test_a_topic_moved_while_people_reply_keeps_every_counter_exact(slow_posts):
    general = ForumFactory(name="Open forum", slug="open-forum", kind=ForumKind.GENERAL)
    other = ForumFactory(name="Newcomers' data", slug="data", kind=ForumKind.GENERAL)
    author, *_ = members(1, "mover")
    topic = start_topic(author, general, title="Where should this go?")
    repliers = members(20, "mreplier")

    def move():
        # What a move does to the rows, holding them in posting's order: topic first, then the
        # forums in id order.
        from django.db import transaction

        with transaction.atomic():
            row = Topic.objects.select_for_update().get(pk=topic.pk)
            forums = list(
                Forum.objects.select_for_update()
                .filter(pk__in=[general.pk, other.pk])
                .order_by("pk")
            )
            assert len(forums) == 2
            posts = Post.objects.filter(topic=row)
            count = posts.count()
            posts.update(forum=other)
            Topic.objects.filter(pk=row.pk).update(forum=other)
            for forum in (general, other):
                latest = Post.objects.filter(forum=forum).order_by("-created_at", "-pk").first()
                Forum.objects.filter(pk=forum.pk).update(
                    topic_count=Topic.objects.filter(forum=forum).count(),
                    post_count=Post.objects.filter(forum=forum).count(),
                    last_post=latest,
                    last_post_at=latest.created_at if latest else None,
                )
            assert count >= 1

    jobs = [
        lambda person=person, number=number: posting.topic_reply(
            user=person, topic=Topic.objects.get(pk=topic.pk), source=f"My view ({number})."
        )
        for number, person in enumerate(repliers)
    ]
    jobs.insert(len(jobs) // 2, move)
    outcomes = run_at_once(jobs)

    assert outcomes == ["ok"] * len(jobs), outcomes
    topic.refresh_from_db()
    assert topic.forum == other
    assert set(Post.objects.filter(topic=topic).values_list("forum_id", flat=True)) == {other.pk}
    assert_counters_are_real(general)
    assert_counters_are_real(other)
