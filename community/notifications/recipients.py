"""Who is told of a new post, and why: watchers of the topic (or of its forum, unless the topic says
otherwise), and, unless they muted it, the topic's author, the quoted author and the members
mentioned. One notification per member and post, with the strongest reason; their immediate
e-mails are queued once the post commits."""

from __future__ import annotations

import datetime

from django.db import transaction

from .. import permissions
from ..models import Level, Notification, NotificationReason, Post, Topic
from ..profiles import mentioned_profiles, profiles_by_handle
from .emails import send_immediate_mails
from .levels import levels_in_topic

# The strongest reason wins when one post concerns a member for several.
REASON_STRENGTH = [
    NotificationReason.MENTION,
    NotificationReason.QUOTE,
    NotificationReason.REPLY,
    NotificationReason.WATCHING,
]


def recipients(post: Post, topic: Topic) -> dict[int, str]:
    """Who hears of ``post`` and why, by user id. Never the poster; who may read the forum is
    decided when they are notified."""
    topic_levels, forum_levels = levels_in_topic(topic)

    def level(user_id: int) -> str:
        return topic_levels.get(user_id) or forum_levels.get(user_id) or Level.NORMAL

    reasons: dict[int, list[str]] = {}

    def add(user_id: int | None, reason: str) -> None:
        if user_id and user_id != post.author_id and level(user_id) != Level.MUTED:
            reasons.setdefault(user_id, []).append(reason)

    for handle_user in mentioned_profiles(post.source).values_list("user_id", flat=True):
        add(handle_user, NotificationReason.MENTION)
    if post.quoted_id:
        add(post.quoted.author_id, NotificationReason.QUOTE)
    if post.number > 1:
        add(topic.author_id, NotificationReason.REPLY)
    for user_id in set(topic_levels) | set(forum_levels):
        if level(user_id) == Level.WATCHING:
            add(user_id, NotificationReason.WATCHING)
    return {user_id: min(found, key=REASON_STRENGTH.index) for user_id, found in reasons.items()}


def announce(*, post: Post) -> list[Notification]:
    """One notification per member concerned, and their e-mails after the commit."""
    return _notify(post=post, recipients=recipients(post, post.topic), at=post.created_at)


def announce_mentions(*, post: Post, handles: set[str], now: datetime.datetime) -> None:
    """An edit that mentions someone new tells them, as a new post would; someone already told
    of this post (for any reason) is not told again, and a muted level still silences."""
    if not handles:
        return
    topic_levels, forum_levels = levels_in_topic(post.topic)
    mentioned = {
        user_id: NotificationReason.MENTION
        for user_id in profiles_by_handle(handles).values_list("user_id", flat=True)
        if user_id != post.author_id
        and (topic_levels.get(user_id) or forum_levels.get(user_id)) != Level.MUTED
    }
    _notify(post=post, recipients=mentioned, at=now)


def _notify(*, post: Post, recipients: dict[int, str], at: datetime.datetime) -> list:
    """Notify these members who may read the post's forum (once per post: a member told before
    is left alone), and queue their e-mails after the commit."""
    if not recipients:
        return []
    readers = permissions.readers_among(list(recipients), post.topic.forum)
    notifications = Notification.objects.bulk_create(
        [
            Notification(user_id=user_id, post=post, reason=recipients[user_id], created_at=at)
            for user_id in sorted(readers)
        ],
        ignore_conflicts=True,
    )
    post_pk = post.pk
    transaction.on_commit(lambda: send_immediate_mails(post_id=post_pk))
    return notifications
