"""Move a topic to another forum. The moderator must moderate both forums. The topic's posts
carry a copy of their forum, so they move too, and both forums' counters and last posts are set
from the data in the same transaction."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cms.accounts.types import AnyUser

from ..counters import count_topic_move
from ..models import Forum, ModerationVerb, Post, Topic
from .log import clean_reason, log_action, require_moderator


@transaction.atomic
def topic_move(*, moderator: AnyUser, topic: Topic, to_forum: Forum, reason: str = "") -> Topic:
    require_moderator(moderator, topic.forum, to_forum)
    reason = clean_reason(reason)
    # Rows held in the counters' order: the topic first, then the forums by id.
    row = Topic.objects.select_for_update().get(pk=topic.pk)
    if row.forum_id == to_forum.pk:
        raise ValidationError({"forum": _("The topic is in this forum already.")})
    forums = {
        forum.pk: forum
        for forum in Forum.objects.select_for_update()
        .filter(pk__in=[row.forum_id, to_forum.pk])
        .order_by("pk")
    }
    source, target = forums[row.forum_id], forums[to_forum.pk]
    require_moderator(moderator, source, target)

    Topic.objects.filter(pk=row.pk).update(forum=target)
    moved = Post.objects.filter(topic=row).update(forum=target)
    count_topic_move(source=source, target=target, posts=moved)

    log_action(
        moderator=moderator,
        verb=ModerationVerb.MOVE,
        forum=source,
        topic=row,
        reason=reason,
        detail=_("From “%(source)s” to “%(target)s”.")
        % {"source": source.name, "target": target.name},
    )
    topic.forum = target
    return topic
