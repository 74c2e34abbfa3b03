"""The counters of forums and topics and the last post each shows, kept in the transaction of the
write that changes them, and the order in which writes hold rows so that they stay true.

Every write holds (``select_for_update``) its topic's row first (a post's writer holds their own
profile row before it), then its forum's, several forums in id order, so two writes never wait on
each other in a circle. Holding the topic's row, a reply
numbers its post 1, 2, 3... without gaps or duplicates; holding the forum's row, it moves the
forum's counters and last post. The counters count every post, hidden or deleted ones too, whose
numbers have no gaps; the last post shown is the newest one readers can see.
"""

from __future__ import annotations

from django.db.models import Case, F, Q, Value, When

from .models import Forum, Post, Removal, Topic


def topic_for_update(topic: Topic) -> Topic:
    """Hold the topic's row alone, then read it with its forum as it is now. Holding it through
    a join would miss a topic that a move changes meanwhile: PostgreSQL rechecks the join against
    the forum row it read first."""
    Topic.objects.select_for_update().filter(pk=topic.pk).values_list("pk", flat=True).get()
    return Topic.objects.select_related("forum").get(pk=topic.pk)


def post_for_update(post: Post) -> Post:
    """Hold the post's topic row, then the post's row alone (the order of a move, which changes
    the topic's posts while holding the topic), then read it with its topic and forum as they are
    now."""
    Topic.objects.select_for_update().filter(pk=post.topic_id).values_list("pk", flat=True).get()
    Post.objects.select_for_update().filter(pk=post.pk).values_list("pk", flat=True).get()
    return Post.objects.select_related("topic__forum").get(pk=post.pk)


def count_new_post(*, topic: Topic, post: Post, new_topic: bool) -> None:
    """Count a post just written as the last of ``topic`` (whose row the caller holds) and of its
    forum, and a new topic in the forum when it opens one."""
    Topic.objects.filter(pk=topic.pk).update(
        post_count=F("post_count") + 1, last_post=post, last_post_at=post.created_at
    )
    # The forum's last post only moves forward in time: two posts in different topics of the
    # forum may reach its row in the other order than they were written.
    newer = Q(last_post_at__isnull=True) | Q(last_post_at__lte=post.created_at)
    Forum.objects.filter(pk=topic.forum_id).update(
        post_count=F("post_count") + 1,
        topic_count=F("topic_count") + (1 if new_topic else 0),
        last_post=Case(
            When(newer, then=Value(post.pk)),
            default=F("last_post"),
            output_field=Forum._meta.get_field("last_post"),
        ),
        last_post_at=Case(
            When(newer, then=Value(post.created_at)),
            default=F("last_post_at"),
            output_field=Forum._meta.get_field("last_post_at"),
        ),
    )


def recount_forum_last_post(forum: Forum) -> None:
    """The forum's last post, from the data: the newest one readers can see."""
    last = (
        Post.objects.filter(forum=forum, removal=Removal.VISIBLE)
        .order_by("-created_at", "-pk")
        .first()
    )
    Forum.objects.filter(pk=forum.pk).update(
        last_post=last, last_post_at=last.created_at if last else None
    )


def recount_last_posts(topic: Topic) -> None:
    """After a post of ``topic`` was hidden, deleted or restored: the topic's and its forum's
    last post become the newest one readers can see. The caller holds the topic's row; the
    forum's is held here, in the order above (topic first, then forum). The counters stay as they
    are."""
    last = Post.objects.filter(topic=topic, removal=Removal.VISIBLE).order_by("-number").first()
    Topic.objects.filter(pk=topic.pk).update(
        last_post=last, last_post_at=last.created_at if last else F("created_at")
    )
    forum_id = Topic.objects.filter(pk=topic.pk).values_list("forum_id", flat=True).get()
    forum = Forum.objects.select_for_update().get(pk=forum_id)
    recount_forum_last_post(forum)


def count_topic_move(*, source: Forum, target: Forum, posts: int) -> None:
    """A topic of ``posts`` posts left ``source`` for ``target``, both rows held by the caller:
    move it between their counters and set both forums' last posts from the data."""
    Forum.objects.filter(pk=source.pk).update(
        topic_count=F("topic_count") - 1, post_count=F("post_count") - posts
    )
    Forum.objects.filter(pk=target.pk).update(
        topic_count=F("topic_count") + 1, post_count=F("post_count") + posts
    )
    recount_forum_last_post(source)
    recount_forum_last_post(target)
