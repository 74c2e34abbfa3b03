"""Immediate e-mails: sent after the post commits to the members who chose them, saying what, who
and why, with links on the public site and the unsubscribe headers; never twice."""

import datetime
import re
import smtplib
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.utils.module_loading import import_string
from django_tasks.base import TaskResultStatus

from community import posting
from community.models import (
    EmailFrequency,
    MemberProfile,
    Notification,
    NotificationLevel,
    Post,
    Removal,
)
from community.notifications import digest, emails, levels
from tests.community.factories import reply, start_topic

pytestmark = pytest.mark.django_db

BASE = "https://academy.example.org"


@pytest.fixture(autouse=True)
def public_address(settings):
    settings.WAGTAILADMIN_BASE_URL = BASE


def mails_to(address: str) -> list[EmailMessage]:
    return [message for message in mail.outbox if message.to == [address]]


def frequency(user, value):
    MemberProfile.objects.filter(user=user).update(email_frequency=value)


@pytest.fixture
def topic(community_world):
    return start_topic(
        community_world.alumnus, community_world.cohort, title="Jobs & housing for newcomers"
    )


def test_a_mention_is_mailed_at_once_saying_what_who_and_why(
    community_world, topic, django_capture_on_commit_callbacks
):
    world = community_world
    with django_capture_on_commit_callbacks(execute=True):
        post = reply(
            world.trainee,
            topic,
            "@facilitator, how did you find **landlords** willing to rent to newcomers?",
        )

    [message] = mails_to("facilitator@example.org")
    assert message.subject == "“Jobs & housing for newcomers”: Trainee mentioned you"
    body = message.body
    assert "Trainee mentioned you in “Jobs & housing for newcomers” (Ghent 2027 cohort):" in body
    assert "@facilitator, how did you find landlords willing to rent to newcomers?" in body
    post_link = f"{BASE}/community/ghent-2027/{topic.pk}-jobs-housing-for-newcomers/?post=2"
    assert post.get_absolute_url() in post_link
    assert f"Read the post and reply: {post_link}" in body
    assert f"{BASE}/community/notifications/settings/" in body
    token = emails.unsubscribe_token(world.facilitator)
    unsubscribe = f"{BASE}/community/unsubscribe/{token}/"
    assert f"Stop all community e-mails: {unsubscribe}" in body
    assert "you were mentioned in this post" in body
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "&amp;" not in body


