"""The community in the Wagtail admin: forums (listing, filters, the form and its checks, ordering,
no deleting a forum with topics), the flags (open first, filters, inspect, resolve) and the
moderation log, for editors and for everyone else."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from community import moderation
from community.models import Flag, FlagReason, Forum, ForumKind, ModerationAction, Removal
from tests.community.factories import reply, start_topic
from tests.html import link_to, text

FORUMS = "community_forums:index"
FLAGS = "community_flags:index"
LOG = "community_moderation_log:index"


def said(response) -> list[str]:
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


@pytest.fixture
def editor_client(client, community_world):
    client.force_login(community_world.editor)
    return client


def test_editors_find_the_community_in_the_admin_menu(editor_client):
    menu = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Community" in menu
    for name in (FORUMS, FLAGS, LOG):
        assert reverse(name) in menu


def test_the_forum_listing_shows_kind_edition_counts_and_archiving(editor_client, community_world):
    world = community_world
    start_topic(world.alumnus, world.cohort)
    Forum.objects.filter(pk=world.general.pk).update(archived=True)

    response = editor_client.get(reverse(FORUMS))

    assert response.status_code == 200
    page = text(response)
    for words in (
        "Ghent 2027 cohort",
        "Cohort forum of an edition",
        "Ghent 2027",
        "Housing support",
    ):
        assert words in page
    for heading in ("Name", "Kind", "Edition", "Topics", "Posts", "Archived"):
        assert heading in page
    assert "?ordering=sort_order" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "shown", "hidden"),
    [
        ("kind=thematic", "Housing support", "Open forum"),
        ("kind=cohort", "Vienna 2026 cohort", "Housing support"),
        ("archived=true", "Open forum", "Housing support"),
        ("q=housing", "Housing support", "Open forum"),
    ],
)
def test_the_forum_listing_filters(editor_client, community_world, params, shown, hidden):
    Forum.objects.filter(pk=community_world.general.pk).update(archived=True)
    html = editor_client.get(f"{reverse(FORUMS)}?{params}").content.decode()
    assert shown in html
    assert hidden not in html


def forum_form(**changes) -> dict:
    data = {
        "name": "One-stop shops",
        "slug": "one-stop-shops",
        "description": "Single entry points for newcomers.",
        "kind": ForumKind.THEMATIC,
        "edition": "",
    }
    data.update(changes)
    return data


def test_an_editor_adds_a_community_of_practice(editor_client):
    response = editor_client.post(reverse("community_forums:add"), forum_form())

    assert response.status_code == 302
    forum = Forum.objects.get(slug="one-stop-shops")
    assert (forum.name, forum.kind, forum.edition, forum.archived) == (
        "One-stop shops",
        ForumKind.THEMATIC,
        None,
        False,
    )


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"slug": "members"}, "This address is taken by a community page."),
        ({"kind": ForumKind.COHORT}, "A cohort forum belongs to an edition."),
        ("edition", "Only a cohort forum belongs to an edition; leave this empty."),
    ],
)
def test_the_forum_form_explains_what_is_wrong(editor_client, community_world, changes, error):
    if changes == "edition":
        changes = {"edition": community_world.edition.pk}
    response = editor_client.post(reverse("community_forums:add"), forum_form(**changes))

    assert response.status_code == 200
    assert error in text(response)
    assert not Forum.objects.filter(name="One-stop shops").exists()


def test_an_editor_archives_a_forum(editor_client, community_world):
    forum = community_world.thematic
    data = forum_form(name=forum.name, slug=forum.slug, archived="on")
    response = editor_client.post(reverse("community_forums:edit", args=[forum.pk]), data)

    assert response.status_code == 302
    forum.refresh_from_db()
    assert forum.archived


def test_a_forum_with_topics_is_archived_not_deleted(editor_client, community_world):
    world = community_world
    start_topic(world.member, world.general)

    response = editor_client.post(reverse("community_forums:delete", args=[world.general.pk]))

    assert response.status_code == 302
    assert "archive it instead" in said(response)[-1]
    assert Forum.objects.filter(pk=world.general.pk).exists()


def test_an_empty_forum_can_be_deleted(editor_client):
    empty = Forum.objects.create(name="Scratch", slug="scratch", kind=ForumKind.GENERAL)
    response = editor_client.post(reverse("community_forums:delete", args=[empty.pk]))
    assert response.status_code == 302
    assert not Forum.objects.filter(pk=empty.pk).exists()


def test_forums_are_reordered_by_dragging(editor_client, community_world):
    world = community_world
    for order, forum in enumerate(Forum.objects.order_by("name")):
        Forum.objects.filter(pk=forum.pk).update(sort_order=order)
    response = editor_client.post(
        reverse("community_forums:reorder", args=[world.general.pk]) + "?position=0"
    )
    assert response.status_code == 200
    ordered = list(Forum.objects.order_by("sort_order", "name").values_list("slug", flat=True))
    assert ordered[0] == world.general.slug


# ---------------------------------------------------------------------------------------------
# Flags


@pytest.fixture
def flags(community_world):
    world = community_world
    topic = start_topic(world.alumnus, world.cohort, title="Language cafés")
    rude = reply(world.trainee, topic, "That is a silly idea.")
    spam = reply(
        world.other_alumnus,
        start_topic(world.alumnus, world.thematic, source="Where?"),
        "Cheap flights",
    )
    old = moderation.post_flag(user=world.alumnus, post=spam, reason=FlagReason.SPAM)
    moderation.flag_resolve(moderator=world.editor, flag=old, resolution="kept")
    return {
        "abuse": moderation.post_flag(
            user=world.alumnus, post=rude, reason=FlagReason.ABUSE, note="Unkind"
        ),
        "off_topic": moderation.post_flag(
            user=world.facilitator, post=rude, reason=FlagReason.OFF_TOPIC
        ),
        "resolved": old,
    }


def test_the_flag_listing_shows_open_flags_first(editor_client, flags):
    response = editor_client.get(reverse(FLAGS))

    assert response.status_code == 200
    page = text(response)
    for heading in ("Post", "Forum", "Reported by", "Reason", "Flagged", "Status"):
        assert heading in page
    assert page.index("Rude, abusive or discriminating") < page.index("Post kept")
    assert page.index("Off topic") < page.index("Post kept")


@pytest.mark.parametrize(
    ("params", "shown", "hidden"),
    [
        ("status=open", "Rude, abusive", "Spam or advertising"),
        ("status=resolved", "Spam or advertising", "Rude, abusive"),
        ("reason=off_topic", "Off topic", "Rude, abusive"),
    ],
)
def test_the_flag_listing_filters(editor_client, flags, params, shown, hidden):
    page = text(editor_client.get(f"{reverse(FLAGS)}?{params}"), "table")
    assert shown in page
    assert hidden not in page


def test_the_inspect_view_shows_the_post_and_the_decision(editor_client, flags):
    response = editor_client.get(reverse("community_flags:inspect", args=[flags["abuse"].pk]))

    page = text(response)
    assert "That is a silly idea." in page
    assert "Unkind" in page
    assert "Your decision resolves all 2 open flags of this post." in page
    assert "Hide the post" in page and "Keep the post" in page


def test_resolving_in_the_admin_hides_the_post_and_logs_it(editor_client, flags):
    url = reverse("community_flags:resolve", args=[flags["abuse"].pk])

    response = editor_client.post(url, {"decision": "hide", "reason": ""})
    assert said(response)[-1] == "Say why you hide the post; the log keeps it."
    assert Flag.objects.open().count() == 2

    response = editor_client.post(url, {"decision": "hide", "reason": "Rude"})
    assert response["Location"] == reverse(FLAGS)
    assert said(response)[-1] == "The post is hidden; 2 flags resolved."
    post = flags["abuse"].post
    post.refresh_from_db()
    assert post.removal == Removal.HIDDEN
    assert not Flag.objects.open().exists()
    assert ModerationAction.objects.filter(post=post).count() == 2


def test_there_is_no_form_to_add_or_edit_flags(editor_client, flags):
    assert editor_client.get(reverse("community_flags:add")).status_code in {302, 403}
    edit = reverse("community_flags:edit", args=[flags["abuse"].pk])
    assert editor_client.get(edit).status_code in {302, 403}


@pytest.mark.parametrize("role", ["member", "alumnus", "facilitator"])
def test_people_without_the_admin_cannot_open_the_community_admin(
    client, community_world, flags, role
):
    client.force_login(community_world.people[role])
    for url in (
        reverse(FORUMS),
        reverse(FLAGS),
        reverse(LOG),
        reverse("community_flags:inspect", args=[flags["abuse"].pk]),
    ):
        response = client.get(url)
        assert response.status_code in {302, 403}
        assert "silly idea" not in response.content.decode()
    response = client.post(
        reverse("community_flags:resolve", args=[flags["abuse"].pk]), {"decision": "keep"}
    )
    assert response.status_code in {302, 403}
    assert Flag.objects.open().count() == 2


def test_the_log_lists_what_moderators_did(editor_client, community_world, flags):
    moderation.topic_lock(
        moderator=community_world.facilitator, topic=flags["abuse"].post.topic, reason="Heated"
    )
    page = text(editor_client.get(reverse(LOG)))
    assert "Locked" in page and "Heated" in page
    assert "Resolved a flag" in page
    assert editor_client.get(reverse("community_moderation_log:add")).status_code in {302, 403}


# ---------------------------------------------------------------------------------------------
# The dashboard


def test_the_dashboard_counts_the_flagged_posts_waiting(editor_client, flags):
    response = editor_client.get(reverse("wagtailadmin_home"))

    panel = text(response, "#community-section")
    assert "1 flagged post waits for a decision in 1 forum." in panel
    assert link_to(response, reverse(FLAGS) + "?status=open") == "Open flags in the admin"
    assert link_to(response, reverse("community:moderation")) == (
        "The moderation queue on the site"
    )


def test_the_dashboard_says_when_nothing_waits(editor_client):
    response = editor_client.get(reverse("wagtailadmin_home"))
    assert "No flagged post waits for a decision." in text(response, "#community-section")
