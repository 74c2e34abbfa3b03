"""Notification levels: who hears of a new post and why (watching, normal and muted, per topic and
per forum, the topic's level before the forum's), and the views and form that set a level."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from community import markup, posting
from community.models import (
    Level,
    MemberProfile,
    Notification,
    NotificationLevel,
    NotificationReason,
)
from community.notifications import levels
from tests.community.conftest import ROLES
from tests.community.factories import reply, start_topic
from tests.html import form_errors, parse, text

pytestmark = pytest.mark.django_db


def told(post) -> dict[str, str]:
    """Who was notified of a post, by e-mail address, with the reason."""
    return dict(
        Notification.objects.filter(post=post).values_list("user__email", "reason").order_by()
    )


def watch(user, *, topic=None, forum=None, level=Level.WATCHING):
    """A level set straight in the table, for people the service would refuse (non-readers)."""
    NotificationLevel.objects.update_or_create(
        user=user, topic=topic, forum=forum if topic is None else None, defaults={"level": level}
    )


@pytest.fixture
def world(community_world):
    # Posting watches the topic by default; these tests set levels themselves.
    MemberProfile.objects.update(watch_on_post=False)
    return community_world


# ---------------------------------------------------------------------------------------------
# Normal: replies to my topic, quotes and mentions


def test_without_any_level_only_the_topic_author_hears_of_a_reply(world):
    topic = start_topic(world.alumnus, world.cohort, title="Language courses for parents")
    post = reply(world.trainee, topic, "We ran them at the school gate.")
    assert told(post) == {"alumnus@example.org": NotificationReason.REPLY}


def test_a_new_topic_tells_nobody_who_does_not_watch(world):
    topic = start_topic(world.alumnus, world.cohort)
    assert told(topic.posts.get(number=1)) == {}


def test_a_mention_under_normal_notifies(world):
    topic = start_topic(world.alumnus, world.cohort)
    post = reply(world.trainee, topic, "@facilitator, how did you book the rooms?")
    assert told(post) == {
        "facilitator@example.org": NotificationReason.MENTION,
        "alumnus@example.org": NotificationReason.REPLY,
    }


def test_a_mention_in_a_new_topic_notifies(world):
    topic = start_topic(world.alumnus, world.general, source="Ask @member, she ran one.")
    assert told(topic.posts.get(number=1)) == {"member@example.org": NotificationReason.MENTION}


def test_a_mention_matches_a_handle_whatever_its_case(world):
    MemberProfile.objects.filter(user=world.member).update(handle="Amira-K")
    topic = start_topic(world.alumnus, world.general, source="Thanks @amira-k and @AMIRA-K!")
    post = topic.posts.get()
    assert told(post) == {"member@example.org": NotificationReason.MENTION}
    assert 'href="/community/members/Amira-K/"' in post.html


def test_a_mention_in_code_notifies_nobody(world):
    topic = start_topic(world.alumnus, world.general, source="Type `@member` to mention her.")
    assert told(topic.posts.get(number=1)) == {}


def test_a_quote_under_normal_notifies_the_quoted_author(world):
    topic = start_topic(world.alumnus, world.cohort)
    first = reply(world.facilitator, topic, "Evening classes filled up first.")
    post = reply(world.trainee, topic, "> Evening classes\n\nSame here.", quoted=first)
    assert told(post) == {
        "facilitator@example.org": NotificationReason.QUOTE,
        "alumnus@example.org": NotificationReason.REPLY,
    }


def test_the_strongest_reason_wins_and_a_post_is_announced_once(world):
    topic = start_topic(world.alumnus, world.cohort)
    first = reply(world.alumnus, topic, "And a second thought of mine.")
    watch(world.alumnus, topic=topic)
    post = reply(world.trainee, topic, "@alumnus, yes.", quoted=first)
    assert told(post) == {"alumnus@example.org": NotificationReason.MENTION}
    assert Notification.objects.filter(post=post).count() == 1


def test_the_poster_is_never_told_of_their_own_post(world):
    topic = start_topic(world.alumnus, world.cohort)
    watch(world.alumnus, forum=world.cohort)
    watch(world.alumnus, topic=topic)
    post = reply(world.alumnus, topic, "Note to self, @alumnus: follow up.")
    assert told(post) == {}


# ---------------------------------------------------------------------------------------------
# Watching and muted, per topic and per forum


def test_watching_a_topic_hears_of_every_post(world):
    topic = start_topic(world.alumnus, world.cohort)
    watch(world.facilitator, topic=topic)
    post = reply(world.trainee, topic)
    assert told(post)["facilitator@example.org"] == NotificationReason.WATCHING


def test_watching_a_forum_hears_of_new_topics_and_replies(world):
    watch(world.facilitator, forum=world.cohort)
    topic = start_topic(world.alumnus, world.cohort)
    post = reply(world.trainee, topic)
    assert told(topic.posts.get(number=1)) == {
        "facilitator@example.org": NotificationReason.WATCHING
    }
    assert told(post)["facilitator@example.org"] == NotificationReason.WATCHING


def test_watching_another_forum_tells_nothing_here(world):
    watch(world.facilitator, forum=world.thematic)
    topic = start_topic(world.alumnus, world.cohort)
    assert told(topic.posts.get(number=1)) == {}


def test_a_topic_at_normal_overrides_a_watched_forum(world):
    topic = start_topic(world.alumnus, world.cohort)
    watch(world.facilitator, forum=world.cohort)
    watch(world.facilitator, topic=topic, level=Level.NORMAL)
    assert "facilitator@example.org" not in told(reply(world.trainee, topic))
    mention = reply(world.trainee, topic, "@facilitator, a question.")
    assert told(mention)["facilitator@example.org"] == NotificationReason.MENTION


def test_a_watched_topic_overrides_a_muted_forum(world):
    topic = start_topic(world.alumnus, world.cohort)
    watch(world.facilitator, forum=world.cohort, level=Level.MUTED)
    watch(world.facilitator, topic=topic)
    assert told(reply(world.trainee, topic))["facilitator@example.org"] == (
        NotificationReason.WATCHING
    )


def test_a_muted_topic_silences_mentions_quotes_and_replies(world):
    topic = start_topic(world.alumnus, world.cohort)
    first = reply(world.alumnus, topic, "My own first reply.")
    watch(world.alumnus, topic=topic, level=Level.MUTED)
    post = reply(world.trainee, topic, "@alumnus, do you agree?", quoted=first)
    assert told(post) == {}


def test_a_muted_forum_silences_its_topics_unless_a_topic_says_otherwise(world):
    watch(world.facilitator, forum=world.cohort, level=Level.MUTED)
    topic = start_topic(world.alumnus, world.cohort)
    assert told(reply(world.trainee, topic, "@facilitator?")) == {
        "alumnus@example.org": NotificationReason.REPLY
    }


def test_a_muted_topic_overrides_a_watched_forum(world):
    topic = start_topic(world.alumnus, world.cohort)
    watch(world.facilitator, forum=world.cohort)
    watch(world.facilitator, topic=topic, level=Level.MUTED)
    assert "facilitator@example.org" not in told(reply(world.trainee, topic, "@facilitator"))


# ---------------------------------------------------------------------------------------------
# Only readers of the forum


def test_people_who_may_not_read_the_forum_are_never_notified(world):
    for outsider in (world.member, world.other_alumnus, world.unverified):
        watch(outsider, forum=world.cohort)
    topic = start_topic(world.alumnus, world.cohort)
    post = reply(world.trainee, topic, "@member @other-alumnus @unverified have a look")
    assert told(topic.posts.get(number=1)) == {}
    assert told(post) == {"alumnus@example.org": NotificationReason.REPLY}


def test_readers_of_a_thematic_forum_are_alumni_and_facilitators(world):
    for person in world.people.values():
        watch(person, forum=world.thematic)
    topic = start_topic(world.alumnus, world.thematic)
    assert set(told(topic.posts.get(number=1))) == {
        "facilitator@example.org",
        "editor@example.org",
        "other-alumnus@example.org",
    }


def test_an_inactive_account_is_not_notified(world):
    type(world.facilitator).objects.filter(pk=world.facilitator.pk).update(is_active=False)
    topic = start_topic(world.alumnus, world.cohort, source="@facilitator?")
    assert told(topic.posts.get(number=1)) == {}


# ---------------------------------------------------------------------------------------------
# Watching what I post in


def test_posting_watches_the_topic_when_the_preference_is_on(world):
    MemberProfile.objects.filter(user=world.trainee).update(watch_on_post=True)
    topic = start_topic(world.alumnus, world.cohort)
    reply(world.trainee, topic)
    assert levels.level_for(user=world.trainee, topic=topic) == Level.WATCHING
    assert levels.level_for(user=world.alumnus, topic=topic) == Level.NORMAL
    later = reply(world.facilitator, topic)
    assert told(later)["trainee@example.org"] == NotificationReason.WATCHING


def test_posting_keeps_a_level_chosen_before(world):
    MemberProfile.objects.filter(user=world.trainee).update(watch_on_post=True)
    topic = start_topic(world.alumnus, world.cohort)
    levels.level_set(user=world.trainee, topic=topic, level=Level.MUTED)
    reply(world.trainee, topic)
    assert levels.level_for(user=world.trainee, topic=topic) == Level.MUTED


# ---------------------------------------------------------------------------------------------
# The services


def test_level_for_takes_the_topic_then_the_forum_then_normal(world):
    topic = start_topic(world.alumnus, world.cohort)
    assert levels.level_for(user=world.facilitator, topic=topic) == Level.NORMAL
    levels.level_set(user=world.facilitator, forum=world.cohort, level=Level.MUTED)
    assert levels.level_for(user=world.facilitator, topic=topic) == Level.MUTED
    levels.level_set(user=world.facilitator, topic=topic, level=Level.WATCHING)
    assert levels.level_for(user=world.facilitator, topic=topic) == Level.WATCHING


def test_level_set_keeps_one_row_per_target(world):
    for level in (Level.WATCHING, Level.MUTED, Level.NORMAL):
        levels.level_set(user=world.alumnus, forum=world.cohort, level=level)
    assert list(
        NotificationLevel.objects.filter(user=world.alumnus).values_list("forum_id", "level")
    ) == [(world.cohort.pk, Level.NORMAL)]


def test_level_set_refuses_a_forum_one_may_not_read_and_an_unknown_level(world):
    with pytest.raises(PermissionDenied):
        levels.level_set(user=world.member, forum=world.cohort, level=Level.WATCHING)
    with pytest.raises(ValidationError):
        levels.level_set(user=world.alumnus, forum=world.cohort, level="loud")
    assert not NotificationLevel.objects.filter(forum=world.cohort).exists()


# ---------------------------------------------------------------------------------------------
# The views


def forum_level_url(forum) -> str:
    return reverse("community:forum_level", kwargs={"forum": forum.slug})


def topic_level_url(topic) -> str:
    return reverse(
        "community:topic_level",
        kwargs={"forum": topic.forum.slug, "topic_id": topic.pk, "slug": topic.slug},
    )


COHORT_READERS = {"trainee", "alumnus", "facilitator", "editor"}


@pytest.mark.parametrize("role", [*ROLES, "anonymous"])
def test_who_may_set_the_level_of_a_cohort_forum(client, world, role):
    if role != "anonymous":
        client.force_login(world.people[role])
    response = client.post(forum_level_url(world.cohort), {"level": "watching"})
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    elif role in COHORT_READERS:
        assert response.status_code == 302
        assert response["Location"] == world.cohort.get_absolute_url()
        assert NotificationLevel.objects.get(user=world.people[role], forum=world.cohort).level == (
            Level.WATCHING
        )
    else:
        assert response.status_code == 404
    if role not in COHORT_READERS:
        assert not NotificationLevel.objects.filter(forum=world.cohort).exists()


@pytest.mark.parametrize("role", [*ROLES, "anonymous"])
def test_who_may_set_the_level_of_a_cohort_topic(client, world, role):
    topic = start_topic(world.alumnus, world.cohort)
    if role != "anonymous":
        client.force_login(world.people[role])
    response = client.post(topic_level_url(topic), {"level": "muted"})
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    elif role in COHORT_READERS:
        assert response.status_code == 302
        assert response["Location"] == topic.get_absolute_url()
        assert levels.level_for(user=world.people[role], topic=topic) == Level.MUTED
    else:
        assert response.status_code == 404
        assert not NotificationLevel.objects.filter(user=world.people[role], topic=topic).exists()


def test_setting_a_level_says_what_it_means(client, world):
    topic = start_topic(world.alumnus, world.cohort, title="Housing for newcomers")
    client.force_login(world.trainee)
    response = client.post(topic_level_url(topic), {"level": "watching"}, follow=False)
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == ["You are watching “Housing for newcomers”: every new post notifies you."]
    assert levels.level_for(user=world.trainee, topic=topic) == Level.WATCHING


def test_the_level_view_goes_back_to_the_page_it_came_from_on_this_site_only(client, world):
    client.force_login(world.alumnus)
    url = forum_level_url(world.cohort)
    back = client.post(url, {"level": "normal", "next": "/community/ghent-2027/?page=2"})
    assert back["Location"] == "/community/ghent-2027/?page=2"
    away = client.post(url, {"level": "normal", "next": "https://elsewhere.example/"})
    assert away["Location"] == world.cohort.get_absolute_url()
    chosen = NotificationLevel.objects.get(user=world.alumnus, forum=world.cohort)
    assert chosen.level == Level.NORMAL


@pytest.mark.parametrize("level", ["", "loud", "WATCHING"])
def test_an_unknown_level_shows_the_form_again_with_a_message(client, world, level):
    topic = start_topic(world.alumnus, world.cohort, title="Data on newcomers")
    client.force_login(world.trainee)
    response = client.post(topic_level_url(topic), {"level": level})
    assert response.status_code == 400
    assert form_errors(response) == ["Choose watching, normal or muted."]
    assert "Notifications for “Data on newcomers”" in text(response)
    assert parse(response).select_one("input[name=level][checked]")["value"] == "normal"
    assert not NotificationLevel.objects.filter(topic=topic).exists()


def test_a_topic_in_another_forum_or_unknown_is_not_found(client, world):
    topic = start_topic(world.alumnus, world.cohort)
    client.force_login(world.editor)
    wrong_forum = reverse(
        "community:topic_level",
        kwargs={"forum": world.general.slug, "topic_id": topic.pk, "slug": topic.slug},
    )
    assert client.post(wrong_forum, {"level": "muted"}).status_code == 404
    unknown = reverse("community:forum_level", kwargs={"forum": "no-such-forum"})
    assert client.post(unknown, {"level": "muted"}).status_code == 404
    assert not NotificationLevel.objects.filter(user=world.editor).exists()


def test_a_level_is_only_set_by_post(client, world):
    client.force_login(world.alumnus)
    assert client.get(forum_level_url(world.cohort)).status_code == 405
    assert not NotificationLevel.objects.filter(user=world.alumnus, forum=world.cohort).exists()


def test_the_level_form_shows_the_current_level_and_explains_each(world):
    topic = start_topic(world.alumnus, world.cohort)
    request = RequestFactory().get("/community/ghent-2027/")
    html = render_to_string(
        "community/includes/level_form.html",
        {"target": topic, "level": "watching", "action": topic_level_url(topic)},
        request=request,
    )
    form = parse(html).select_one("form")
    assert form["action"] == topic_level_url(topic)
    assert form["method"] == "post"
    # Back to the topic, not to the page showing the form, which may be a POST-only address.
    assert parse(html).select_one("input[name=next]")["value"] == topic.get_absolute_url()
    radios = parse(html).select("input[name=level]")
    labels = {radio["value"]: text(html, f"label[for='{radio['id']}']") for radio in radios}
    assert labels == {
        "watching": "Watching: every new post in this topic notifies you.",
        "normal": (
            "Normal: only replies in topics you started, quotes of your posts and mentions of you."
        ),
        "muted": "Muted: nothing here notifies you, not even a mention.",
    }
    assert [radio["value"] for radio in radios if radio.has_attr("checked")] == ["watching"]
    assert "Notifications for this topic" in text(html)
    assert "Save" in text(html, "button")


def test_the_level_form_of_a_forum_speaks_of_the_forum(world):
    html = render_to_string(
        "community/includes/level_form.html",
        {"target": world.cohort, "level": "muted", "action": forum_level_url(world.cohort)},
        request=RequestFactory().get("/"),
    )
    assert "Notifications for this forum" in text(html)
    assert "every new post in this forum notifies you" in text(html)
    checked = parse(html).select_one("input[name=level][checked]")
    assert checked["value"] == "muted"


def test_the_topic_and_forum_pages_name_what_the_level_is_for(client, world):
    topic = start_topic(world.alumnus, world.cohort, title="Housing for newcomers")
    client.force_login(world.trainee)

    on_topic = client.get(topic.get_absolute_url())
    on_forum = client.get(world.cohort.get_absolute_url())

    assert text(on_topic, ".level-form form legend") == "Notifications for this topic"
    assert "every new post in this topic notifies you" in text(on_topic, ".level-form form")
    assert parse(on_topic).select_one(".level-form form [name=next]")["value"] == (
        topic.get_absolute_url()
    )
    assert text(on_forum, ".level-form form legend") == "Notifications for this forum"
    assert parse(on_forum).select_one(".level-form form [name=next]")["value"] == (
        world.cohort.get_absolute_url()
    )


def test_after_a_refused_level_the_form_goes_back_to_the_target_not_the_post_only_url(
    client, world
):
    topic = start_topic(world.alumnus, world.cohort, title="Data on newcomers")
    client.force_login(world.trainee)

    refused = client.post(topic_level_url(topic), {"level": "loud"})
    back = parse(refused).select_one(".level-form form [name=next]")["value"]
    saved = client.post(topic_level_url(topic), {"level": "watching", "next": back})

    assert back == topic.get_absolute_url()
    assert saved["Location"] == topic.get_absolute_url()
    assert client.get(saved["Location"]).status_code == 200
    assert levels.level_for(user=world.trainee, topic=topic) == Level.WATCHING


def test_the_normal_level_says_a_topic_author_hears_of_every_reply(client, world):
    topic = start_topic(world.alumnus, world.cohort, title="Data on newcomers")
    client.force_login(world.trainee)
    response = client.post(topic_level_url(topic), {"level": "normal"})
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == [
        "“Data on newcomers” is back to normal: you hear of replies in topics you started, "
        "quotes and mentions."
    ]
    started = reply(world.trainee, topic, "A reply to the topic, not to anyone.")
    assert told(started) == {"alumnus@example.org": NotificationReason.REPLY}


# ---------------------------------------------------------------------------------------------
# Mentions that quote, link or come by an edit


def test_quoting_a_post_does_not_tell_again_whom_it_mentioned(world):
    topic = start_topic(world.alumnus, world.cohort)
    first = reply(world.facilitator, topic, "Ask @trainee about the evening classes.")
    source = markup.quote(first.source, handle="facilitator", number=first.number) + "Agreed."
    post = reply(world.editor, topic, source, quoted=first)
    assert told(post) == {
        "facilitator@example.org": NotificationReason.QUOTE,
        "alumnus@example.org": NotificationReason.REPLY,
    }
    assert 'href="/community/members/trainee/"' in post.html


def test_a_handle_in_a_link_address_notifies_nobody_and_keeps_the_link(world):
    topic = start_topic(
        world.alumnus, world.general, source="[the list](https://example.org/?q=@member) is out."
    )
    post = topic.posts.get()
    assert told(post) == {}
    assert 'href="https://example.org/?q=@member"' in post.html


def edit(post, source, *, minutes_later=5):
    return posting.post_edit(
        user=post.author,
        post=post,
        source=source,
        now=post.created_at + datetime.timedelta(minutes=minutes_later),
    )


def test_an_edit_that_adds_a_mention_tells_the_newly_mentioned_once(world):
    topic = start_topic(world.alumnus, world.cohort)
    post = reply(world.trainee, topic, "@facilitator, how did you book the rooms?")

    edit(post, "@facilitator, how did you book the rooms? @editor might know too.")
    edit(post, "@facilitator and @editor: how did you book the rooms?", minutes_later=6)

    assert told(post) == {
        "facilitator@example.org": NotificationReason.MENTION,
        "alumnus@example.org": NotificationReason.REPLY,
        "editor@example.org": NotificationReason.MENTION,
    }
    assert Notification.objects.filter(post=post).count() == 3


def test_an_edit_mentions_no_one_already_told_muted_or_unable_to_read(world):
    topic = start_topic(world.alumnus, world.cohort)
    post = reply(world.trainee, topic, "Thanks for this.")
    watch(world.member, forum=world.cohort, level=Level.MUTED)
    watch(world.facilitator, topic=topic, level=Level.MUTED)

    edit(post, "Thanks @alumnus, @facilitator, @other-alumnus and @trainee.")

    assert told(post) == {"alumnus@example.org": NotificationReason.REPLY}


def test_a_flood_of_level_changes_is_refused(client, world, settings):
    settings.POST_RATE_LIMITS = {**settings.POST_RATE_LIMITS, "community:levels": 2}
    client.force_login(world.alumnus)

    answers = [
        client.post(forum_level_url(world.cohort), {"level": level})
        for level in ("watching", "muted", "normal")
    ]

    assert [answer.status_code for answer in answers] == [302, 302, 429]
    assert "Please slow down" in answers[-1].content.decode()
    assert NotificationLevel.objects.get(user=world.alumnus, forum=world.cohort).level == "muted"
