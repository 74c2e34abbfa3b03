"""Move a topic to another forum. The moderator must moderate both forums. The topic's posts
carry a copy of their forum, so they move too, and both forums' counters and last posts are set
from the data in the same transaction."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from cms.accounts.types import AnyUser

from ..models import Forum, ModerationVerb, Post, Topic
from .log import clean_reason, log_action, require_moderator


def _recount_last_post(forum: Forum) -> None:
    """The forum's last post, from the data: the newest one readers can see."""
    last = Post.objects.filter(forum=forum, removal="").order_by("-created_at", "-pk").first()
    Forum.objects.filter(pk=forum.pk).update(
        last_post=last, last_post_at=last.created_at if last else None
    )


def recount_last_posts(topic: Topic) -> None:
    """After a post of ``topic`` was hidden, deleted or restored: the topic's and its forum's
    last post become the newest one readers can see. The caller holds the topic's lock; the
    forum's is taken here, in the services' order (topic first, then forum). The counters stay
    as they are: they count every post, whose numbers have no gaps."""
    last = Post.objects.filter(topic=topic, removal="").order_by("-number").first()
    Topic.objects.filter(pk=topic.pk).update(
        last_post=last, last_post_at=last.created_at if last else F("created_at")
    )
    forum_id = Topic.objects.filter(pk=topic.pk).values_list("forum_id", flat=True).get()
    forum = Forum.objects.select_for_update().get(pk=forum_id)
    _recount_last_post(forum)


@transaction.atomic
def topic_move(*, moderator: AnyUser, topic: Topic, to_forum: Forum, reason: str = "") -> Topic:
    require_moderator(moderator, topic.forum, to_forum)
    reason = clean_reason(reason)
    # Locks in the services' order: the topic first, then the forums by id.
    locked = Topic.objects.select_for_update().get(pk=topic.pk)
    if locked.forum_id == to_forum.pk:
        raise ValidationError({"forum": _("The topic is in this forum already.")})
    forums = {
        forum.pk: forum
        for forum in Forum.objects.select_for_update()
        .filter(pk__in=[locked.forum_id, to_forum.pk])
        .order_by("pk")
    }
    source, target = forums[locked.forum_id], forums[to_forum.pk]
    require_moderator(moderator, source, target)

    Topic.objects.filter(pk=locked.pk).update(forum=target)
    moved = Post.objects.filter(topic=locked).update(forum=target)
    Forum.objects.filter(pk=source.pk).update(
        topic_count=F("topic_count") - 1, post_count=F("post_count") - moved
    )
    Forum.objects.filter(pk=target.pk).update(
        topic_count=F("topic_count") + 1, post_count=F("post_count") + moved
    )
    _recount_last_post(source)
    _recount_last_post(target)

    log_action(
        moderator=moderator,
        verb=ModerationVerb.MOVE,
        forum=source,
        topic=locked,
        reason=reason,
        detail=_("From “%(source)s” to “%(target)s”.")
        % {"source": source.name, "target": target.name},
    )
    topic.forum = target
    return topic
