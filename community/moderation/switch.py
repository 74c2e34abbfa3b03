"""What pinning and locking a topic share: a yes-or-no state of the topic that a moderator turns on
or off, refused when it is so already, and logged."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.functional import Promise

from cms.accounts.types import AnyUser

from ..counters import topic_for_update
from ..models import ModerationVerb, Topic
from .log import clean_reason, log_action, require_moderator


@dataclass(frozen=True)
class TopicSwitch:
    field: str  # the topic's boolean field
    on: ModerationVerb
    off: ModerationVerb
    already_on: Promise  # what a moderator reads when it is on already
    already_off: Promise


def switch_topic(
    switch: TopicSwitch, *, moderator: AnyUser, topic: Topic, on: bool, reason: str
) -> Topic:
    """Turn ``switch`` on or off for ``topic`` (the caller holds a transaction)."""
    require_moderator(moderator, topic.forum)
    reason = clean_reason(reason)
    row = topic_for_update(topic)
    require_moderator(moderator, row.forum)
    if getattr(row, switch.field) == on:
        raise ValidationError(str(switch.already_on if on else switch.already_off))
    Topic.objects.filter(pk=row.pk).update(**{switch.field: on})
    setattr(topic, switch.field, on)
    log_action(
        moderator=moderator,
        verb=switch.on if on else switch.off,
        forum=row.forum,
        topic=row,
        reason=reason,
    )
    return topic
