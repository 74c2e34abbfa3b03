"""The benchmark's forum data (``seed_demo --scale N``), built in bulk at a tiny size: it must
leave what posting leaves. Numbers without gaps in time order, counters and last posts equal
to the real rows, rendered HTML, authors who may post and who kept to the posting limits, their
read state and notification levels, the posts searchable; and posting carries on from it."""

import datetime
import io
from collections import defaultdict

from django.conf import settings
from django.db.models import Count, Max, Min
from wagtail.search.backends import get_search_backend

from community import markup, permissions, posting
from community.demo.scale import seed_forum_scale
from community.models import Forum, Level, NotificationLevel, Post, ReadState, Topic
from tests.community.factories import reply, start_topic

TOPICS = 12
LONG_POSTS = 300


def build(world, *, topics: int = TOPICS, long_posts: int = LONG_POSTS) -> Topic:
    forums = [world.cohort, world.other_cohort, world.thematic, world.general]
    out = io.StringIO()
    long_topic = seed_forum_scale(
        scale=1, forums=forums, stdout=out, topics=topics, long_posts=long_posts
    )
    assert "scale 1" in out.getvalue()
    return long_topic


def assert_as_the_services_leave_it(topics):
    """The invariants of posting through ``community.posting``, for these topics."""
    for topic in Topic.objects.filter(pk__in=[t.pk for t in topics]).select_related("forum"):
        posts = list(topic.posts.order_by("number"))
        assert [post.number for post in posts] == list(range(1, len(posts) + 1)), topic
        times = [post.created_at for post in posts]
        assert times == sorted(times), topic
        assert topic.created_at == posts[0].created_at
        assert topic.author_id == posts[0].author_id
        assert topic.post_count == len(posts)
        assert topic.last_post_id == posts[-1].pk
        assert topic.last_post_at == posts[-1].created_at
        assert {post.forum_id for post in posts} == {topic.forum_id}
        for post in posts:
            assert post.html == markup.render(post.source)
        last_by_author = {}
        for post in posts:
            last_by_author[post.author_id] = post.number
        reads = dict(
            ReadState.objects.filter(topic=topic).values_list("user_id", "last_read_number")
        )
        for author_id, number in last_by_author.items():
            assert reads.get(author_id, 0) >= number
        watching = set(
            NotificationLevel.objects.filter(topic=topic, level=Level.WATCHING).values_list(
                "user_id", flat=True
            )
        )
        assert set(last_by_author) <= watching


def assert_forum_counters_are_real():
    for forum in Forum.objects.annotate(real_topics=Count("topics", distinct=True)):
        assert forum.topic_count == forum.real_topics, forum
        assert forum.post_count == Post.objects.filter(forum=forum).count(), forum
        latest = Post.objects.filter(forum=forum).order_by("-created_at", "-pk").first()
        assert forum.last_post_id == (latest.pk if latest else None), forum


def test_the_bulk_path_leaves_what_the_services_leave(community_world):
    world = community_world
    by_services = start_topic(world.alumnus, world.thematic, title="Posted the usual way")
    reply(world.facilitator, by_services, "An answer.")

    long_topic = build(world)

    generated = list(Topic.objects.exclude(pk=by_services.pk))
    assert len(generated) == TOPICS + 1
    assert long_topic.forum == world.general
    assert long_topic.post_count == LONG_POSTS
    assert_as_the_services_leave_it([by_services, *generated])
    assert_forum_counters_are_real()


def test_every_author_may_post_where_they_posted_and_kept_to_the_limits(community_world):
    build(community_world)
    limits = settings.COMMUNITY_POSTING_LIMITS
    times = defaultdict(list)
    for post in Post.objects.select_related("topic__forum", "author"):
        assert permissions.can_reply(post.author, post.topic), post
        assert post.author.date_joined < post.created_at - datetime.timedelta(days=1)
        times[post.author_id].append(post.created_at)
    gap = datetime.timedelta(seconds=limits["seconds_between_posts"])
    for moments in times.values():
        moments.sort()
        assert all(
            later - earlier >= gap for earlier, later in zip(moments, moments[1:], strict=False)
        )


def test_the_generated_posts_can_be_searched(community_world):
    build(community_world)
    found = get_search_backend().search("library", Post)
    assert len(found) > 0


def test_the_services_carry_on_from_the_bulk_data(community_world):
    world = community_world
    long_topic = build(world)
    post = posting.topic_reply(user=world.member, topic=long_topic, source="Late to this thread.")
    assert post.number == LONG_POSTS + 1
    assert_as_the_services_leave_it([long_topic])
    assert_forum_counters_are_real()


def test_running_again_adds_nothing_and_a_larger_size_grows_the_long_thread(community_world):
    world = community_world
    long_topic = build(world)
    counts = (Topic.objects.count(), Post.objects.count())
    build(world)
    assert (Topic.objects.count(), Post.objects.count()) == counts

    build(world, long_posts=LONG_POSTS + 50)

    long_topic.refresh_from_db()
    assert long_topic.post_count == LONG_POSTS + 50
    assert_as_the_services_leave_it([long_topic])
    assert_forum_counters_are_real()
    numbers = long_topic.posts.aggregate(low=Min("number"), high=Max("number"))
    assert numbers == {"low": 1, "high": LONG_POSTS + 50}
