"""The e-mails of notifications: one mail per notification for members who want them at once,
queued after the post commits, and the signed unsubscribe link and headers every community mail
carries (the digest's too).

A notification is e-mailed at most once: ``emailed_at`` is claimed with a conditional update before
the message is built, so a task that runs twice finds nothing left to send. Mails leave through
the task framework, after the transaction that claimed them commits.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django_tasks import task

from cms.accounts.types import AnyUser
from cms.links import absolute_url

from .. import markup
from ..models import EmailFrequency, Notification, NotificationReason, Removal
from ..profiles import display_name

logger = logging.getLogger(__name__)

EXCERPT_CHARACTERS = 300
UNSUBSCRIBE_SALT = "community.unsubscribe"


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


def mail_headers(unsubscribe: str) -> dict[str, str]:
    return {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
    }


def message(*, subject: str, body: str, recipient: str, headers: dict[str, str]) -> EmailMessage:
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
    return message(
        subject=subject,
        body=render_to_string("community/email/notification.txt", context),
        recipient=user.email,
        headers=mail_headers(unsubscribe),
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