def test_every_link_in_the_mail_is_on_the_public_site(
    community_world, topic, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reply(community_world.trainee, topic, "See https://example.org/guide for the steps.")
    [message] = mails_to("alumnus@example.org")
    found = re.findall(r"https?://\S+", message.body)
    ours = [link for link in found if "example.org/guide" not in link]
    assert len(ours) == 3
    assert all(link.startswith(BASE + "/") for link in ours)


def test_the_topic_author_hears_of_a_reply_and_why(
    community_world, topic, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reply(community_world.trainee, topic, "We tried a rent guarantee fund.")
    [message] = mails_to("alumnus@example.org")
    assert message.subject == "“Jobs & housing for newcomers”: Trainee replied to your topic"
    assert "you started this topic" in message.body


def test_a_long_post_is_cut_short_in_the_mail(
    community_world, topic, django_capture_on_commit_callbacks
):
    long = "word " * 200
    with django_capture_on_commit_callbacks(execute=True):
        reply(community_world.trainee, topic, long)
    [message] = mails_to("alumnus@example.org")
    excerpt = next(line for line in message.body.splitlines() if line.startswith("word"))
    assert len(excerpt) <= emails.EXCERPT_CHARACTERS
    assert excerpt.endswith("…")


def test_only_members_who_chose_immediate_mail_get_one(
    community_world, topic, django_capture_on_commit_callbacks
):
    world = community_world
    frequency(world.facilitator, EmailFrequency.DAILY)
    frequency(world.editor, EmailFrequency.NONE)
    with django_capture_on_commit_callbacks(execute=True):
        post = reply(world.trainee, topic, "@facilitator @editor @alumnus what do you think?")

    assert Notification.objects.filter(post=post).count() == 3
    assert [message.to for message in mail.outbox] == [["alumnus@example.org"]]
    assert set(
        Notification.objects.filter(post=post, emailed_at__isnull=True).values_list(
            "user__email", flat=True
        )
    ) == {"facilitator@example.org", "editor@example.org"}


def test_a_member_without_a_profile_gets_the_default_immediate_mail(
    community_world, topic, django_capture_on_commit_callbacks
):
    world = community_world
    MemberProfile.objects.filter(user=world.facilitator).delete()
    NotificationLevel.objects.create(user=world.facilitator, forum=world.cohort, level="watching")
    with django_capture_on_commit_callbacks(execute=True):
        reply(world.trainee, topic)
    [message] = mails_to("facilitator@example.org")
    assert "posted in a topic you watch" in message.subject


def test_no_mail_leaves_before_the_post_is_committed(
    community_world, topic, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        reply(community_world.trainee, topic)
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert len(mails_to("alumnus@example.org")) == 1


def test_running_the_mail_task_again_sends_nothing_twice(
    community_world, topic, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post = reply(community_world.trainee, topic, "@facilitator hello")
    assert len(mail.outbox) == 2

    emails.send_immediate_mails(post_id=post.pk)
    result = emails.mail_post_notifications.enqueue(post_id=post.pk)

    assert result.return_value == 0
    assert len(mail.outbox) == 2
    assert not Notification.objects.filter(post=post, emailed_at__isnull=True).exists()


def test_a_notification_claimed_elsewhere_is_not_mailed_here(
    community_world, topic, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post = reply(community_world.trainee, topic)
    # Another worker claimed it first.
    Notification.objects.filter(post=post).update(emailed_at=post.created_at)
    for callback in callbacks:
        callback()
    assert mail.outbox == []


def test_a_refused_mail_gives_its_claim_back_so_a_retry_sends_it(
    community_world, topic, django_capture_on_commit_callbacks, monkeypatch
):
    def refuse(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("the mail server went away")

    with monkeypatch.context() as patched:
        patched.setattr(EmailMessage, "send", refuse)
        with django_capture_on_commit_callbacks(execute=True):
            post = reply(community_world.trainee, topic)
        failed = emails.mail_post_notifications.enqueue(post_id=post.pk)
    assert failed.status == TaskResultStatus.FAILED
    assert Notification.objects.get(post=post).emailed_at is None

    retried = emails.mail_post_notifications.enqueue(post_id=post.pk)

    assert retried.return_value == 1
    assert len(mails_to("alumnus@example.org")) == 1
    assert Notification.objects.get(post=post).emailed_at is not None


def test_a_post_hidden_or_read_before_the_mail_goes_is_not_mailed(
    community_world, topic, django_capture_on_commit_callbacks
):
    world = community_world
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        hidden = reply(world.trainee, topic, "@facilitator buy cheap watches")
    Post.objects.filter(pk=hidden.pk).update(removal=Removal.HIDDEN)
    for callback in callbacks:
        callback()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        seen = reply(world.editor, topic, "A real answer, @facilitator.")
    Notification.objects.filter(post=seen).update(read_at=seen.created_at)
    for callback in callbacks:
        callback()
    assert mail.outbox == []


def test_each_watcher_gets_a_mail_of_their_own(community_world, django_capture_on_commit_callbacks):
    world = community_world
    for person in (world.alumnus, world.facilitator, world.editor):
        levels.level_set(user=person, forum=world.general, level="watching")
    with django_capture_on_commit_callbacks(execute=True):
        start_topic(world.member, world.general, title="Welcome, newcomers")
    assert sorted(message.to[0] for message in mail.outbox) == [
        "alumnus@example.org",
        "editor@example.org",
        "facilitator@example.org",
    ]
    assert {message.subject for message in mail.outbox} == {
        "“Welcome, newcomers”: Member posted in a topic you watch"
    }


def test_a_queue_that_refuses_the_task_does_not_fail_the_post(
    community_world, topic, django_capture_on_commit_callbacks, monkeypatch
):
    def refuse(**kwargs):
        raise ConnectionError("the task queue is down")

    monkeypatch.setattr(emails, "mail_post_notifications", SimpleNamespace(enqueue=refuse))
    with django_capture_on_commit_callbacks(execute=True):
        post = reply(community_world.trainee, topic)
    assert Post.objects.filter(pk=post.pk).exists()
    assert mail.outbox == []
    assert Notification.objects.get(post=post).emailed_at is None


def test_the_mail_shows_the_post_as_written_not_as_html_entities(
    community_world, topic, django_capture_on_commit_callbacks
):
    written = 'Tom & Jerry\'s "q" <script>x</script> 5 < 6'
    with django_capture_on_commit_callbacks(execute=True):
        reply(community_world.trainee, topic, written)
    [message] = mails_to("alumnus@example.org")
    assert f"\n{written}\n" in message.body
    assert "&amp;" not in message.body
    assert "&lt;" not in message.body


def test_a_mention_added_by_an_edit_is_mailed_once(
    community_world, topic, django_capture_on_commit_callbacks
):
    world = community_world
    with django_capture_on_commit_callbacks(execute=True):
        post = reply(world.trainee, topic, "How did you find landlords?")
    later = post.created_at + datetime.timedelta(minutes=5)
    with django_capture_on_commit_callbacks(execute=True):
        posting.post_edit(
            user=world.trainee,
            post=post,
            source="@facilitator, how did you find landlords?",
            now=later,
        )
    with django_capture_on_commit_callbacks(execute=True):
        posting.post_edit(
            user=world.trainee,
            post=post,
            source="@facilitator: how did you find landlords?",
            now=later + datetime.timedelta(minutes=1),
        )
    [message] = mails_to("facilitator@example.org")
    assert message.subject == "“Jobs & housing for newcomers”: Trainee mentioned you"
    assert "@facilitator, how did you find landlords?" in message.body
    # The topic's author heard of the reply when it was posted, and not again.
    assert len(mails_to("alumnus@example.org")) == 1


@pytest.mark.parametrize(
    ("queued_as", "task"),
    [
        ("community.notifications.mail_post_notifications", emails.mail_post_notifications),
        ("community.notifications.send_digest", digest.send_digest),
    ],
)
def test_a_task_queued_under_its_old_path_still_finds_its_function(queued_as, task):
    """Before notifications were split by subject, their tasks lived in one module; a task
    queued then and run after an upgrade is found where the queue says."""
    assert import_string(queued_as) is task
