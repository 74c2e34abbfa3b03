"""The moderation pages and actions as people use them: the topic and post controls, the flag
form, the queue of flagged posts and the log; for every role and signed out, with query budgets
for the listings and none per post for the controls."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms.request_memory import _memory
from community import moderation
from community.models import (
    Flag,
    FlagReason,
    FlagResolution,
    ModerationAction,
    ModerationVerb,
    Removal,
)
from tests.community.conftest import ROLES
from tests.community.factories import reply, start_topic
from tests.html import form_errors, hrefs, link_to, table_rows, text, texts

READERS_OF_THE_COHORT = {"trainee", "alumnus", "facilitator", "editor"}
MODERATORS_OF_THE_COHORT = {"facilitator", "editor"}


def as_role(client, world, role):
    if role != "anonymous":
        client.force_login(world.people[role])
    return client


def said(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def expect_refusal(response, role):
    """Signed out: to the login page; outside the forum: not found; a reader: forbidden."""
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    elif role in READERS_OF_THE_COHORT:
        assert response.status_code == 403
    else:
        assert response.status_code == 404


@pytest.fixture
def topic(community_world):
    topic = start_topic(community_world.alumnus, community_world.cohort, title="Language cafés")
    reply(community_world.trainee, topic, "We ran them at the library.")
    return topic


def moderate_url(topic):
    return reverse("community:topic_moderate", args=[topic.pk])


# ---------------------------------------------------------------------------------------------
# Topic actions


@pytest.mark.parametrize("role", ["anonymous", *ROLES])
def test_only_moderators_pin_a_topic(client, community_world, topic, role):
    response = as_role(client, community_world, role).post(
        moderate_url(topic), {"action": "pin", "reason": "Read this first"}
    )

    topic.refresh_from_db()
    if role in MODERATORS_OF_THE_COHORT:
        assert response.status_code == 302
        assert response["Location"] == topic.get_absolute_url()
        assert said(response) == ["The topic is pinned to the top of its forum."]
        assert topic.pinned
        assert ModerationAction.objects.get().reason == "Read this first"
    else:
        expect_refusal(response, role)
        assert not topic.pinned


@pytest.mark.parametrize(
    ("action", "message", "field"),
    [
        ("lock", "The topic is locked: members can no longer reply.", "locked"),
        ("pin", "The topic is pinned to the top of its forum.", "pinned"),
    ],
)
def test_each_action_says_what_it_did_and_undoes(
    client, community_world, topic, action, message, field
):
    client.force_login(community_world.facilitator)
    response = client.post(moderate_url(topic), {"action": action})
    assert said(response) == [message]
    topic.refresh_from_db()
    assert getattr(topic, field)

    response = client.post(moderate_url(topic), {"action": f"un{action}"})
    topic.refresh_from_db()
    assert not getattr(topic, field)


def test_pinning_twice_says_so(client, community_world, topic):
    client.force_login(community_world.facilitator)
    client.post(moderate_url(topic), {"action": "pin"})
    response = client.post(moderate_url(topic), {"action": "pin"})
    assert response.status_code == 302
    assert said(response)[-1] == "This topic is already pinned."
    assert ModerationAction.objects.filter(topic=topic, verb=ModerationVerb.PIN).count() == 1


def test_an_editor_moves_a_topic_to_another_forum(client, community_world, topic):
    world = community_world
    client.force_login(world.editor)
    response = client.post(
        moderate_url(topic), {"action": "move", "forum": world.other_cohort.slug, "reason": ""}
    )

    topic.refresh_from_db()
    assert topic.forum == world.other_cohort
    assert response["Location"] == topic.get_absolute_url()
    assert said(response) == ["The topic is now in “Vienna 2026 cohort”."]


def test_a_move_without_a_forum_shows_the_form_again(client, community_world, topic):
    world = community_world
    client.force_login(world.editor)
    response = client.post(moderate_url(topic), {"action": "move", "reason": "Wrong place"})

    assert response.status_code == 200
    assert form_errors(response) == ["Choose the forum to move the topic to."]
    assert 'value="Wrong place"' in response.content.decode()
    topic.refresh_from_db()
    assert topic.forum == world.cohort


def test_a_facilitator_cannot_move_into_a_forum_they_do_not_moderate(
    client, community_world, topic
):
    world = community_world
    client.force_login(world.facilitator)
    response = client.post(moderate_url(topic), {"action": "move", "forum": world.general.slug})

    assert response.status_code == 200
    assert form_errors(response) == ["Choose the forum to move the topic to."]
    topic.refresh_from_db()
    assert topic.forum == world.cohort


def test_a_moderator_renames_a_topic_with_a_reason_the_log_keeps(client, community_world, topic):
    client.force_login(community_world.facilitator)
    old_address = topic.get_absolute_url()
    page = client.get(old_address)
    assert "Rename the topic" in texts(page, ".moderation-controls button")

    response = client.post(
        moderate_url(topic),
        {"action": "retitle", "title": "Language cafés for parents", "reason": "Spam in the title"},
    )

    topic.refresh_from_db()
    assert topic.title == "Language cafés for parents"
    assert said(response) == ["The topic is now called “Language cafés for parents”."]
    assert response["Location"] == topic.get_absolute_url() != old_address
    assert client.get(old_address)["Location"] == topic.get_absolute_url()
    action = ModerationAction.objects.order_by("-pk").first()
    assert (action.verb, action.reason, action.moderator) == (
        "retitle",
        "Spam in the title",
        community_world.facilitator,
    )
    assert "Language cafés" in action.detail


def test_renaming_a_topic_needs_a_title_and_a_reason(client, community_world, topic):
    client.force_login(community_world.editor)
    response = client.post(moderate_url(topic), {"action": "retitle", "title": " "})

    assert response.status_code == 200
    assert sorted(form_errors(response)) == [
        "Say why you rename the topic; the log keeps it.",
        "Write the topic's new title.",
    ]
    topic.refresh_from_db()
    assert topic.title == "Language cafés"
    assert not ModerationAction.objects.filter(verb="retitle").exists()


@pytest.mark.parametrize("role", ["alumnus", "member", "anonymous"])
def test_only_moderators_rename_a_topic(client, community_world, topic, role):
    response = as_role(client, community_world, role).post(
        moderate_url(topic), {"action": "retitle", "title": "Mine now", "reason": "Because"}
    )

    expect_refusal(response, role)
    topic.refresh_from_db()
    assert topic.title == "Language cafés"


def test_the_moderation_page_shows_the_form(client, community_world, topic):
    client.force_login(community_world.editor)
    response = client.get(moderate_url(topic))

    assert response.status_code == 200
    assert "Moderate “Language cafés”" in text(response)
    assert "Vienna 2026 cohort" in texts(response, "select[name=forum] option")


def test_an_unknown_action_is_refused_without_harm(client, community_world, topic):
    client.force_login(community_world.editor)
    response = client.post(moderate_url(topic), {"action": "delete-everything"})
    assert response.status_code == 200
    assert form_errors(response)
    topic.refresh_from_db()
    assert (topic.pinned, topic.locked, topic.forum_id) == (False, False, community_world.cohort.pk)
    assert topic.posts.count() == 2
    assert not ModerationAction.objects.filter(topic=topic).exists()


# ---------------------------------------------------------------------------------------------
# Post actions


@pytest.fixture
def post(topic):
    return topic.posts.get(number=2)


@pytest.mark.parametrize("role", ["anonymous", *ROLES])
def test_only_moderators_hide_a_post(client, community_world, post, role):
    response = as_role(client, community_world, role).post(
        reverse("community:post_hide", args=[post.pk]), {"reason": "Off topic"}
    )

    post.refresh_from_db()
    if role in MODERATORS_OF_THE_COHORT:
        assert response["Location"] == post.get_absolute_url()
        assert said(response) == ["Post #2 is hidden; the log keeps your reason."]
        assert post.removal == Removal.HIDDEN
    else:
        expect_refusal(response, role)
        assert post.is_visible


def test_hiding_without_a_reason_asks_for_one(client, community_world, post):
    client.force_login(community_world.facilitator)
    response = client.post(reverse("community:post_hide", args=[post.pk]), {"reason": " "})

    assert response.status_code == 200
    assert form_errors(response) == ["Say why you hide the post; the log keeps it."]
    assert "We ran them at the library." in text(response)
    post.refresh_from_db()
    assert post.is_visible


@pytest.mark.parametrize("role", ["anonymous", *ROLES])
def test_only_moderators_restore_a_post(client, community_world, post, role):
    moderation.post_hide(moderator=community_world.editor, post=post, reason="Heated")
    response = as_role(client, community_world, role).post(
        reverse("community:post_restore", args=[post.pk])
    )

    post.refresh_from_db()
    if role in MODERATORS_OF_THE_COHORT:
        assert said(response) == ["Post #2 is visible again."]
        assert post.is_visible
    else:
        expect_refusal(response, role)
        assert post.removal == Removal.HIDDEN


def test_restoring_a_post_its_author_deleted_is_refused(client, community_world, post):
    from community import posting

    posting.post_delete(user=community_world.trainee, post=post)
    client.force_login(community_world.facilitator)
    response = client.post(reverse("community:post_restore", args=[post.pk]))

    assert said(response) == ["Its author deleted this post, so it stays deleted."]
    post.refresh_from_db()
    assert post.removal == Removal.DELETED


# ---------------------------------------------------------------------------------------------
# Flagging


def flag_url(post):
    return reverse("community:post_flag", args=[post.pk])


@pytest.mark.parametrize("role", ["anonymous", *ROLES])
def test_readers_other_than_the_author_see_the_flag_form(client, community_world, post, role):
    response = as_role(client, community_world, role).get(flag_url(post))

    if role == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))
    elif role not in READERS_OF_THE_COHORT:
        assert response.status_code == 404
    elif role == "trainee":  # the author
        assert response.status_code == 403
    else:
        assert response.status_code == 200
        assert "Flag post #2 for the moderators" in text(response)
        assert "Spam or advertising" in text(response)
        assert "We ran them at the library." in text(response)


def test_a_flag_thanks_the_member_and_lands_in_the_queue(client, community_world, post):
    world = community_world
    client.force_login(world.alumnus)
    response = client.post(flag_url(post), {"reason": "abuse", "note": "Unkind to newcomers"})

    assert response["Location"] == post.get_absolute_url()
    assert said(response) == ["Thank you, moderators will look at it."]
    flag = Flag.objects.get()
    assert (flag.reporter, flag.reason, flag.note) == (
        world.alumnus,
        "abuse",
        "Unkind to newcomers",
    )

    response = client.get(flag_url(post))
    assert "You already flagged this post" in text(response)
    response = client.post(flag_url(post), {"reason": "spam"})
    assert said(response) == ["You already flagged this post; the moderators will look at it."]
    assert Flag.objects.count() == 1


def test_a_flag_without_a_reason_shows_the_form_again(client, community_world, post):
    client.force_login(community_world.alumnus)
    response = client.post(flag_url(post), {"note": "Keep my note"})

    assert response.status_code == 200
    assert form_errors(response) == ["Choose what is wrong with the post."]
    assert "Keep my note" in text(response)
    assert not Flag.objects.exists()


# ---------------------------------------------------------------------------------------------
# The queue


QUEUE = "/community/moderation/"


@pytest.mark.parametrize("role", ["anonymous", *ROLES])
def test_the_queue_is_for_moderators(client, community_world, post, role):
    moderation.post_flag(user=community_world.alumnus, post=post, reason=FlagReason.SPAM)
    response = as_role(client, community_world, role).get(QUEUE)

    if role == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))
    elif role in MODERATORS_OF_THE_COHORT:
        assert response.status_code == 200
        assert "Language cafés, post #2" in text(response)
    else:
        assert response.status_code == 403
        assert "Language cafés" not in response.content.decode()


def test_the_queue_groups_flags_by_post_for_the_forums_one_moderates(client, community_world, post):
    world = community_world
    moderation.post_flag(user=world.alumnus, post=post, reason=FlagReason.ABUSE, note="Harsh")
    moderation.post_flag(user=world.editor, post=post, reason=FlagReason.OFF_TOPIC)
    general = start_topic(world.member, world.general, title="Open question")
    elsewhere = reply(world.alumnus, general, "Elsewhere")
    moderation.post_flag(user=world.member, post=elsewhere, reason=FlagReason.SPAM)

    client.force_login(world.facilitator)
    response = client.get(QUEUE)

    page = text(response)
    assert "1 post waits for a decision." in page
    assert "Flagged by 2 people" in page
    assert "Rude, abusive or discriminating" in page and "“Harsh”" in page
    assert "Off topic" in page
    assert "Open question" not in page
    assert link_to(response, post.get_absolute_url()) == "Language cafés, post #2"

    client.force_login(world.editor)
    assert "2 posts wait for a decision." in text(client.get(QUEUE))


def test_moderation_pages_never_show_an_e_mail_address(client, community_world, post):
    """People without a member profile go by their name, or "A member"; never their address."""
    from community.models import MemberProfile

    world = community_world
    moderation.post_flag(user=world.alumnus, post=post, reason=FlagReason.SPAM)
    moderation.post_hide(
        moderator=world.facilitator, post=reply(world.alumnus, post.topic), reason="x"
    )
    people = [world.trainee, world.alumnus, world.facilitator]
    MemberProfile.objects.filter(user__in=people).delete()
    type(world.trainee).objects.filter(pk__in=[p.pk for p in people]).update(
        first_name="", last_name=""
    )
    client.force_login(world.editor)

    pages = [
        client.get(QUEUE),
        client.get(reverse("community:moderation_log")),
        client.get(reverse("community:post_hide", args=[post.pk])),
    ]

    for response in pages:
        assert response.status_code == 200
        assert "@example.org" not in response.content.decode()
    assert "A member" in text(pages[0])
    assert "A member" in text(pages[1])


def resolve(client, flag, **data):
    return client.post(reverse("community:flag_resolve", args=[flag.pk]), data)


def test_keeping_a_post_from_the_queue(client, community_world, post):
    world = community_world
    flag = moderation.post_flag(user=world.alumnus, post=post, reason=FlagReason.SPAM)
    moderation.post_flag(user=world.editor, post=post, reason=FlagReason.SPAM)
    client.force_login(world.facilitator)

    response = resolve(client, flag, decision="keep", reason="")

    assert response["Location"] == QUEUE
    assert said(response) == ["Post #2 of “Language cafés” stays; its flags are resolved."]
    assert not Flag.objects.open().exists()
    assert "Nothing waits for you" in text(client.get(QUEUE))


def test_hiding_a_post_from_the_queue_needs_a_reason(client, community_world, post):
    world = community_world
    flag = moderation.post_flag(user=world.alumnus, post=post, reason=FlagReason.SPAM)
    client.force_login(world.facilitator)

    response = resolve(client, flag, decision="hide", reason="")
    assert said(response) == ["Say why you hide the post; the log keeps it."]
    assert Flag.objects.open().count() == 1

    response = resolve(client, flag, decision="hide", reason="Advertising")
    assert said(response)[-1:] == [
        "Post #2 of “Language cafés” is hidden and its flags are resolved."
    ]
    post.refresh_from_db()
    assert post.removal == Removal.HIDDEN
    flag.refresh_from_db()
    assert flag.resolution == FlagResolution.HIDDEN


@pytest.mark.parametrize("role", ["anonymous", *ROLES])
def test_only_moderators_resolve_flags(client, community_world, post, role):
    flag = moderation.post_flag(user=community_world.facilitator, post=post, reason="spam")
    response = resolve(as_role(client, community_world, role), flag, decision="keep")

    if role in MODERATORS_OF_THE_COHORT:
        assert not Flag.objects.open().exists()
    else:
        expect_refusal(response, role)
        assert Flag.objects.open().count() == 1


def flag_posts(world, count):
    topic = start_topic(world.alumnus, world.cohort, title="Busy thread", source="Go.")
    reporters = [world.trainee, world.facilitator, world.editor]
    for number in range(count):
        post = reply(world.alumnus, topic, f"Message {number}")
        for reporter in reporters[: 1 + number % 3]:
            moderation.post_flag(user=reporter, post=post, reason=FlagReason.OFF_TOPIC)


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", [QUEUE, "/community/moderation/log/"])
def test_the_queue_and_the_log_cost_the_same_queries_at_any_size(
    client, community_world, django_assert_max_num_queries, url
):
    world = community_world
    client.force_login(world.facilitator)
    flag_posts(world, 2)
    for flag in Flag.objects.open()[:1]:
        moderation.flag_resolve(moderator=world.editor, flag=flag, resolution="kept")
    small = count_queries(client, url)

    flag_posts(world, 15)
    for flag in Flag.objects.open()[:10]:
        if Flag.objects.filter(pk=flag.pk, resolved_at__isnull=True).exists():
            moderation.flag_resolve(moderator=world.editor, flag=flag, resolution="kept")
    with django_assert_max_num_queries(small, info=url):
        client.get(url)
    assert small <= 16


# ---------------------------------------------------------------------------------------------
# The log


def test_the_log_lists_actions_newest_first_for_the_forums_one_moderates(
    client, community_world, post
):
    world = community_world
    moderation.topic_pin(moderator=world.facilitator, topic=post.topic, reason="Welcome")
    moderation.post_hide(moderator=world.editor, post=post, reason="Off topic")
    general = start_topic(world.member, world.general, title="Open question")
    moderation.topic_lock(moderator=world.editor, topic=general, reason="Done")

    client.force_login(world.facilitator)
    rows = table_rows(client.get("/community/moderation/log/"))

    assert rows[0] == ["When", "Moderator", "Action", "Where", "Reason"]
    assert [row[1:] for row in rows[1:]] == [
        ["Editor", "Hid a post: Post #2", "Language cafés, post #2 Ghent 2027 cohort", "Off topic"],
        ["Facilitator", "Pinned", "Language cafés Ghent 2027 cohort", "Welcome"],
    ]
    client.force_login(world.editor)
    assert len(table_rows(client.get("/community/moderation/log/"))) == 4


@pytest.mark.parametrize("role", ["anonymous", *ROLES])
def test_the_log_is_for_moderators(client, community_world, role):
    response = as_role(client, community_world, role).get("/community/moderation/log/")
    if role == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))
    elif role in MODERATORS_OF_THE_COHORT:
        assert response.status_code == 200
        assert "No moderator has acted in these forums yet." in text(response)
    else:
        assert response.status_code == 403


def test_the_log_follows_a_moved_topic(client, community_world, topic):
    world = community_world
    moderation.topic_move(moderator=world.editor, topic=topic, to_forum=world.general)
    client.force_login(world.facilitator)
    response = client.get("/community/moderation/log/")
    assert "Moved: From “Ghent 2027 cohort” to “Open forum”." in text(response)


# ---------------------------------------------------------------------------------------------
# The include points on the topic page


POST_CONTROLS = Template(
    "{% for post in posts %}{% include 'community/includes/post_moderation.html' %}{% endfor %}"
)


def render(template, **context) -> str:
    return template.render(Context(context))


@pytest.fixture
def request_memory():
    """What a request gives the templates: answers remembered while it is served."""
    token = _memory.set({})
    yield
    _memory.reset(token)


def test_readers_see_a_flag_link_for_others_posts(community_world, topic, request_memory):
    world = community_world
    posts = list(topic.posts.order_by("number"))
    html = render(
        POST_CONTROLS,
        posts=posts,
        user=world.alumnus,
        can_moderate=False,
        topic=topic,
        forum=world.cohort,
    )
    # The alumnus wrote the first post; the trainee the second.
    assert hrefs(html) == {flag_url(posts[1])}
    assert text(html) == "Flag post #2"
    assert "Hide" not in html


def test_moderators_see_hide_with_a_reason_or_restore(community_world, topic, request_memory):
    world = community_world
    first, second = topic.posts.order_by("number")
    moderation.post_hide(moderator=world.editor, post=second, reason="Off topic")
    second.refresh_from_db()

    html = render(
        POST_CONTROLS,
        posts=[first, second],
        user=world.facilitator,
        can_moderate=True,
        topic=topic,
        forum=world.cohort,
    )

    assert "Why hide post #1? (kept in the log)" in text(html)
    assert f'action="{reverse("community:post_hide", args=[first.pk])}"' in html
    assert f'action="{reverse("community:post_restore", args=[second.pk])}"' in html
    assert "Restore post #2" in text(html)
    assert hrefs(html) == {flag_url(first)}


def test_the_post_controls_cost_no_query_per_post(community_world, request_memory):
    world = community_world
    topic = start_topic(world.alumnus, world.cohort, title="Long thread", source="Start.")
    for number in range(12):
        reply(world.trainee if number % 2 else world.facilitator, topic, f"Reply {number}")
    posts = list(topic.posts.order_by("number"))
    context = {"user": world.alumnus, "can_moderate": False, "topic": topic, "forum": world.cohort}
    render(POST_CONTROLS, posts=posts[:1], **context)  # what the page asked already

    with CaptureQueriesContext(connection) as queries:
        html = render(POST_CONTROLS, posts=posts, **context)
    assert len(queries) == 0
    assert len(hrefs(html)) == 12


def test_the_topic_controls_offer_the_other_forums_one_moderates(client, community_world, topic):
    world = community_world
    client.force_login(world.editor)
    page = client.get(topic.get_absolute_url())
    assert "Moderate this topic" in text(page)
    assert texts(page, ".moderation-controls button") == [
        "Pin to the top",
        "Lock",
        "Rename the topic",
        "Move the topic",
    ]
    assert texts(page, ".moderation-controls option") == [
        "Housing support",
        "Open forum",
        "Vienna 2026 cohort",
    ]

    client.force_login(world.facilitator)
    facilitator = client.get(topic.get_absolute_url())
    assert texts(facilitator, ".moderation-controls button") == [
        "Pin to the top",
        "Lock",
        "Rename the topic",
    ]

    client.force_login(world.alumnus)
    assert not texts(client.get(topic.get_absolute_url()), ".moderation-controls")


def test_a_facilitator_may_read_but_not_moderate_the_general_forum(client, community_world):
    world = community_world
    topic = start_topic(world.member, world.general, title="Open question")
    client.force_login(world.facilitator)

    assert client.post(moderate_url(topic), {"action": "lock"}).status_code == 403
    post = topic.posts.get()
    hide = reverse("community:post_hide", args=[post.pk])
    assert client.post(hide, {"reason": "No"}).status_code == 403
    flag_page = client.get(flag_url(post))
    assert flag_page.status_code == 200
    topic.refresh_from_db()
    post.refresh_from_db()
    assert not topic.locked
    assert post.is_visible
    assert not ModerationAction.objects.filter(topic=topic).exists()
    assert "Send to the moderators" in texts(flag_page, "form button")


def test_the_log_is_paginated(client, community_world, topic):
    world = community_world
    ModerationAction.objects.bulk_create(
        ModerationAction(
            moderator=world.editor, verb="pin", forum=world.cohort, topic=topic, reason=f"#{n}"
        )
        for n in range(51)
    )
    client.force_login(world.facilitator)

    first = client.get("/community/moderation/log/")
    second = client.get("/community/moderation/log/?page=2")

    assert len(table_rows(first)) == 51  # the heading and 50 actions
    assert len(table_rows(second)) == 2
    assert "Page 2 of 2" in text(second)


# ---------------------------------------------------------------------------------------------
# Floods


def test_a_flood_of_moderation_actions_is_refused(client, community_world, topic, settings):
    settings.POST_RATE_LIMITS = {**settings.POST_RATE_LIMITS, "community:moderation": 2}
    client.force_login(community_world.editor)

    answers = [
        client.post(moderate_url(topic), {"action": action}) for action in ("pin", "unpin", "pin")
    ]

    assert [answer.status_code for answer in answers] == [302, 302, 429]
    assert "Please slow down" in text(answers[-1])
    topic.refresh_from_db()
    assert not topic.pinned


def test_a_flood_of_flags_is_refused(client, community_world, topic, settings):
    settings.POST_RATE_LIMITS = {**settings.POST_RATE_LIMITS, "community:flags": 1}
    world = community_world
    first, second = topic.posts.get(number=1), reply(world.trainee, topic, "And the school.")
    client.force_login(world.facilitator)

    answers = [
        client.post(reverse("community:post_flag", args=[post.pk]), {"reason": FlagReason.SPAM})
        for post in (first, second)
    ]

    assert [answer.status_code for answer in answers] == [302, 429]
    assert "Please slow down" in text(answers[-1])
    assert not Flag.objects.filter(post=second).exists()


def test_excerpts_show_what_the_member_wrote(client, community_world, topic):
    """No entities: ``&`` and ``<`` read as written (markup typed in a post is shown as typed)."""
    world = community_world
    written = reply(world.trainee, topic, 'Tom & Jerry\'s "q" <script>x</script> 5 < 6')
    moderation.post_flag(user=world.alumnus, post=written, reason=FlagReason.SPAM)
    client.force_login(world.facilitator)

    queue = text(client.get(QUEUE), ".moderation-excerpt")
    summary = text(
        client.get(reverse("community:post_hide", args=[written.pk])), ".moderation-excerpt"
    )

    for shown in (queue, summary):
        assert 'Tom & Jerry\'s "q"' in shown and "5 < 6" in shown
        assert "&amp;" not in shown and "&lt;" not in shown
