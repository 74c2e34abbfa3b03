"""The daily digest (``send_digests``, run by cron): one mail per member who chose it, grouping the
news by forum and topic; nothing twice, nothing for those with nothing new."""

import datetime
import io
import smtplib
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.utils import timezone

from community.models import (
    EmailFrequency,
    Level,
    MemberProfile,
    Notification,
    NotificationLevel,
    NotificationReason,
    Post,
    Removal,
)
from community.notifications import digest, emails
from tests.community.factories import reply, start_topic

pytestmark = pytest.mark.django_db

BASE = "https://academy.example.org"


@pytest.fixture(autouse=True)
def public_address(settings):
    settings.WAGTAILADMIN_BASE_URL = BASE


def daily(*people):
    MemberProfile.objects.filter(user__in=people).update(email_frequency=EmailFrequency.DAILY)


class Clock:
    """Moments a minute apart in the last hours: the digest tells of the last week only."""

    def __init__(self):
        self.at = timezone.now() - datetime.timedelta(hours=6)

    def __call__(self) -> datetime.datetime:
        self.at += datetime.timedelta(minutes=1)
        return self.at


@pytest.fixture
def clock():
    return Clock()


def send_digests(capture) -> str:
    out = io.StringIO()
    with capture(execute=True):
        call_command("send_digests", stdout=out)
    return out.getvalue()


@pytest.fixture
def news(community_world, clock):
    """The alumnus chose the digest and watches the cohort forum; three topics have news."""
    world = community_world
    daily(world.alumnus)
    NotificationLevel.objects.create(user=world.alumnus, forum=world.cohort, level=Level.WATCHING)
    courses = start_topic(
        world.trainee, world.cohort, title="Language courses for parents", at=clock()
    )
    first = reply(world.facilitator, courses, "Evening classes filled first.", at=clock())
    reply(world.trainee, courses, "Thanks!", at=clock())
    question = start_topic(world.member, world.general, title="Data on newcomers", at=clock())
    mention = reply(world.editor, question, "@alumnus collected these for Ghent.", at=clock())
    one_stop = start_topic(world.facilitator, world.cohort, title="One-stop shops", at=clock())
    return {
        "courses": courses,
        "first": first,
        "one_stop": one_stop,
        "question": question,
        "mention": mention,
    }


def test_one_mail_groups_the_news_by_forum_and_topic(
    community_world, news, django_capture_on_commit_callbacks
):
    world = community_world
    output = send_digests(django_capture_on_commit_callbacks)

    assert output == "Daily digest: 1 e-mail(s) queued, holding 5 notification(s).\n"
    [message] = mail.outbox
    assert message.to == ["alumnus@example.org"]
    assert message.subject == "Your community digest: 5 new posts in 3 topics"
    body = message.body
    courses, question = news["courses"], news["question"]
    cohort_at, general_at = body.index("Ghent 2027 cohort\n"), body.index("Open forum\n")
    assert cohort_at < general_at
    assert f"{BASE}{world.cohort.get_absolute_url()}" in body
    assert (
        "* Language courses for parents: 3 new posts (Trainee posted in a topic you watch)\n"
        f"  {BASE}{courses.get_absolute_url()}?post=1\n"
    ) in body
    assert "* One-stop shops: 1 new post (Facilitator posted in a topic you watch)" in body
    assert (
        "* Data on newcomers: 1 new post (Editor mentioned you)\n"
        f"  {BASE}{question.get_absolute_url()}?post=2\n"
    ) in body
    # The most recent news first within a forum.
    assert body.index("One-stop shops") < body.index("Language courses for parents")
    assert f"{BASE}/community/notifications/" in body
    assert f"{BASE}/community/notifications/settings/" in body
    unsubscribe = f"{BASE}/community/unsubscribe/"
    assert message.extra_headers["List-Unsubscribe"].startswith(f"<{unsubscribe}")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    profile = MemberProfile.objects.get(user=world.alumnus)
    assert profile.last_digest_at is not None
    assert not Notification.objects.filter(user=world.alumnus, emailed_at__isnull=True).exists()


def test_running_it_again_sends_nothing(community_world, news, django_capture_on_commit_callbacks):
    send_digests(django_capture_on_commit_callbacks)
    output = send_digests(django_capture_on_commit_callbacks)
    assert output == "Daily digest: 0 e-mail(s) queued, holding 0 notification(s).\n"
    assert len(mail.outbox) == 1


