"""The community demo: the Turin 2014 cohort forum, three communities of practice and an open
forum, whose threads were posted through the services, so that the demo alumnus and the demo
facilitator find new posts, notifications and a flag waiting; safe to run twice.

The learning demo and then the community demo are seeded once for the module, in a transaction
rolled back when the module ends; each test runs in its own savepoint inside it.
"""

import datetime
import io
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import transaction
from django.db.models import Count, Max
from django.test import TestCase
from django.utils import timezone

from community import permissions, posting
from community.demo import seed_community_demo
from community.models import (
    Flag,
    Forum,
    ForumKind,
    MemberProfile,
    ModerationAction,
    Notification,
    NotificationLevel,
    NotificationReason,
    Post,
    ReadState,
    Topic,
    Visibility,
)
from learning.demo import seed_learning_demo
from learning.models import Certificate, Enrolment, Phase
from learning.selectors.progress import progress_for
from tests.cms.factories import UserFactory
from tests.html import field_value, text
from tests.learning.test_demo import a_site_with_one_practice

pytestmark = pytest.mark.django_db

ALUMNUS = "alumni@example.org"
FACILITATOR = "facilitator@example.org"
TRAINEE = "trainee@example.org"


@dataclass
class Seeding:
    output: str
    mail: list


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The academy and the community demo, loaded once for the module, with the on-commit
    callbacks (where mail is sent) run as after a real commit."""
    with django_db_blocker.unblock(), transaction.atomic():
        a_site_with_one_practice()
        # The public site's demo makes an editor, who moderates the open forum.
        UserFactory(email="editor@example.org", verified=True, groups=["Editors"])
        seed_learning_demo(stdout=io.StringIO())
        mail.outbox = []
        out = io.StringIO()
        with TestCase.captureOnCommitCallbacks(execute=True):
            seed_community_demo(stdout=out)
        yield Seeding(output=out.getvalue(), mail=list(mail.outbox))
        transaction.set_rollback(True)


def person(email: str):
    return get_user_model().objects.get(email=email)


def counts() -> dict[str, int]:
    return {
        "forums": Forum.objects.count(),
        "topics": Topic.objects.count(),
        "posts": Post.objects.count(),
        "profiles": MemberProfile.objects.count(),
        "notifications": Notification.objects.count(),
        "read states": ReadState.objects.count(),
        "notification levels": NotificationLevel.objects.count(),
        "flags": Flag.objects.count(),
        "moderation actions": ModerationAction.objects.count(),
    }


def unread_topics(user) -> list[Topic]:
    """Topics of the forums the member reads, with a post in the last 90 days that they have
    not read."""
    horizon = timezone.now() - datetime.timedelta(days=90)
    read = dict(ReadState.objects.filter(user=user).values_list("topic_id", "last_read_number"))
    topics = Topic.objects.filter(
        forum__in=permissions.readable_forums(user), last_post_at__gte=horizon
    )
    return [topic for topic in topics if read.get(topic.pk, 0) < topic.post_count]


def test_the_forums_of_the_demo_and_who_reads_them(seeded):
    forums = {forum.slug: forum for forum in Forum.objects.all()}
    assert forums["turin-2014"].kind == ForumKind.COHORT
    assert forums["turin-2014"].edition.slug == "turin-2014"
    assert {slug for slug, forum in forums.items() if forum.kind == ForumKind.THEMATIC} == {
        "one-stop-shops",
        "language-courses",
        "housing-support",
    }
    assert forums["general"].kind == ForumKind.GENERAL

    def readable(email):
        return set(permissions.readable_forums(person(email)).values_list("slug", flat=True))

    assert readable(ALUMNUS) == set(forums)
    assert readable(FACILITATOR) == set(forums)
    # The current edition's trainee is no alumnus yet: the open forum only.
    assert readable(TRAINEE) == {"general"}


def test_every_topic_is_numbered_without_gaps_and_its_counters_are_real(seeded):
    for topic in Topic.objects.annotate(real=Count("posts"), highest=Max("posts__number")):
        assert topic.post_count == topic.real == topic.highest, topic
        assert topic.last_post == topic.posts.order_by("-number").first()
        assert topic.last_post_at == topic.last_post.created_at
    for forum in Forum.objects.all():
        assert forum.topic_count == forum.topics.count()
        assert forum.post_count == forum.posts.count()
        assert forum.last_post == forum.posts.order_by("-created_at", "-pk").first()


def test_the_threads_are_real_conversations(seeded):
    general = Forum.objects.get(slug="general")
    long_topic = Topic.objects.get(forum=general, title__startswith="Monday check-in")
    assert long_topic.post_count == 120
    sources = list(long_topic.posts.values_list("source", flat=True))
    assert len(set(sources)) == 120
    assert Post.objects.filter(quoted__isnull=False).count() >= 10
    quoting = Post.objects.filter(quoted__isnull=False).select_related("quoted").first()
    assert "<blockquote>" in quoting.html
    mention = Post.objects.filter(source__contains="@alain-dubois").first()
    assert 'href="/community/members/alain-dubois/"' in mention.html
    pinned = Topic.objects.filter(pinned=True).select_related("forum")
    assert {topic.forum.slug for topic in pinned} == {"turin-2014", "general"}
    assert ModerationAction.objects.filter(verb="pin").count() == 2


def test_the_demo_alumnus_finds_new_posts_and_notifications(seeded):
    alain = person(ALUMNUS)
    unread = unread_topics(alain)
    assert {topic.forum.slug for topic in unread} >= {"turin-2014", "one-stop-shops", "general"}
    waiting = Notification.objects.filter(user=alain, read_at__isnull=True)
    assert waiting.filter(reason=NotificationReason.MENTION).exists()
    assert waiting.filter(reason=NotificationReason.REPLY).exists()
    # What came more than a week ago has been read.
    week_ago = timezone.now() - datetime.timedelta(days=7)
    assert not waiting.filter(created_at__lt=week_ago).exists()
    assert Notification.objects.filter(user=alain, read_at__isnull=False).exists()


def test_the_demo_facilitator_has_a_flag_to_moderate(seeded):
    francesca = person(FACILITATOR)
    open_flags = Flag.objects.open().filter(post__forum__in=permissions.moderated_forums(francesca))
    flag = open_flags.select_related("post__forum").get()
    assert flag.post.forum.slug == "turin-2014"
    assert flag.reason == "privacy"
    assert "+48" in flag.post.source
    assert permissions.can_moderate_forum(francesca, flag.post.forum)
    assert unread_topics(francesca)
    assert Notification.objects.filter(
        user=francesca, read_at__isnull=True, reason=NotificationReason.MENTION
    ).exists()


def test_the_2014_alumni_took_the_follow_up_step_and_their_certificates_hold(seeded):
    enrolments = Enrolment.objects.filter(edition__slug="turin-2014").select_related("edition")
    assert enrolments.count() == 8
    for enrolment in enrolments:
        progress = progress_for(enrolment=enrolment)
        follow_up = next(phase for phase in progress.phases if phase.phase == Phase.FOLLOW_UP)
        assert follow_up.tracked and follow_up.complete, enrolment
        assert follow_up.summary == "Posted in the cohort forum."
        assert progress.complete
        assert Certificate.objects.filter(enrolment=enrolment).exists()


def test_the_demo_people_have_profiles_to_find_peers_by(seeded):
    alain = MemberProfile.objects.get(user__email=ALUMNUS)
    assert alain.handle == "alain-dubois"
    assert (alain.city, alain.country) == ("Ghent", "Belgium")
    assert "one-stop shops" in {tag.name for tag in alain.expertise.all()}
    assert alain.bio
    assert set(MemberProfile.objects.values_list("visibility", flat=True)) == set(Visibility)
    hidden = MemberProfile.objects.get(visibility=Visibility.HIDDEN)
    assert not permissions.can_view_profile(person(ALUMNUS), hidden)
    assert permissions.can_view_profile(person(ALUMNUS), alain)


def test_loading_sends_no_mail_for_the_history(seeded):
    assert seeded.mail == []
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_seeding_twice_changes_nothing(seeded):
    before = counts()
    seed_community_demo(stdout=io.StringIO())
    assert counts() == before
    assert before["forums"] == 5
    assert before["flags"] == 1


def test_the_demo_alumnus_and_facilitator_journey_through_the_pages(seeded, client):
    """The issue's "done when", through the pages: the alumnus reads, replies quoting the
    facilitator and mentioning her, and mutes the topic; the facilitator is told, and hides the
    flagged post from the moderation queue."""
    alain, francesca = person(ALUMNUS), person(FACILITATOR)
    francesca_handle = MemberProfile.objects.get(user=francesca).handle
    cohort = Forum.objects.get(slug="turin-2014")
    client.force_login(alain)

    index = client.get("/community/")
    assert "Turin 2014" in text(index)
    assert index.context["user"] == alain
    topic = (
        Topic.objects.filter(forum=cohort, posts__author=francesca, locked=False)
        .distinct()
        .order_by("-last_post_at")
        .first()
    )
    by_her = topic.posts.filter(author=francesca, removal="").order_by("number").first()
    page = client.get(f"{topic.get_absolute_url()}?quote={by_her.number}")
    assert topic.title in text(page)
    quote_start = field_value(page, "source")
    assert quote_start.startswith(f"> @{francesca_handle} wrote in post {by_her.number}:")

    reply = client.post(
        f"{topic.get_absolute_url()}reply/",
        {
            "source": quote_start + f"Thank you @{francesca_handle}, we will try it in Ghent.",
            "quoted": field_value(page, "quoted"),
        },
    )
    mine = Post.objects.filter(topic=topic, author=alain).order_by("-number").first()
    assert reply.status_code == 302 and reply["Location"].endswith(f"#post-{mine.number}")
    assert mine.quoted == by_her
    shown = text(client.get(reply["Location"]))
    assert "we will try it in Ghent" in shown

    muted = client.post(
        f"{topic.get_absolute_url()}level/", {"level": "muted", "next": topic.get_absolute_url()}
    )
    assert muted.status_code == 302
    assert NotificationLevel.objects.get(user=alain, topic=topic).level == "muted"

    client.force_login(francesca)
    told = Notification.objects.get(user=francesca, post=mine)
    assert told.reason == NotificationReason.MENTION
    notifications = text(client.get("/community/notifications/"))
    assert topic.title in notifications

    flag = Flag.objects.open().select_related("post").get(post__forum=cohort)
    queue = client.get("/community/moderation/")
    assert queue.status_code == 200
    assert flag.post.topic.title in text(queue)
    resolved = client.post(
        f"/community/moderation/flags/{flag.pk}/",
        {"decision": "hide", "reason": "A private phone number; shared again in a message."},
    )
    assert resolved.status_code == 302
    flag.refresh_from_db()
    flag.post.refresh_from_db()
    assert flag.resolved_at is not None and flag.resolved_by == francesca
    assert flag.post.removal == "hidden"
    assert ModerationAction.objects.filter(
        moderator=francesca, post=flag.post, verb__in=["hide", "resolve"]
    ).exists()

    # Her next reply reaches the alumnus no more: he muted the topic.
    post = posting.topic_reply(
        user=francesca,
        topic=topic,
        source="Glad it helps; tell us how the first month goes.",
        now=timezone.now() + datetime.timedelta(minutes=1),
    )
    assert not Notification.objects.filter(user=alain, post=post).exists()
