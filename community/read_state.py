"""What each member has read: the last post they read in a topic, "mark all read" in a forum, and
the horizon past which everything counts as read; with the reads that turn it into what is new
for them (per forum, per topic). The forum pages read through here; posting records that an author
has read their own post.

A topic whose last post is older than ``READ_HORIZON`` counts as read whatever its read state
says, so the read state of such topics is pruned and the table only holds what people are reading
now.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery
from django.utils import timezone

from cms.accounts.types import AnyUser

from .models import Forum, ForumReadMark, Post, ReadState, Topic

READ_HORIZON = datetime.timedelta(days=90)


# ---------------------------------------------------------------------------------------------
# Writes


def topic_mark_read(*, user: AnyUser, topic: Topic, up_to: int) -> None:
    """Remember that the member has read the topic up to post ``up_to``; never moves back."""
    if not user.is_authenticated:
        return
    up_to = min(up_to, topic.post_count)
    updated = ReadState.objects.filter(user=user, topic=topic, last_read_number__lt=up_to).update(
        last_read_number=up_to, read_at=timezone.now()
    )
    if not updated:
        ReadState.objects.get_or_create(
            user=user, topic=topic, defaults={"last_read_number": up_to}
        )


def own_post_read(*, user: AnyUser, post: Post) -> None:
    """The author has read the topic up to the post they just wrote."""
    ReadState.objects.update_or_create(
        user=user,
        topic_id=post.topic_id,
        defaults={"last_read_number": post.number, "read_at": post.created_at},
    )


@transaction.atomic
def forums_mark_read(*, user: AnyUser, forums: list[Forum]) -> None:
    """ "Mark all read" in these forums: what is there now counts as read."""
    now = timezone.now()
    for forum in forums:
        ForumReadMark.objects.update_or_create(user=user, forum=forum, defaults={"marked_at": now})
    ReadState.objects.filter(user=user, topic__forum__in=forums).delete()


def read_state_prune(*, now: datetime.datetime | None = None) -> int:
    """Forget the read state of topics whose last post is past the read horizon: they count as
    read anyway. Returns the rows deleted."""
    cutoff = (now or timezone.now()) - READ_HORIZON
    deleted, _by_model = ReadState.objects.filter(topic__last_post_at__lte=cutoff).delete()
    return deleted


# ---------------------------------------------------------------------------------------------
# Reads


def forum_read_mark(*, user: AnyUser, forum: Forum) -> datetime.datetime | None:
    """When the member last marked the whole forum read, if ever."""
    return (
        ForumReadMark.objects.filter(user=user, forum=forum)
        .values_list("marked_at", flat=True)
        .first()
    )


def unread_topic_counts(
    *, user: AnyUser, forum_ids: list[int], now: datetime.datetime | None = None
) -> dict[int, int]:
    """Per forum, how many topics have posts the member has not read: topics with a post after
    the horizon and after the forum's "mark all read", whose read state (if any) stops before
    their last post. Two queries."""
    if not forum_ids:
        return {}
    horizon = (now or timezone.now()) - READ_HORIZON
    marks = dict(
        ForumReadMark.objects.filter(user=user, forum_id__in=forum_ids).values_list(
            "forum_id", "marked_at"
        )
    )
    read_to_the_end = ReadState.objects.filter(
        user=user, topic=OuterRef("pk"), last_read_number__gte=OuterRef("post_count")
    )
    topics = Topic.objects.filter(forum_id__in=forum_ids, last_post_at__gt=horizon).filter(
        ~Exists(read_to_the_end)
    )
    for forum_id, marked_at in marks.items():
        topics = topics.exclude(forum_id=forum_id, last_post_at__lte=marked_at)
    return dict(
        topics.order_by()
        .values("forum_id")
        .annotate(count=Count("pk"))
        .values_list("forum_id", "count")
    )


@dataclass(frozen=True)
class Unread:
    """What the member has not read in a topic: nothing, all of it (never opened), or the posts
    after ``read_to``."""

    new: bool = False
    count: int = 0
    first: int | None = None


def unread_in(
    topic: Topic, *, mark: datetime.datetime | None, horizon: datetime.datetime
) -> Unread:
    """What is unread in a topic annotated by ``with_read_state``."""
    if topic.last_post_at <= horizon or (mark is not None and topic.last_post_at <= mark):
        return Unread()
    read_to = max(topic.read_to or 0, getattr(topic, "read_before", None) or 0)
    if read_to >= topic.post_count:
        return Unread()
    if read_to == 0:
        return Unread(new=True, count=topic.post_count, first=1)
    return Unread(count=topic.post_count - read_to, first=read_to + 1)


def read_to(user: AnyUser) -> Subquery:
    """The last post the member has read in the outer query's topic, or None."""
    return Subquery(
        ReadState.objects.filter(user=user, topic=OuterRef("pk")).values("last_read_number")[:1]
    )


def with_read_state(
    topics: QuerySet[Topic],
    *,
    user: AnyUser,
    mark: datetime.datetime | None,
    horizon: datetime.datetime,
) -> QuerySet[Topic]:
    """Topics annotated with ``read_to`` (the member's last read post, or None) and
    ``read_before``: the last post written before the forum's "mark all read" or before the read
    horizon, whichever is later. Posts that old count as read, so an old topic revived after its
    read state was pruned shows only its new posts as unread."""
    cutoff = max(mark, horizon) if mark is not None else horizon
    # Numbers follow the time order of posts, so this walks back from the topic's end.
    return topics.annotate(
        read_to=read_to(user),
        read_before=Subquery(
            Post.objects.filter(topic=OuterRef("pk"), created_at__lte=cutoff)
            .order_by("-number")
            .values("number")[:1]
        ),
    )
