"""What moderators read: the open flags of the forums they moderate, grouped by post, and the
moderation log. Both are querysets for a paginator, with everything a page shows joined or
prefetched, so a page costs the same few queries whatever the numbers."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery

from cms.accounts.types import AnyUser

from .. import permissions
from ..models import Flag, Forum, ModerationAction, Post


def flagged_posts(*, user: AnyUser) -> QuerySet[Post]:
    """Posts with open flags in the forums the user moderates, the longest waiting first; each
    carries ``open_flags`` (oldest first, with their reporters) and ``first_flagged_at``."""
    open_flags = Flag.objects.open().filter(post=OuterRef("pk"))
    return (
        Post.objects.filter(forum__in=permissions.moderated_forums(user))
        .filter(Exists(open_flags))
        .annotate(
            first_flagged_at=Subquery(
                open_flags.order_by("created_at", "pk").values("created_at")[:1]
            )
        )
        .select_related("topic__forum", "forum", "author__member_profile")
        .prefetch_related(
            Prefetch(
                "flags",
                queryset=Flag.objects.open()
                .select_related("reporter__member_profile")
                .order_by("created_at", "pk"),
                to_attr="open_flags",
            )
        )
        .order_by("first_flagged_at", "pk")
    )


def reporters_count(post: Post) -> int:
    return len({flag.reporter_id for flag in post.open_flags})


def moderation_log(*, user: AnyUser) -> QuerySet[ModerationAction]:
    """The actions in the forums the user moderates, newest first. A moved topic's actions show
    to the moderators of the forum it left and of the forum it is in now."""
    actions = ModerationAction.objects.all()
    if not permissions.moderates_everything(user):
        forums = permissions.moderated_forums(user)
        actions = actions.filter(Q(forum__in=forums) | Q(topic__forum__in=forums))
    return actions.select_related(
        "moderator__member_profile", "forum", "topic__forum", "post__topic__forum"
    ).order_by("-created_at", "-pk")


def move_targets(*, user: AnyUser, forum: Forum) -> list[Forum]:
    """The forums a moderator may move a topic of ``forum`` to."""
    return list(
        permissions.moderated_forums(user).exclude(pk=forum.pk).order_by("sort_order", "name")
    )
