"""The moderation verbs: pin, lock, move a topic, hide and restore a post. Who may use them, what
they change (asserted, then read back from the database), and the log row each one writes."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from community import moderation
from community.models import Forum, ModerationAction, ModerationVerb, Post, Removal, Topic
from tests.community.conftest import ROLES
from tests.community.factories import reply, start_topic

MODERATORS_OF_THE_COHORT = {"facilitator", "editor"}


def last_action() -> ModerationAction:
    return ModerationAction.objects.order_by("-pk").first()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("verb", ["topic_pin", "topic_lock"], ids=["pin", "lock"])
def test_only_the_cohorts_moderators_pin_and_lock_its_topics(community_world, role, verb):
    world = community_world
    topic = start_topic(world.alumnus, world.cohort)
    act = getattr(moderation, verb)

    if role in MODERATORS_OF_THE_COHORT:
        act(moderator=world.people[role], topic=topic)
        topic.refresh_from_db()
        assert topic.pinned or topic.locked
    else:
        with pytest.raises(PermissionDenied):
            act(moderator=world.people[role], topic=topic)
        assert not ModerationAction.objects.exists()


def test_a_facilitator_does_not_moderate_the_general_forum(community_world):
    world = community_world
    topic = start_topic(world.member, world.general)
    with pytest.raises(PermissionDenied):
        moderation.topic_lock(moderator=world.facilitator, topic=topic)
    moderation.topic_lock(moderator=world.editor, topic=topic)
    topic.refresh_from_db()
    assert topic.locked


def test_pinning_and_unpinning_are_logged_with_who_and_why(community_world):
    world = community_world
    topic = start_topic(world.facilitator, world.cohort, title="Welcome to the cohort")

    result = moderation.topic_pin(moderator=world.facilitator, topic=topic, reason="  Read first ")

    assert result.pinned
    topic.refresh_from_db()
    assert topic.pinned
    action = last_action()
    assert (action.verb, action.moderator, action.forum, action.topic, action.reason) == (
        ModerationVerb.PIN,
        world.facilitator,
        world.cohort,
        topic,
        "Read first",
    )
    moderation.topic_unpin(moderator=world.editor, topic=topic)
    topic.refresh_from_db()
    assert not topic.pinned
    assert last_action().verb == ModerationVerb.UNPIN
    assert last_action().moderator == world.editor


def test_pinning_a_pinned_topic_says_so_and_logs_nothing(community_world):
    world = community_world
    topic = start_topic(world.alumnus, world.cohort)
    moderation.topic_pin(moderator=world.facilitator, topic=topic)

    with pytest.raises(ValidationError, match="already pinned"):
        moderation.topic_pin(moderator=world.facilitator, topic=topic)
    with pytest.raises(ValidationError, match="not locked"):
        moderation.topic_unlock(moderator=world.facilitator, topic=topic)
    assert ModerationAction.objects.count() == 1


def test_a_locked_topic_takes_replies_from_moderators_only(community_world):
    world = community_world
    topic = start_topic(world.alumnus, world.cohort)
    moderation.topic_lock(moderator=world.facilitator, topic=topic, reason="Settled")
    topic.refresh_from_db()

    with pytest.raises(PermissionDenied):
        reply(world.trainee, topic)
    reply(world.facilitator, topic, "Closing this; thank you all.")
    assert last_action().verb == ModerationVerb.LOCK

    moderation.topic_unlock(moderator=world.facilitator, topic=topic)
    topic.refresh_from_db()
    reply(world.trainee, topic, "One more thing.")
    assert topic.posts.count() == 3


def test_a_reason_longer_than_the_log_keeps_is_refused(community_world):
    world = community_world
    topic = start_topic(world.alumnus, world.cohort)
    with pytest.raises(ValidationError, match="under 500"):
        moderation.topic_pin(moderator=world.facilitator, topic=topic, reason="x" * 501)
    topic.refresh_from_db()
    assert not topic.pinned


# ---------------------------------------------------------------------------------------------
# Moving


def counters_are_real(forum: Forum) -> None:
    forum.refresh_from_db()
    posts = Post.objects.filter(forum=forum)
    last = posts.order_by("-created_at", "-pk").first()
    assert forum.topic_count == Topic.objects.filter(forum=forum).count()
    assert forum.post_count == posts.count()
    assert forum.last_post == last
    assert forum.last_post_at == (last.created_at if last else None)


def test_moving_a_topic_moves_its_posts_and_keeps_both_forums_counters_exact(community_world):
    world = community_world
    start_topic(world.alumnus, world.thematic, title="Already here", source="Hello all.")
    staying = start_topic(world.member, world.general, title="Data on newcomers")
    reply(world.alumnus, staying)
    moving = start_topic(world.alumnus, world.general, title="Housing for families")
    reply(world.other_alumnus, moving)
    last = reply(world.member, moving, "The last word.")

    result = moderation.topic_move(
        moderator=world.editor, topic=moving, to_forum=world.thematic, reason="Belongs there"
    )

    assert result.forum == world.thematic
    moving.refresh_from_db()
    assert moving.forum == world.thematic
    assert set(moving.posts.values_list("forum_id", flat=True)) == {world.thematic.pk}
    counters_are_real(world.general)
    counters_are_real(world.thematic)
    assert world.thematic.last_post == last
    assert world.general.last_post == staying.posts.order_by("-number").first()
    action = last_action()
    assert (action.verb, action.forum, action.topic, action.reason) == (
        ModerationVerb.MOVE,
        world.general,
        moving,
        "Belongs there",
    )
    assert action.detail == "From “Open forum” to “Housing support”."


def test_moving_the_only_topic_empties_the_forums_last_post(community_world):
    world = community_world
    topic = start_topic(world.facilitator, world.cohort)

    moderation.topic_move(moderator=world.editor, topic=topic, to_forum=world.other_cohort)

    counters_are_real(world.cohort)
    counters_are_real(world.other_cohort)
    assert world.cohort.last_post is None
    assert world.cohort.topic_count == 0


def test_replies_after_a_move_count_in_the_new_forum(community_world):
    world = community_world
    topic = start_topic(world.member, world.general)
    moderation.topic_move(moderator=world.editor, topic=topic, to_forum=world.thematic)
    topic.refresh_from_db()

    post = reply(world.alumnus, topic)

    assert post.forum == world.thematic
    counters_are_real(world.general)
    counters_are_real(world.thematic)


def test_a_facilitator_moves_only_between_forums_they_moderate(community_world):
    world = community_world
    topic = start_topic(world.alumnus, world.cohort)

    with pytest.raises(PermissionDenied):
        moderation.topic_move(moderator=world.facilitator, topic=topic, to_forum=world.general)
    topic.refresh_from_db()
    assert topic.forum == world.cohort
    assert not ModerationAction.objects.exists()


def test_moving_to_the_same_forum_is_refused(community_world):
    world = community_world
    topic = start_topic(world.alumnus, world.cohort)
    with pytest.raises(ValidationError, match="in this forum already"):
        moderation.topic_move(moderator=world.editor, topic=topic, to_forum=world.cohort)


# ---------------------------------------------------------------------------------------------
# Hiding and restoring


def test_hiding_a_post_needs_a_reason(community_world):
    world = community_world
    post = reply(world.trainee, start_topic(world.alumnus, world.cohort))

    with pytest.raises(ValidationError, match="Say why"):
        moderation.post_hide(moderator=world.facilitator, post=post, reason="   ")
    post.refresh_from_db()
    assert post.is_visible


def test_a_hidden_post_records_who_when_and_why(community_world):
    world = community_world
    post = reply(world.trainee, start_topic(world.alumnus, world.cohort), "Buy cheap watches")

    result = moderation.post_hide(moderator=world.facilitator, post=post, reason="Spam")

    assert result.removal == Removal.HIDDEN
    post.refresh_from_db()
    assert (post.removal, post.removed_by, post.removal_reason) == (
        Removal.HIDDEN,
        world.facilitator,
        "Spam",
    )
    assert post.removed_at is not None
    action = last_action()
    assert (action.verb, action.post, action.topic, action.reason, action.detail) == (
        ModerationVerb.HIDE,
        post,
        post.topic,
        "Spam",
        "Post #2",
    )


def test_restoring_brings_a_hidden_post_back(community_world):
    world = community_world
    post = reply(world.trainee, start_topic(world.alumnus, world.cohort))
    moderation.post_hide(moderator=world.facilitator, post=post, reason="Too heated")

    moderation.post_restore(moderator=world.editor, post=post, reason="Calmer now")

    post.refresh_from_db()
    assert post.is_visible
    assert (post.removed_at, post.removed_by, post.removal_reason) == (None, None, "")
    assert last_action().verb == ModerationVerb.RESTORE
    assert last_action().reason == "Calmer now"


def last_posts(topic) -> tuple[int | None, int | None]:
    """The numbers of the topic's and its forum's last posts."""
    topic = Topic.objects.select_related("last_post", "forum__last_post").get(pk=topic.pk)
    forum_last = topic.forum.last_post
    return (
        topic.last_post.number if topic.last_post else None,
        forum_last.number if forum_last else None,
    )


def test_hiding_deleting_and_restoring_keep_the_last_post_one_readers_see(community_world):
    from community import posting

    world = community_world
    forum = Forum.objects.create(name="Scratch", slug="scratch")
    topic = start_topic(world.alumnus, forum)
    second = reply(world.trainee, topic, "Second")
    third = reply(world.alumnus, topic, "Third")
    assert last_posts(topic) == (3, 3)

    moderation.post_hide(moderator=world.editor, post=third, reason="Spam")
    assert last_posts(topic) == (2, 2)
    topic.refresh_from_db()
    assert topic.last_post_at == second.created_at
    assert Forum.objects.get(pk=forum.pk).last_post_at == second.created_at

    posting.post_delete(user=world.trainee, post=Post.objects.get(pk=second.pk))
    assert last_posts(topic) == (1, 1)

    moderation.post_restore(moderator=world.editor, post=third)
    assert last_posts(topic) == (3, 3)
    # Counters count every post: numbers have no gaps.
    topic.refresh_from_db()
    assert (topic.post_count, Forum.objects.get(pk=forum.pk).post_count) == (3, 3)


def test_a_post_its_author_deleted_cannot_be_restored_or_hidden(community_world):
    from community import posting

    world = community_world
    post = reply(world.trainee, start_topic(world.alumnus, world.cohort))
    posting.post_delete(user=world.trainee, post=post)

    with pytest.raises(ValidationError, match="stays deleted"):
        moderation.post_restore(moderator=world.facilitator, post=post)
    with pytest.raises(ValidationError, match="deleted this post already"):
        moderation.post_hide(moderator=world.facilitator, post=post, reason="Spam")
    post.refresh_from_db()
    assert post.removal == Removal.DELETED
    assert not ModerationAction.objects.exists()


def test_moderators_hide_others_posts_and_only_authors_delete(community_world):
    from community import permissions

    world = community_world
    post = reply(world.trainee, start_topic(world.alumnus, world.cohort))

    assert permissions.can_delete_post(world.trainee, post)
    for role in ("facilitator", "editor", "alumnus"):
        assert not permissions.can_delete_post(world.people[role], post)


def test_restoring_a_visible_post_is_refused(community_world):
    world = community_world
    post = reply(world.trainee, start_topic(world.alumnus, world.cohort))
    with pytest.raises(ValidationError, match="not hidden"):
        moderation.post_restore(moderator=world.facilitator, post=post)


@pytest.mark.parametrize("role", ROLES)
def test_only_moderators_hide_posts(community_world, role):
    world = community_world
    post = reply(world.facilitator, start_topic(world.alumnus, world.cohort))
    if role in MODERATORS_OF_THE_COHORT:
        moderation.post_hide(moderator=world.people[role], post=post, reason="Off topic")
        post.refresh_from_db()
        assert post.removal == Removal.HIDDEN
    else:
        with pytest.raises(PermissionDenied):
            moderation.post_hide(moderator=world.people[role], post=post, reason="Off topic")
        post.refresh_from_db()
        assert post.is_visible
