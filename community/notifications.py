"""What members hear from the community: the notifications page and its unread count, notification
preferences, immediate e-mails, the daily digest and the signed unsubscribe link.

A notification is e-mailed at most once: ``emailed_at`` is claimed with a conditional update before
the message is built (and a digest run holds the member's profile row meanwhile), so a task that
runs twice, or two digest runs at once, find nothing left to send. Mails leave through the task
framework, after the transaction that claimed them commits.
"""

from __future__ import annotations

import datetime
import logging
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from cms.accounts.types import AnyUser
from cms.links import absolute_url
from cms.request_memory import forget, remembered

from . import markup, permissions, services
from .models import (
    EmailFrequency,
    Forum,
    Level,
    MemberProfile,
    Notification,
    NotificationReason,
    Removal,
    Subscription,
    Topic,
)

logger = logging.getLogger(__name__)

PAGE_SIZE = 25
# The settings list this many topics with a level of their own, the most recently set first.
TOPIC_LEVELS_SHOWN = 50
LISTING_EXCERPT_CHARACTERS = 200
EXCERPT_CHARACTERS = 300  # in an e-mail
# A digest tells of what is at most this old: someone who turns the digest on after months of
# "no e-mail" gets this week's news, not the backlog.
DIGEST_HORIZON = datetime.timedelta(days=7)
UNSUBSCRIBE_SALT = "community.unsubscribe"

_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
_CURSOR = re.compile(r"(?P<microseconds>[0-9]{1,18})-(?P<pk>[0-9]{1,18})")


# ---------------------------------------------------------------------------------------------
# People as the community names them


def display_name(user) -> str:
    """How a member is named to others: their profile's display name, else their name; never
    their e-mail address."""
    if user is None:
        return _("A former member")
    try:
        profile = user.member_profile
    except MemberProfile.DoesNotExist:
        profile = None
    if profile is not None and profile.display_name:
        return profile.display_name
    return user.get_full_name() or _("A member")


# ---------------------------------------------------------------------------------------------
# The notifications page and the header's count


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


# ---------------------------------------------------------------------------------------------
# Preferences


def forum_levels(*, user: AnyUser) -> list[tuple[Forum, str]]:
    """Each open forum the member reads, with the level they chose for it (normal unless they
    chose). Two queries."""
    forums = list(permissions.readable_forums(user).open())
    chosen = dict(
        Subscription.objects.filter(user=user, forum__in=forums).values_list("forum_id", "level")
    )
    return [(forum, chosen.get(forum.pk, Level.NORMAL)) for forum in forums]


def topic_levels(*, user: AnyUser, limit: int = TOPIC_LEVELS_SHOWN) -> list[tuple[Topic, str]]:
    """The topics the member gave a level of their own (by posting in them, or on the topic's
    page), most recently set first, in forums they still read. One query."""
    subscriptions = (
        Subscription.objects.filter(
            user=user,
            topic__isnull=False,
            topic__forum__in=permissions.readable_forums(user),
        )
        .select_related("topic__forum")
        .order_by("-updated_at", "-id")[:limit]
    )
    return [(subscription.topic, subscription.level) for subscription in subscriptions]


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
    profile = services.profile_for(user=user)
    profile.email_frequency = email_frequency
    profile.watch_on_post = watch_on_post
    profile.save(update_fields=["email_frequency", "watch_on_post"])
    for forum, current in forum_levels(user=user):
        wanted = levels.get(forum.pk, current)
        if wanted != current:
            services.subscription_set(user=user, forum=forum, level=wanted)
    for topic, current in topic_levels(user=user):
        wanted = (topic_levels_wanted or {}).get(topic.pk, current)
        if wanted != current:
            services.subscription_set(user=user, topic=topic, level=wanted)
    return profile


def email_frequency_set(*, user: AnyUser, frequency: str) -> MemberProfile:
    if frequency not in EmailFrequency.values:
        raise ValidationError({"email_frequency": _("Choose how often we may write to you.")})
    profile = services.profile_for(user=user)
    MemberProfile.objects.filter(pk=profile.pk).update(email_frequency=frequency)
    profile.email_frequency = frequency
    return profile


# ---------------------------------------------------------------------------------------------
# Unsubscribe links


class InvalidToken(Exception):
    """The link was altered, cut short, or never made here."""


def unsubscribe_token(user: AnyUser) -> str:
    """A signed token naming the member; it never expires, so an old mail's link still works."""
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def user_for_unsubscribe_token(token: str):
    """The member a token names. Raises ``InvalidToken`` for a bad token and the user model's
    ``DoesNotExist`` when the account was deleted since."""
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature as error:
        raise InvalidToken from error
    if not isinstance(pk, int) or isinstance(pk, bool):
        raise InvalidToken
    return get_user_model().objects.get(pk=pk)


def unsubscribe_url(user: AnyUser) -> str:
    return absolute_url(reverse("community:unsubscribe", args=[unsubscribe_token(user)]))


def _mail_headers(unsubscribe: str) -> dict[str, str]:
    return {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
    }


