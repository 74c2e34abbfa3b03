"""The member's notification settings: how often they want e-mail, whether posting in a topic
watches it, and their level for each forum they read and for the topics they gave one."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cms.accounts.types import AnyUser

from .. import permissions
from ..models import EmailFrequency, Forum, Level, MemberProfile, NotificationLevel, Topic
from ..profiles import profile_for
from .levels import level_set

# The settings list this many topics with a level of their own, the most recently set first.
TOPIC_LEVELS_SHOWN = 50


def forum_levels(*, user: AnyUser) -> list[tuple[Forum, str]]:
    """Each open forum the member reads, with the level they chose for it (normal unless they
    chose). Two queries."""
    forums = list(permissions.readable_forums(user).open())
    chosen = dict(
        NotificationLevel.objects.filter(user=user, forum__in=forums).values_list(
            "forum_id", "level"
        )
    )
    return [(forum, chosen.get(forum.pk, Level.NORMAL)) for forum in forums]


def topic_levels(*, user: AnyUser, limit: int = TOPIC_LEVELS_SHOWN) -> list[tuple[Topic, str]]:
    """The topics the member gave a level of their own (by posting in them, or on the topic's
    page), most recently set first, in forums they still read. One query."""
    chosen = (
        NotificationLevel.objects.filter(
            user=user,
            topic__isnull=False,
            topic__forum__in=permissions.readable_forums(user),
        )
        .select_related("topic__forum")
        .order_by("-updated_at", "-id")[:limit]
    )
    return [(row.topic, row.level) for row in chosen]


@transaction.atomic
def preferences_save(
    *,
    user: AnyUser,
    email_frequency: str,
    watch_on_post: bool,
    levels: dict[int, str],
    topic_levels_wanted: dict[int, str] | None = None,
) -> MemberProfile:
    """Save how often the member wants e-mail, whether posting watches a topic, their level for
    each forum and for the topics listed with theirs (by id; anything they may not read, or that
    the settings do not list, is ignored)."""
    if email_frequency not in EmailFrequency.values:
        raise ValidationError({"email_frequency": _("Choose how often we may write to you.")})
    profile = profile_for(user=user)
    profile.email_frequency = email_frequency
    profile.watch_on_post = watch_on_post
    profile.save(update_fields=["email_frequency", "watch_on_post"])
    for forum, current in forum_levels(user=user):
        wanted = levels.get(forum.pk, current)
        if wanted != current:
            level_set(user=user, forum=forum, level=wanted)
    for topic, current in topic_levels(user=user):
        wanted = (topic_levels_wanted or {}).get(topic.pk, current)
        if wanted != current:
            level_set(user=user, topic=topic, level=wanted)
    return profile


def email_frequency_set(*, user: AnyUser, frequency: str) -> MemberProfile:
    if frequency not in EmailFrequency.values:
        raise ValidationError({"email_frequency": _("Choose how often we may write to you.")})
    profile = profile_for(user=user)
    MemberProfile.objects.filter(pk=profile.pk).update(email_frequency=frequency)
    profile.email_frequency = frequency
    return profile
