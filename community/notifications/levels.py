"""Notification levels: what a member chose to hear of a forum or a topic (watching, normal or
muted). A topic without a level of its own takes its forum's; a forum without one is normal."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from cms.accounts.types import AnyUser

from .. import permissions
from ..models import Forum, Level, MemberProfile, NotificationLevel, Topic


def level_set(
    *, user: AnyUser, level: str, topic: Topic | None = None, forum: Forum | None = None
) -> NotificationLevel:
    """Set the member's level for one topic or one forum they may read."""
    if (topic is None) == (forum is None):
        raise ValueError("Set the level of one topic or one forum.")
    if level not in Level.values:
        raise ValidationError({"level": _("Choose watching, normal or muted.")})
    target_forum = topic.forum if topic is not None else forum
    if not permissions.can_read_forum(user, target_forum):
        raise PermissionDenied
    chosen, _created = NotificationLevel.objects.update_or_create(
        user=user,
        topic=topic,
        forum=None if topic is not None else forum,
        defaults={"level": level},
    )
    return chosen


def watch_posted_topic(*, user: AnyUser, topic: Topic) -> None:
    """After the member posted in the topic: they watch it, if they asked to watch what they post
    in and gave the topic no level of their own."""
    if MemberProfile.objects.filter(user=user, watch_on_post=True).exists():
        NotificationLevel.objects.get_or_create(
            user=user, topic=topic, defaults={"level": Level.WATCHING}
        )


def level_for(*, user: AnyUser, topic: Topic) -> str:
    """The member's effective level for a topic: the topic's own, else the forum's, else
    normal."""
    levels = dict(
        NotificationLevel.objects.filter(user=user, topic=topic).values_list("topic_id", "level")
    )
    if topic.pk in levels:
        return levels[topic.pk]
    return _chosen_forum_level(user, topic.forum_id)


def forum_level(*, user: AnyUser, forum: Forum) -> str:
    """The member's level for a forum: the one they chose, else normal."""
    return _chosen_forum_level(user, forum.pk)


def _chosen_forum_level(user: AnyUser, forum_id: int) -> str:
    level = (
        NotificationLevel.objects.filter(user=user, forum_id=forum_id)
        .values_list("level", flat=True)
        .first()
    )
    return level or Level.NORMAL


def levels_in_topic(topic: Topic) -> tuple[dict[int, str], dict[int, str]]:
    """The levels members chose for the topic and for its forum, by user id."""
    topic_levels = dict(
        NotificationLevel.objects.filter(topic=topic).values_list("user_id", "level")
    )
    forum_levels = dict(
        NotificationLevel.objects.filter(forum_id=topic.forum_id).values_list("user_id", "level")
    )
    return topic_levels, forum_levels
