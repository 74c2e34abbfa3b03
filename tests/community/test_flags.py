"""Flagging a post and resolving its flags: who may flag, one open flag per post and person, and a
moderator's decision (hide or keep) settling every open flag of the post, logged."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from community import moderation, posting
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

READERS_OF_THE_COHORT = {"trainee", "alumnus", "facilitator", "editor"}


@pytest.fixture
def post(community_world):
    """A reply by the alumnus in the cohort forum."""
    topic = start_topic(community_world.trainee, community_world.cohort, title="Language cafés")
    return reply(community_world.alumnus, topic, "Ours ran in the library on Saturdays.")


@pytest.mark.parametrize("role", ROLES)
def test_readers_of_the_forum_flag_others_posts(community_world, post, role):
    person = community_world.people[role]
    if role in READERS_OF_THE_COHORT - {"alumnus"}:
        flag = moderation.post_flag(user=person, post=post, reason=FlagReason.SPAM, note=" Ad ")
        assert (flag.reporter, flag.reason, flag.note) == (person, FlagReason.SPAM, "Ad")
        assert Flag.objects.open().filter(post=post).count() == 1
    else:
        # The author, and everyone who may not read the cohort forum.
        with pytest.raises(PermissionDenied):
            moderation.post_flag(user=person, post=post, reason=FlagReason.SPAM)
        assert not Flag.objects.exists()


def test_one_open_flag_per_post_and_person(community_world, post):
    world = community_world
    moderation.post_flag(user=world.trainee, post=post, reason=FlagReason.ABUSE)

    with pytest.raises(ValidationError, match="already flagged"):
        moderation.post_flag(user=world.trainee, post=post, reason=FlagReason.SPAM)
    moderation.post_flag(user=world.facilitator, post=post, reason=FlagReason.SPAM)
    assert Flag.objects.filter(post=post).count() == 2


def test_once_resolved_a_post_can_be_flagged_again(community_world, post):
    world = community_world
    flag = moderation.post_flag(user=world.trainee, post=post, reason=FlagReason.OFF_TOPIC)
    moderation.flag_resolve(moderator=world.facilitator, flag=flag, resolution=FlagResolution.KEPT)

    again = moderation.post_flag(user=world.trainee, post=post, reason=FlagReason.ABUSE)
    assert again.pk != flag.pk


def test_a_flag_needs_a_known_reason_and_a_short_note(community_world, post):
    world = community_world
    with pytest.raises(ValidationError, match="Choose what is wrong"):
        moderation.post_flag(user=world.trainee, post=post, reason="boring")
    with pytest.raises(ValidationError, match="under 500"):
        moderation.post_flag(user=world.trainee, post=post, reason="other", note="x" * 501)
    assert not Flag.objects.exists()


def test_hidden_and_deleted_posts_cannot_be_flagged(community_world, post):
    world = community_world
    posting.post_delete(user=world.alumnus, post=post)
    with pytest.raises(PermissionDenied):
        moderation.post_flag(user=world.trainee, post=post, reason=FlagReason.SPAM)


def test_keeping_a_post_resolves_all_its_open_flags_and_logs_it(community_world, post):
    world = community_world
    first = moderation.post_flag(user=world.trainee, post=post, reason=FlagReason.ABUSE)
    moderation.post_flag(user=world.editor, post=post, reason=FlagReason.OFF_TOPIC)

    count = moderation.flag_resolve(
        moderator=world.facilitator, flag=first, resolution=FlagResolution.KEPT, reason="Fair"
    )

    assert count == 2
    assert not Flag.objects.open().exists()
    assert set(Flag.objects.values_list("resolution", "resolved_by", "resolution_note")) == {
        (FlagResolution.KEPT, world.facilitator.pk, "Fair")
    }
    post.refresh_from_db()
    assert post.is_visible
    action = ModerationAction.objects.get()
    assert (action.verb, action.post, action.detail) == (
        ModerationVerb.RESOLVE_FLAG,
        post,
        "Post kept, 2 flags.",
    )


def test_hiding_a_flagged_post_needs_a_reason_and_logs_both_steps(community_world, post):
    world = community_world
    flag = moderation.post_flag(user=world.trainee, post=post, reason=FlagReason.PRIVACY)

    with pytest.raises(ValidationError, match="Say why"):
        moderation.flag_resolve(
            moderator=world.facilitator, flag=flag, resolution=FlagResolution.HIDDEN
        )
    moderation.flag_resolve(
        moderator=world.facilitator,
        flag=flag,
        resolution=FlagResolution.HIDDEN,
        reason="A phone number",
    )

    post.refresh_from_db()
    assert (post.removal, post.removal_reason) == (Removal.HIDDEN, "A phone number")
    flag.refresh_from_db()
    assert (flag.resolution, flag.resolved_by) == (FlagResolution.HIDDEN, world.facilitator)
    assert list(ModerationAction.objects.order_by("pk").values_list("verb", flat=True)) == [
        ModerationVerb.HIDE,
        ModerationVerb.RESOLVE_FLAG,
    ]


def test_hiding_a_post_directly_settles_its_open_flags(community_world, post):
    world = community_world
    flag = moderation.post_flag(user=world.trainee, post=post, reason=FlagReason.SPAM)

    moderation.post_hide(moderator=world.editor, post=post, reason="Spam")

    flag.refresh_from_db()
    assert (flag.resolution, flag.resolved_by) == (FlagResolution.HIDDEN, world.editor)


def test_resolving_twice_says_someone_did_it(community_world, post):
    world = community_world
    flag = moderation.post_flag(user=world.trainee, post=post, reason=FlagReason.SPAM)
    moderation.flag_resolve(moderator=world.editor, flag=flag, resolution=FlagResolution.KEPT)

    with pytest.raises(ValidationError, match="dealt with these flags already"):
        moderation.flag_resolve(
            moderator=world.facilitator, flag=flag, resolution=FlagResolution.KEPT
        )
    assert ModerationAction.objects.count() == 1


@pytest.mark.parametrize("role", ["trainee", "alumnus", "member", "other_alumnus"])
def test_only_moderators_resolve_flags(community_world, post, role):
    world = community_world
    flag = moderation.post_flag(user=world.facilitator, post=post, reason=FlagReason.SPAM)
    with pytest.raises(PermissionDenied):
        moderation.flag_resolve(
            moderator=world.people[role], flag=flag, resolution=FlagResolution.KEPT
        )
    assert Flag.objects.open().count() == 1
