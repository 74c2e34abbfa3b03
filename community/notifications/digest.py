"""The daily digest: one e-mail per member who chose it, telling of their unread notifications not
mailed yet, grouped by forum and topic.

Each notification is claimed (``emailed_at``) before its digest is built, and a run holds the
member's profile row meanwhile, so two runs at once, or a run repeated, find nothing left to send.
A digest the mail server refused gives its claim back, so the next run tells of those posts again.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from cms.links import absolute_url

from .. import permissions
from ..models import EmailFrequency, Forum, MemberProfile, Notification, NotificationReason, Removal
from ..profiles import display_name
from .emails import mail_headers, message, unsubscribe_url
from .recipients import REASON_STRENGTH

logger = logging.getLogger(__name__)

# A digest tells of what is at most this old: someone who turns the digest on after months of
# "no e-mail" gets this week's news, not the backlog.
DIGEST_HORIZON = datetime.timedelta(days=7)


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
    strength = REASON_STRENGTH.index
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
        "headers": mail_headers(unsubscribe),
    }


def _digest_for(user, now: datetime.datetime) -> int:
    """Claim the member's pending notifications and queue their digest after the commit.
    Returns how many notifications it holds (0: nothing new, no mail)."""
    with transaction.atomic():
        # Two runs at once take turns per member (PostgreSQL holds the row; SQLite writes one at a
        # time anyway): the second sees the first's claims once it holds the row.
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
        mail = _digest_mail(user, claimed)
        claim = {"notification_ids": [n.pk for n in claimed], "claimed_at": now.isoformat()}
        transaction.on_commit(lambda: _queue_digest(mail, claim))
    return len(claimed)


def _give_back(*, notification_ids: list[int], claimed_at: str) -> None:
    """Undo a digest's claim, so the next run tells of these posts again."""
    Notification.objects.filter(
        pk__in=notification_ids, emailed_at=datetime.datetime.fromisoformat(claimed_at)
    ).update(emailed_at=None)


def _queue_digest(mail: dict, claim: dict) -> None:
    try:
        send_digest.enqueue(**mail, **claim)
    except Exception:
        logger.exception("Could not queue the digest of %s", mail["recipient"])
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
        return message(subject=subject, body=body, recipient=recipient, headers=headers).send()
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
