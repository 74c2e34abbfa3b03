"""Pin a topic to the top of its forum's list, or unpin it."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy

from cms.accounts.types import AnyUser

from ..models import ModerationVerb, Topic
from .switch import TopicSwitch, switch_topic

PINNED = TopicSwitch(
    field="pinned",
    on=ModerationVerb.PIN,
    off=ModerationVerb.UNPIN,
    already_on=gettext_lazy("This topic is already pinned."),
    already_off=gettext_lazy("This topic is not pinned."),
)


@transaction.atomic
def topic_pin(*, moderator: AnyUser, topic: Topic, reason: str = "") -> Topic:
    return switch_topic(PINNED, moderator=moderator, topic=topic, on=True, reason=reason)


@transaction.atomic
def topic_unpin(*, moderator: AnyUser, topic: Topic, reason: str = "") -> Topic:
    return switch_topic(PINNED, moderator=moderator, topic=topic, on=False, reason=reason)
