"""Two runs of the daily digest at once on PostgreSQL: each notification is mailed once, in one
digest. (A module of its own: it commits for real, outside the shared community world.)"""

import threading

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import connection

from community.models import (
    EmailFrequency,
    Forum,
    ForumKind,
    MemberProfile,
    Notification,
    NotificationReason,
    Post,
    Topic,
)
from community.notifications import digest

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def test_two_runs_at_once_send_each_notification_once():
    user = get_user_model().objects.create_user(email="daily@example.org", password="x")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    MemberProfile.objects.create(
        user=user, display_name="Daily", email_frequency=EmailFrequency.DAILY
    )
    author = get_user_model().objects.create_user(email="author@example.org", password="x")
    forum = Forum.objects.create(name="Open", slug="open", kind=ForumKind.GENERAL)
    topic = Topic.objects.create(forum=forum, title="Busy topic", author=author)
    posts = Post.objects.bulk_create(
        Post(topic=topic, forum=forum, number=n, author=author, source="Hi", html="<p>Hi</p>")
        for n in range(1, 41)
    )
    Notification.objects.bulk_create(
        Notification(user=user, post=post, reason=NotificationReason.WATCHING) for post in posts
    )
    runs, barrier = [], threading.Barrier(2)

    def run():
        try:
            barrier.wait()
            runs.append(digest.digests_send())
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(result.notifications for result in runs) == 40
    assert len(mail.outbox) == 1
    assert "40 new posts in 1 topic" in mail.outbox[0].subject
