"""The member's notifications page and the header's unread count: what they have been told of, in
forums they may still read, a page at a time, and marking it read."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from cms.accounts.types import AnyUser
from cms.request_memory import forget, remembered

from .. import markup, permissions
from ..models import Notification, NotificationReason, Removal
from ..profiles import display_name

PAGE_SIZE = 25
LISTING_EXCERPT_CHARACTERS = 200

_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
_CURSOR = re.compile(r"(?P<microseconds>[0-9]{1,18})-(?P<pk>[0-9]{1,18})")


def _unread_key(user: AnyUser) -> str:
    return f"community:unread-notifications:{user.pk}"


def _shown(user: AnyUser) -> QuerySet[Notification]:
    """A member's notifications of posts that are still visible, in forums they may still read:
    what the page lists is what the header counts."""
    return Notification.objects.filter(
        user=user,
        post__removal=Removal.VISIBLE,
        post__forum__in=permissions.readable_forums(user),
    )


def unread_count(*, user: AnyUser) -> int:
    """How many notifications the member has not read: one query, asked once per request, on
    every page a member sees. It does not ask which forums they may still read (five queries
    more); instead the notifications page retires, as read, what it can no longer show (a post
    hidden since, a forum left), so the two agree once the member has looked."""
    if not user.is_authenticated:
        return 0
    return remembered(
        _unread_key(user),
        lambda: Notification.objects.filter(user=user, read_at__isnull=True).count(),
    )


def _retire_unshowable(user: AnyUser) -> None:
    retired = (
        Notification.objects.filter(user=user, read_at__isnull=True)
        .exclude(pk__in=_shown(user).values("pk"))
        .update(read_at=timezone.now())
    )
    if retired:
        forget(_unread_key(user))


@dataclass
class NotificationItem:
    notification: Notification
    who: str
    reason: str
    url: str
    excerpt: str
    was_unread: bool


@dataclass
class NotificationPage:
    items: list[NotificationItem]
    older: str | None = None  # the cursor of the next, older page; None on the last page
    is_first: bool = True
    unread_ids: list[int] = field(default_factory=list)


def _cursor(notification: Notification) -> str:
    microseconds = (notification.created_at - _EPOCH) // datetime.timedelta(microseconds=1)
    return f"{microseconds}-{notification.pk}"


def parse_cursor(value: str | None) -> tuple[datetime.datetime, int] | None:
    """``1764628983123456-42`` (the time in microseconds and the id of the last notification
    shown) as a position, or None for anything else."""
    found = _CURSOR.fullmatch(value or "")
    if found is None:
        return None
    try:
        at = _EPOCH + datetime.timedelta(microseconds=int(found["microseconds"]))
    except OverflowError:
        return None
    return at, int(found["pk"])


def notification_page(
    *, user: AnyUser, before: str | None = None, size: int = PAGE_SIZE
) -> NotificationPage:
    """One page of the member's notifications, newest first, from forums they may still read.
    Keyset pagination on (created_at, id): any page costs the same single query."""
    rows = _shown(user)
    position = parse_cursor(before)
    if position is None:
        _retire_unshowable(user)
    if position is not None:
        at, pk = position
        rows = rows.filter(Q(created_at__lt=at) | Q(created_at=at, pk__lt=pk))
    found = list(
        rows.select_related("post__topic__forum", "post__author__member_profile").order_by(
            "-created_at", "-id"
        )[: size + 1]
    )
    shown = found[:size]
    items = [
        NotificationItem(
            notification=notification,
            who=display_name(notification.post.author),
            reason=NotificationReason(notification.reason).label,
            url=notification.post.get_absolute_url(),
            excerpt=markup.excerpt(notification.post.html, characters=LISTING_EXCERPT_CHARACTERS),
            was_unread=notification.read_at is None,
        )
        for notification in shown
    ]
    return NotificationPage(
        items=items,
        older=_cursor(shown[-1]) if len(found) > size else None,
        is_first=position is None,
        unread_ids=[item.notification.pk for item in items if item.was_unread],
    )


def notifications_mark_read(*, user: AnyUser, ids: list[int] | None = None) -> int:
    """Mark the member's notifications read: these ones, or all of them. Returns how many were
    unread."""
    rows = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        if not ids:
            return 0
        rows = rows.filter(pk__in=ids)
    marked = rows.update(read_at=timezone.now())
    forget(_unread_key(user))
    return marked