def _message(*, subject: str, body: str, recipient: str, headers: dict[str, str]) -> EmailMessage:
    return EmailMessage(
        # A header holds one line, whatever a display name contains.
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient],
        headers=headers,
    )


# ---------------------------------------------------------------------------------------------
# Immediate mails


def _mailed_immediately() -> Q:
    # A member without a profile row has the profile's default, which is "immediate".
    return Q(user__member_profile__email_frequency=EmailFrequency.IMMEDIATE) | Q(
        user__member_profile__isnull=True
    )


def send_immediate_mails(*, post_id: int) -> None:
    """Queue the immediate mails of one post's notifications; called once the post is
    committed, so a queue that cannot take the task must not fail the request that posted."""
    try:
        mail_post_notifications.enqueue(post_id=post_id)
    except Exception:
        logger.exception("Could not queue the notification mails of post %s", post_id)


def _claim(notification_pk: int, now: datetime.datetime) -> bool:
    """Take one notification for mailing; only one caller ever gets True."""
    return bool(
        Notification.objects.filter(pk=notification_pk, emailed_at__isnull=True).update(
            emailed_at=now
        )
    )


def _immediate_mail(notification: Notification) -> EmailMessage:
    post, user = notification.post, notification.user
    topic = post.topic
    who = display_name(post.author)
    reason = NotificationReason(notification.reason).label
    unsubscribe = unsubscribe_url(user)
    context = {
        "name": display_name(user),
        "who": who,
        "reason": reason,
        "why": _why(notification.reason),
        "topic": topic.title,
        "forum": topic.forum.name,
        "excerpt": markup.excerpt(post.html, characters=EXCERPT_CHARACTERS),
        "post_url": absolute_url(post.get_absolute_url()),
        "settings_url": absolute_url(reverse("community:preferences")),
        "unsubscribe_url": unsubscribe,
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    subject = _("“%(topic)s”: %(who)s %(reason)s") % {
        "topic": Truncator(topic.title).chars(80),
        "who": who,
        "reason": reason,
    }
    return _message(
        subject=subject,
        body=render_to_string("community/email/notification.txt", context),
        recipient=user.email,
        headers=_mail_headers(unsubscribe),
    )


def _why(reason: str) -> str:
    return {
        NotificationReason.MENTION: _("you were mentioned in this post"),
        NotificationReason.QUOTE: _("this post quotes you"),
        NotificationReason.REPLY: _("you started this topic"),
        NotificationReason.WATCHING: _("you watch this topic or its forum"),
    }[reason]


@task()
def mail_post_notifications(*, post_id: int) -> int:
    """Mail the notifications of one post to the members who want mail at once. Each row is
    claimed before its mail is sent, so running this twice sends nothing twice; a mail the server
    refused gives its claim back, so a retry of the task may send it."""
    pending = list(
        Notification.objects.filter(
            _mailed_immediately(),
            post_id=post_id,
            emailed_at__isnull=True,
            read_at__isnull=True,
            post__removal=Removal.VISIBLE,
            user__is_active=True,
        ).select_related(
            "user__member_profile", "post__topic__forum", "post__author__member_profile"
        )
    )
    sent, failed = 0, 0
    for notification in pending:
        now = timezone.now()
        if not _claim(notification.pk, now):
            continue
        try:
            _immediate_mail(notification).send()
        except Exception:
            logger.exception("Could not mail notification %s", notification.pk)
            Notification.objects.filter(pk=notification.pk, emailed_at=now).update(emailed_at=None)
            failed += 1
        else:
            sent += 1
    if failed:
        raise RuntimeError(f"{failed} notification mail(s) of post {post_id} were not sent")
    return sent


# ---------------------------------------------------------------------------------------------
# The daily digest


@dataclass
class TopicNews:
    title: str
    url: str  # the first new post
    latest: datetime.datetime
    count: int = 0
    reason: str = ""  # the strongest reason among its posts
    who: str = ""  # who wrote the post with that reason

    @property
    def reason_label(self) -> str:
        return NotificationReason(self.reason).label


@dataclass
class ForumNews:
    name: str
    url: str
    topics: list[TopicNews] = field(default_factory=list)


@dataclass(frozen=True)
class DigestRun:
    members: int
    notifications: int


def _digest_pending(user, now: datetime.datetime) -> QuerySet[Notification]:
    return Notification.objects.filter(
        user=user,
        emailed_at__isnull=True,
        read_at__isnull=True,
        created_at__gte=now - DIGEST_HORIZON,
        post__removal=Removal.VISIBLE,
    )


def _group(notifications: list[Notification]) -> list[ForumNews]:
    """New posts by forum (in the forums' order) and topic (latest news first)."""
    forums: dict[int, tuple[Forum, ForumNews]] = {}
    topics: dict[int, TopicNews] = {}
    for notification in sorted(notifications, key=lambda n: (n.post.topic_id, n.post.number)):
        post = notification.post
        topic, forum = post.topic, post.topic.forum
        if forum.pk not in forums:
            forums[forum.pk] = (
                forum,
                ForumNews(name=forum.name, url=absolute_url(forum.get_absolute_url())),
            )
        news = topics.get(topic.pk)
        if news is None:
            news = topics[topic.pk] = TopicNews(
                title=topic.title,
                url=absolute_url(post.get_absolute_url()),
                latest=post.created_at,
            )
            forums[forum.pk][1].topics.append(news)
        news.count += 1
        news.latest = max(news.latest, post.created_at)
        strength = services.REASON_STRENGTH.index
        if not news.reason or strength(notification.reason) < strength(news.reason):
            news.reason, news.who = notification.reason, display_name(post.author)
    grouped = sorted(forums.values(), key=lambda pair: (pair[0].sort_order, pair[0].name))
    for _forum, forum_news in grouped:
        forum_news.topics.sort(key=lambda news: news.latest, reverse=True)
    return [forum_news for _forum, forum_news in grouped]


def _digest_mail(user, notifications: list[Notification]) -> dict:
    forums = _group(notifications)
    topic_count = sum(len(forum_news.topics) for forum_news in forums)
    post_count = len(notifications)
    posts = ngettext("%(count)d new post", "%(count)d new posts", post_count) % {
        "count": post_count
    }
    topics = ngettext("%(count)d topic", "%(count)d topics", topic_count) % {"count": topic_count}
    unsubscribe = unsubscribe_url(user)
    context = {
        "name": display_name(user),
        "forums": forums,
        "summary": _("%(posts)s in %(topics)s") % {"posts": posts, "topics": topics},
        "notifications_url": absolute_url(reverse("community:notifications")),
        "settings_url": absolute_url(reverse("community:preferences")),
        "unsubscribe_url": unsubscribe,
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    return {
        "subject": _("Your community digest: %(summary)s") % {"summary": context["summary"]},
        "body": render_to_string("community/email/digest.txt", context),
        "recipient": user.email,
        "headers": _mail_headers(unsubscribe),
    }


def _digest_for(user, now: datetime.datetime) -> int:
    """Claim the member's pending notifications and queue their digest after the commit.
    Returns how many notifications it holds (0: nothing new, no mail)."""
    with transaction.atomic():
        # Two runs at once take turns per member (PostgreSQL row lock; SQLite writes one at a
        # time anyway): the second sees the first's claims once it gets the lock.
        MemberProfile.objects.select_for_update().filter(user=user).first()
        candidates = list(
            _digest_pending(user, now)
            .filter(post__forum__in=permissions.readable_forums(user))
            .values_list("pk", flat=True)
        )
        if not candidates:
            return 0
        # The conditional update is the claim: a row another run claimed meanwhile stays theirs.
        Notification.objects.filter(pk__in=candidates, emailed_at__isnull=True).update(
            emailed_at=now
        )
        claimed = list(
            Notification.objects.filter(pk__in=candidates, emailed_at=now).select_related(
                "post__topic__forum", "post__author__member_profile"
            )
        )
        if not claimed:
            return 0
        MemberProfile.objects.filter(user=user).update(last_digest_at=now)
        message = _digest_mail(user, claimed)
        claim = {"notification_ids": [n.pk for n in claimed], "claimed_at": now.isoformat()}
        transaction.on_commit(lambda: _queue_digest(message, claim))
    return len(claimed)


def _give_back(*, notification_ids: list[int], claimed_at: str) -> None:
    """Undo a digest's claim, so the next run tells of these posts again."""
    Notification.objects.filter(
        pk__in=notification_ids, emailed_at=datetime.datetime.fromisoformat(claimed_at)
    ).update(emailed_at=None)


def _queue_digest(message: dict, claim: dict) -> None:
    try:
        send_digest.enqueue(**message, **claim)
    except Exception:
        logger.exception("Could not queue the digest of %s", message["recipient"])
        _give_back(**claim)


@task()
def send_digest(
    *,
    subject: str,
    body: str,
    recipient: str,
    headers: dict[str, str],
    notification_ids: list[int],
    claimed_at: str,
) -> int:
    """One member's digest. A digest the server refused gives its claim back, like an immediate
    mail, so the next run sends its news instead of losing it."""
    try:
        return _message(subject=subject, body=body, recipient=recipient, headers=headers).send()
    except Exception:
        _give_back(notification_ids=notification_ids, claimed_at=claimed_at)
        raise


def digests_send(*, now: datetime.datetime | None = None) -> DigestRun:
    """The daily digest: one mail per member who chose it and has unread news not mailed yet."""
    now = now or timezone.now()
    user_ids = set(
        Notification.objects.filter(
            emailed_at__isnull=True,
            read_at__isnull=True,
            created_at__gte=now - DIGEST_HORIZON,
            user__member_profile__email_frequency=EmailFrequency.DAILY,
            user__is_active=True,
        ).values_list("user_id", flat=True)
    )
    members = notifications = 0
    for user in get_user_model().objects.filter(pk__in=user_ids).order_by("pk"):
        count = _digest_for(user, now)
        if count:
            members += 1
            notifications += count
    return DigestRun(members=members, notifications=notifications)
