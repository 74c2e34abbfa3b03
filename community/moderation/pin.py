"""Pin a topic to the top of its forum's list, or unpin it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cms.accounts.types import AnyUser

from ..models import ModerationVerb, Topic
from .log import clean_reason, lock_topic, log_action, require_moderator


def _set_pinned(*, moderator: AnyUser, topic: Topic, pinned: bool, reason: str) -> Topic:
    require_moderator(moderator, topic.forum)
    reason = clean_reason(reason)
    locked = lock_topic(topic)
    require_moderator(moderator, locked.forum)
    if locked.pinned == pinned:
        raise ValidationError(
            _("This topic is already pinned.") if pinned else _("This topic is not pinned.")
        )
    Topic.objects.filter(pk=locked.pk).update(pinned=pinned)
    topic.pinned = pinned
    log_action(
        moderator=moderator,
        verb=ModerationVerb.PIN if pinned else ModerationVerb.UNPIN,
        forum=locked.forum,
        topic=locked,
        reason=reason,
    )
    return topic


@transaction.atomic
def topic_pin(*, moderator: AnyUser, topic: Topic, reason: str = "") -> Topic:
    return _set_pinned(moderator=moderator, topic=topic, pinned=True, reason=reason)


@transaction.atomic
def topic_unpin(*, moderator: AnyUser, topic: Topic, reason: str = "") -> Topic:
    return _set_pinned(moderator=moderator, topic=topic, pinned=False, reason=reason)
