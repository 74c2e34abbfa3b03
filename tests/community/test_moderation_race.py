"""A topic moved while people reply to it and start topics around it: the move holds the topic's
row, then both forums' in id order, as posting does, so nothing deadlocks and both forums'
counters stay exact. Needs PostgreSQL's row locks; SQLite serialises every write anyway."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from community import moderation, posting
from community.models import Forum, Post, Topic
from tests.community.conftest import _build_world
from tests.community.factories import old_account, reply, start_topic

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason=f"the race needs PostgreSQL row locks; this run uses {connection.vendor}",
    ),
]


def run_at_once(jobs):
    barrier = threading.Barrier(len(jobs))
    outcomes = [None] * len(jobs)

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
        thread.join(timeout=60)
    return outcomes


def exact(forum: Forum, *, last_post: bool = True) -> None:
    forum.refresh_from_db()
    posts = Post.objects.filter(forum=forum)
    assert forum.topic_count == Topic.objects.filter(forum=forum).count()
    assert forum.post_count == posts.count()
    if last_post:
        assert forum.last_post == posts.order_by("-created_at", "-pk").first()
    else:
        assert forum.last_post in posts


def test_a_move_during_replies_and_new_topics_keeps_every_counter_exact():
    keys = _build_world()
    users = get_user_model().objects.in_bulk(keys["people"].values())
    person = {role: old_account(users[pk]) for role, pk in keys["people"].items()}
    general = Forum.objects.get(pk=keys["forums"]["general"])
    thematic = Forum.objects.get(pk=keys["forums"]["thematic"])
    topic = start_topic(person["member"], general, title="Housing for families")
    reply(person["alumnus"], topic)

    repliers = ["alumnus", "other_alumnus", "facilitator"]
    starters = [("member", general), ("trainee", general), ("unverified", general)]
    jobs = [
        lambda: moderation.topic_move(
            moderator=person["editor"], topic=Topic.objects.get(pk=topic.pk), to_forum=thematic
        )
    ]
    jobs += [
        lambda role=role: posting.topic_reply(
            user=person[role], topic=Topic.objects.get(pk=topic.pk), source=f"From {role}"
        )
        for role in repliers
    ]
    jobs += [
        lambda role=role, forum=forum: posting.topic_create(
            user=person[role], forum=forum, title=f"Question from {role}", source="Anyone?"
        )
        for role, forum in starters
        if role != "unverified"
    ]

    outcomes = run_at_once(jobs)

    # A reply may be refused by the rules (the unverified member is not in these forums), but
    # nothing fails for want of a lock.
    assert all(outcome == "ok" or "PermissionDenied" in outcome for outcome in outcomes), outcomes
    assert outcomes[0] == "ok"
    topic.refresh_from_db()
    assert topic.forum == thematic
    assert set(topic.posts.values_list("forum_id", flat=True)) == {thematic.pk}
    # Two topics started at once in the general forum may commit in the other order than their
    # times, so its last post is one of them; the moved topic's forum is exact.
    exact(general, last_post=False)
    exact(thematic)