def test_the_next_digest_holds_only_what_came_since(
    community_world, news, clock, django_capture_on_commit_callbacks
):
    world = community_world
    send_digests(django_capture_on_commit_callbacks)
    reply(world.trainee, news["one_stop"], "We opened a second desk.", at=clock())
    send_digests(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2
    assert mail.outbox[1].subject == "Your community digest: 1 new post in 1 topic"
    assert "Language courses" not in mail.outbox[1].body


def test_members_with_nothing_new_or_another_choice_get_no_digest(
    community_world, news, clock, django_capture_on_commit_callbacks
):
    world = community_world
    daily(world.other_alumnus)  # nothing concerns them
    # The facilitator is told of the replies to their topic, but wants mail at once.
    reply(world.trainee, news["one_stop"], "Who staffs it?", at=clock())
    MemberProfile.objects.filter(user=world.editor).update(email_frequency=EmailFrequency.NONE)
    reply(world.trainee, news["question"], "@editor thanks", at=clock())

    send_digests(django_capture_on_commit_callbacks)

    assert [message.to for message in mail.outbox] == [["alumnus@example.org"]]
    assert Notification.objects.filter(user=world.facilitator, emailed_at__isnull=True).exists()
    assert Notification.objects.filter(user=world.editor, emailed_at__isnull=True).exists()


def test_read_hidden_and_old_news_is_left_out(
    community_world, news, django_capture_on_commit_callbacks
):
    world = community_world
    mine = Notification.objects.filter(user=world.alumnus)
    mine.filter(post=news["mention"]).update(read_at=timezone.now())
    Post.objects.filter(pk=news["one_stop"].posts.get().pk).update(removal=Removal.HIDDEN)
    mine.filter(post__topic=news["courses"], post__number=1).update(
        created_at=timezone.now() - digest.DIGEST_HORIZON - datetime.timedelta(hours=1)
    )

    send_digests(django_capture_on_commit_callbacks)

    [message] = mail.outbox
    assert message.subject == "Your community digest: 2 new posts in 1 topic"
    assert "Data on newcomers" not in message.body
    assert "One-stop shops" not in message.body
    assert f"{news['courses'].get_absolute_url()}?post=2" in message.body


def test_only_what_the_member_may_still_read(
    community_world, news, clock, django_capture_on_commit_callbacks
):
    world = community_world
    other = start_topic(world.other_alumnus, world.other_cohort, title="Vienna only", at=clock())
    Notification.objects.create(
        user=world.alumnus, post=other.posts.get(), reason=NotificationReason.MENTION
    )
    send_digests(django_capture_on_commit_callbacks)
    assert "Vienna only" not in mail.outbox[0].body


def test_each_member_gets_their_own_digest(
    community_world, news, django_capture_on_commit_callbacks
):
    world = community_world
    daily(world.trainee, world.facilitator)
    send_digests(django_capture_on_commit_callbacks)
    assert sorted(message.to[0] for message in mail.outbox) == [
        "alumnus@example.org",
        "facilitator@example.org",
        "trainee@example.org",
    ]
    for message in mail.outbox:
        person = get_user_model().objects.get(email=message.to[0])
        token = emails.unsubscribe_token(person)
        assert emails.user_for_unsubscribe_token(token) == person
        assert message.extra_headers["List-Unsubscribe"].startswith(
            f"<{BASE}/community/unsubscribe/"
        )


def test_a_digest_the_server_refused_is_sent_by_the_next_run(
    community_world, news, django_capture_on_commit_callbacks, monkeypatch
):
    world = community_world

    def refuse(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("the mail server went away")

    with monkeypatch.context() as patched:
        patched.setattr(EmailMessage, "send", refuse)
        send_digests(django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert Notification.objects.filter(user=world.alumnus, emailed_at__isnull=True).count() == 5

    send_digests(django_capture_on_commit_callbacks)

    [message] = mail.outbox
    assert message.subject == "Your community digest: 5 new posts in 3 topics"
    assert not Notification.objects.filter(user=world.alumnus, emailed_at__isnull=True).exists()


def test_a_digest_the_queue_refused_is_sent_by_the_next_run(
    community_world, news, django_capture_on_commit_callbacks, monkeypatch
):
    def refuse(**kwargs):
        raise ConnectionError("the task queue is down")

    with monkeypatch.context() as patched:
        patched.setattr(digest, "send_digest", SimpleNamespace(enqueue=refuse))
        send_digests(django_capture_on_commit_callbacks)
    assert mail.outbox == []

    send_digests(django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 1
