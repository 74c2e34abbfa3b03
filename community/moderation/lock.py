"""Lock a topic (members can no longer reply; moderators still can), or unlock it."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy

from cms.accounts.types import AnyUser

from ..models import ModerationVerb, Topic
from .switch import TopicSwitch, switch_topic

LOCKED = TopicSwitch(
    field="locked",
    on=ModerationVerb.LOCK,
    off=ModerationVerb.UNLOCK,
    already_on=gettext_lazy("This topic is already locked."),
    already_off=gettext_lazy("This topic is not locked."),
)


@transaction.atomic
def topic_lock(*, moderator: AnyUser, topic: Topic, reason: str = "") -> Topic:
    return switch_topic(LOCKED, moderator=moderator, topic=topic, on=True, reason=reason)


@transaction.atomic
def topic_unlock(*, moderator: AnyUser, topic: Topic, reason: str = "") -> Topic:
    return switch_topic(LOCKED, moderator=moderator, topic=topic, on=False, reason=reason)
