"""One rule for the name a member goes by: their profile's display name, else the name on their
account, else "A member" ("A former member" once the account is gone), and never any part of their
e-mail address. Every place that names people follows it: the profile made on first use, the
topic page, the forum's list, search, the notifications page, the e-mails, the moderation queue,
the directory and the profile page."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from community.models import EmailFrequency, MemberProfile
from community.profiles import display_name, profile_for
from tests.cms.factories import UserFactory
from tests.community.factories import MemberProfileFactory, old_account, reply, start_topic
from tests.html import parse, text, texts

pytestmark = pytest.mark.django_db

# The address of someone who gave no name: no part of it may show.
ADDRESS = "zq-unnamed.7@example.org"
LOCAL_PARTS = ("zq-unnamed", "unnamed")


def no_part_of_the_address(shown: str) -> bool:
    return not any(part in shown.lower() for part in LOCAL_PARTS)


@pytest.fixture
def nameless(community_world):
    """A member with a confirmed address who gave the site no name and has no profile yet."""
    return old_account(UserFactory(email=ADDRESS, first_name="", last_name="", verified=True))


def test_the_rule(community_world):
    chose = UserFactory(first_name="Ana", last_name="Berg")
    MemberProfileFactory(user=chose, display_name="Ana from Vejle")
    blank_profile = UserFactory(first_name="Ana", last_name="Berg")
    MemberProfileFactory(user=blank_profile, display_name="  ")
    account_only = UserFactory(first_name="Ana", last_name="Berg")
    neither = UserFactory(email=ADDRESS, first_name="", last_name="")

    assert display_name(chose) == "Ana from Vejle"
    assert display_name(blank_profile) == "Ana Berg"
    assert display_name(account_only) == "Ana Berg"
    assert display_name(neither) == "A member"
    assert display_name(None) == "A former member"


def test_a_profile_made_on_first_use_takes_the_account_name_and_never_the_address(nameless):
    named = UserFactory(email="ana.berg@example.org", first_name="Ana", last_name="Berg")

    assert profile_for(user=named).display_name == "Ana Berg"
    assert profile_for(user=nameless).display_name == ""
    assert display_name(nameless) == "A member"


def test_every_place_names_a_member_without_a_name_alike(
    client, community_world, nameless, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILADMIN_BASE_URL = "https://academy.example.org"
    world = community_world
    recently = timezone.now() - datetime.timedelta(hours=3)
    topic = start_topic(world.alumnus, world.general, title="Welcome desks", at=recently)
    with django_capture_on_commit_callbacks(execute=True):
        first = reply(
            nameless,
            topic,
            "Ours opens on Saturdays.",
            at=recently + datetime.timedelta(minutes=30),
        )
    # Made by posting, from the account: no name, so nothing stored.
    assert MemberProfile.objects.get(user=nameless).display_name == ""
    [immediate] = [message for message in mail.outbox if message.to == [world.alumnus.email]]
    MemberProfile.objects.filter(user=world.alumnus).update(email_frequency=EmailFrequency.DAILY)
    reply(nameless, topic, "And on Sundays in summer.", at=recently + datetime.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", stdout=io.StringIO())
    [digest] = [message for message in mail.outbox if "digest" in message.subject]
    client.force_login(world.member)
    client.post(reverse("community:post_flag", args=[first.pk]), {"reason": "other"})

    client.force_login(world.alumnus)
    topic_page = client.get(topic.get_absolute_url())
    forum_page = client.get(world.general.get_absolute_url())
    search = client.get(reverse("community:search"), {"q": "Saturdays"})
    inbox = client.get(reverse("community:notifications"))
    directory = client.get(reverse("community:members"))
    handle = MemberProfile.objects.get(user=nameless).handle
    profile = client.get(reverse("community:member", kwargs={"handle": handle}))
    client.force_login(world.editor)
    queue = client.get(reverse("community:moderation"))

    places = {
        "topic page": text(topic_page, f"#post-{first.number} .post__author"),
        "forum's list": text(forum_page, ".topic-row__meta").split(" by ")[-1],
        "search": text(search, ".search-results .hint").split(", ")[1].strip(),
        "notifications page": texts(inbox, ".notification h2 a")[-1].split(" replied")[0],
        "e-mail": immediate.subject.split(": ", 1)[1].split(" replied")[0],
        "digest": digest.body.split("(")[1].split(" replied")[0],
        "moderation queue": text(queue, f"#post-{first.pk} .hint").split(" · ")[1],
        "directory": [
            card.select_one("h3").get_text(strip=True)
            for card in parse(directory).select(".member-card")
            if card.select_one("a")["href"].endswith(f"/{handle}/")
        ][0],
        "profile page": text(profile, "h1"),
    }

    assert places == dict.fromkeys(places, "A member")
    for shown in (
        text(topic_page),
        text(forum_page),
        text(search),
        text(inbox),
        text(directory),
        text(profile),
        text(queue),
        immediate.subject + immediate.body,
        digest.subject + digest.body,
    ):
        assert no_part_of_the_address(shown)
