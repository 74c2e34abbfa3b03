"""Lock a topic (members can no longer reply; moderators still can), or unlock it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cms.accounts.types import AnyUser

from ..models import ModerationVerb, Topic
from .log import clean_reason, lock_topic, log_action, require_moderator


def _set_locked(*, moderator: AnyUser, topic: Topic, locked: bool, reason: str) -> Topic:
    require_moderator(moderator, topic.forum)
    reason = clean_reason(reason)
    row = lock_topic(topic)
    require_moderator(moderator, row.forum)
    if row.locked == locked:
        raise ValidationError(
            _("This topic is already locked.") if locked else _("This topic is not locked.")
        )
    Topic.objects.filter(pk=row.pk).update(locked=locked)
    topic.locked = locked
    log_action(
        moderator=moderator,
        verb=ModerationVerb.LOCK if locked else ModerationVerb.UNLOCK,
        forum=row.forum,
        topic=row,
        reason=reason,
    )
    return topic


@transaction.atomic
def topic_lock(*, moderator: AnyUser, topic: Topic, reason: str = "") -> Topic:
    return _set_locked(moderator=moderator, topic=topic, locked=True, reason=reason)


@transaction.atomic
def topic_unlock(*, moderator: AnyUser, topic: Topic, reason: str = "") -> Topic:
    return _set_locked(moderator=moderator, topic=topic, locked=False, reason=reason)
