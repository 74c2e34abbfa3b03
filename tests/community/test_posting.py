"""Topics and replies through the services: numbers, counters, Markdown and the posting limits."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from community import posting
from community.models import Forum, Post, Topic
from tests.community.factories import reply, start_topic


def _counts_are_real(topic: Topic, forum: Forum):
    topic.refresh_from_db()
    forum.refresh_from_db()
    posts = Post.objects.filter(topic=topic).order_by("number")
    assert [post.number for post in posts] == list(range(1, posts.count() + 1))
    assert topic.post_count == posts.count()
    assert topic.last_post == posts.last()
    assert forum.post_count == Post.objects.filter(forum=forum).count()
    assert forum.topic_count == Topic.objects.filter(forum=forum).count()


def test_a_reply_takes_the_next_number_and_the_counters_follow(community_world):
    world = community_world
    topic = start_topic(world.alumnus, world.cohort, title="Language courses for parents")
    first = reply(world.facilitator, topic, "We ran them at the school gate.")
    second = reply(world.trainee, topic, "Which hours worked?", quoted=first)
    assert (first.number, second.number) == (2, 3)
    assert second.quoted == first
    _counts_are_real(topic, world.cohort)
    assert world.cohort.last_post == second


def test_markdown_is_rendered_once_and_sanitised(community_world):
    world = community_world
    topic = start_topic(
        world.member,
        world.general,
        source="**Bold** and [a link](https://example.org) <script>alert(1)</script> @alumnus",
    )
    post = topic.posts.get()
    assert "<strong>Bold</strong>" in post.html
    assert 'rel="nofollow ugc noopener"' in post.html
    assert "<script" not in post.html
    assert 'href="/community/members/alumnus/"' in post.html


def test_nobody_outside_a_cohort_may_post_in_it(community_world):
    world = community_world
    with pytest.raises(PermissionDenied):
        posting.topic_create(
            user=world.member, forum=world.cohort, title="Hello", source="Anyone here?"
        )


def test_a_second_post_within_five_seconds_is_refused(community_world):
    world = community_world
    topic = start_topic(world.alumnus, world.cohort)
    now = timezone.now()
    posting.topic_reply(user=world.trainee, topic=topic, source="First thought.", now=now)
    with pytest.raises(ValidationError, match="too fast"):
        posting.topic_reply(
            user=world.trainee,
            topic=topic,
            source="Second thought.",
            now=now + datetime.timedelta(seconds=3),
        )
    assert topic.posts.count() == 2
