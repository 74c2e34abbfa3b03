"""Who may read, post, edit, flag and moderate in the community, and who sees whose profile.
Views, templates, services and tests all ask these functions; nothing else decides.

- A general forum: every signed-in member with a confirmed e-mail address.
- A community of practice (thematic forum): alumni of any edition and facilitators.
- An edition's cohort forum: its trainees (accepted or completed), alumni and facilitators.
- Editors (the ``community.moderate_forum`` permission) read and moderate every forum;
  facilitators moderate their editions' cohort forums.
- An archived forum stays readable to the same people; nobody posts in it.
"""

from __future__ import annotations

import datetime

from allauth.account.models import EmailAddress
from django.db.models import Q, QuerySet
from django.utils import timezone

from cms.accounts.types import AnyUser
from cms.request_memory import remembered
from learning.standing import Standing, standing_of, standings_of

from .models import Forum, ForumKind, MemberProfile, Post, Topic, Visibility

EDIT_WINDOW = datetime.timedelta(minutes=30)
MODERATE_EVERY_FORUM = "community.moderate_forum"


def _signed_in(user: AnyUser) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def standing(user: AnyUser) -> Standing:
    if not _signed_in(user):
        return Standing()
    return remembered(f"community:standing:{user.pk}", lambda: standing_of(user=user))


def is_verified_member(user: AnyUser) -> bool:
    if not _signed_in(user):
        return False
    return remembered(
        f"community:verified:{user.pk}",
        lambda: EmailAddress.objects.filter(user=user, verified=True).exists(),
    )


def moderates_everything(user: AnyUser) -> bool:
    return _signed_in(user) and user.has_perm(MODERATE_EVERY_FORUM)


def is_alumnus(user: AnyUser) -> bool:
    return standing(user).is_alumnus


def is_community_member(user: AnyUser) -> bool:
    """May use the community at all: a confirmed member, or anyone with a place in an edition."""
    if not _signed_in(user):
        return False
    return is_verified_member(user) or moderates_everything(user) or bool(_any_role(user))


def _any_role(user: AnyUser) -> frozenset[int]:
    mine = standing(user)
    return mine.trainee_of | mine.facilitator_of


def standing_reads(mine: Standing, forum: Forum, *, verified: bool) -> bool:
    """The reading rule for someone who does not moderate every forum, from their standing and
    whether their e-mail address is confirmed."""
    if forum.kind == ForumKind.COHORT:
        return forum.edition_id in mine.trainee_of or forum.edition_id in mine.facilitator_of
    if forum.kind == ForumKind.THEMATIC:
        return mine.is_alumnus or bool(mine.facilitator_of)
    return verified or bool(mine.trainee_of | mine.facilitator_of)


def can_read_forum(user: AnyUser, forum: Forum) -> bool:
    if not _signed_in(user):
        return False
    if moderates_everything(user):
        return True
    return standing_reads(standing(user), forum, verified=is_verified_member(user))


def readers_among(user_ids: list[int], forum: Forum) -> set[int]:
    """Which of these people may read the forum, in four queries however many they are: for the
    recipients of a notification, who are not the request's user."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.backends import ModelBackend

    people = get_user_model().objects.filter(pk__in=user_ids, is_active=True)
    moderators = set(
        ModelBackend()
        .with_perm(MODERATE_EVERY_FORUM)
        .filter(pk__in=user_ids)
        .values_list("pk", flat=True)
    )
    verified = set(
        EmailAddress.objects.filter(user_id__in=user_ids, verified=True).values_list(
            "user_id", flat=True
        )
    )
    standings = standings_of(user_ids=user_ids)
    return {
        person.pk
        for person in people
        if person.pk in moderators
        or standing_reads(standings[person.pk], forum, verified=person.pk in verified)
    }


def readable_forums(user: AnyUser) -> QuerySet[Forum]:
    """The forums ``can_read_forum`` lets the user into, as one query."""
    if not _signed_in(user):
        return Forum.objects.none()
    if moderates_everything(user):
        return Forum.objects.all()
    mine = standing(user)
    allowed = Q(kind=ForumKind.COHORT, edition_id__in=mine.trainee_of | mine.facilitator_of)
    if mine.is_alumnus or mine.facilitator_of:
        allowed |= Q(kind=ForumKind.THEMATIC)
    if is_community_member(user):
        allowed |= Q(kind=ForumKind.GENERAL)
    return Forum.objects.filter(allowed)


def can_moderate_forum(user: AnyUser, forum: Forum) -> bool:
    if not _signed_in(user):
        return False
    if moderates_everything(user):
        return True
    return forum.kind == ForumKind.COHORT and forum.edition_id in standing(user).facilitator_of


def moderated_forums(user: AnyUser) -> QuerySet[Forum]:
    if not _signed_in(user):
        return Forum.objects.none()
    if moderates_everything(user):
        return Forum.objects.all()
    return Forum.objects.filter(kind=ForumKind.COHORT, edition_id__in=standing(user).facilitator_of)


def can_moderate_anywhere(user: AnyUser) -> bool:
    return moderates_everything(user) or bool(standing(user).facilitator_of)


def can_start_topic(user: AnyUser, forum: Forum) -> bool:
    return not forum.archived and can_read_forum(user, forum)


def can_reply(user: AnyUser, topic: Topic) -> bool:
    forum = topic.forum
    if forum.archived or not can_read_forum(user, forum):
        return False
    return not topic.locked or can_moderate_forum(user, forum)


def can_edit_post(user: AnyUser, post: Post, *, now: datetime.datetime | None = None) -> bool:
    """Authors edit their own visible post for 30 minutes; moderators always."""
    forum = post.topic.forum
    if not can_read_forum(user, forum):
        return False
    if can_moderate_forum(user, forum):
        return True
    if post.author_id != user.pk or not post.is_visible or forum.archived or post.topic.locked:
        return False
    return (now or timezone.now()) - post.created_at <= EDIT_WINDOW


def edit_window_closes(post: Post) -> datetime.datetime:
    return post.created_at + EDIT_WINDOW


def can_delete_post(user: AnyUser, post: Post) -> bool:
    """Authors delete their own visible posts. Moderators do not delete others' posts: they hide
    them, with a reason the log keeps (``community.moderation.post_hide``)."""
    if not _signed_in(user) or post.author_id != user.pk or not post.is_visible:
        return False
    return can_read_forum(user, post.topic.forum)


def can_flag_post(user: AnyUser, post: Post) -> bool:
    return post.is_visible and post.author_id != user.pk and can_read_forum(user, post.topic.forum)


def can_view_directory(user: AnyUser) -> bool:
    return is_community_member(user)


def can_edit_own_profile(user: AnyUser) -> bool:
    """Members with a confirmed address, or a place in an edition, keep a profile."""
    return is_community_member(user)


def can_view_profile(viewer: AnyUser, profile: MemberProfile) -> bool:
    """Whether the viewer may open the profile. A deactivated person's profile is gone for all
    but editors (load ``profile.user`` with the profile: this asks whether it is active)."""
    if not _signed_in(viewer):
        return False
    if moderates_everything(viewer):
        return True
    if not profile.user.is_active:
        return False
    if profile.user_id == viewer.pk:
        return True
    if profile.visibility == Visibility.HIDDEN:
        return False
    if profile.visibility == Visibility.MEMBERS:
        return is_community_member(viewer)
    mine = standing(viewer)
    return mine.is_alumnus or bool(mine.facilitator_of)


def visible_profile_filter(viewer: AnyUser) -> Q:
    """The profiles the directory lists for the viewer: those ``can_view_profile`` shows them,
    less the hidden ones (hidden means out of the directory, for editors too) other than the
    viewer's own, and less those of deactivated people."""
    if not _signed_in(viewer):
        return Q(pk__in=[])
    active = Q(user__is_active=True)
    if moderates_everything(viewer):
        return active & (~Q(visibility=Visibility.HIDDEN) | Q(user_id=viewer.pk))
    levels = []
    if is_community_member(viewer):
        levels.append(Visibility.MEMBERS)
    mine = standing(viewer)
    if mine.is_alumnus or mine.facilitator_of:
        levels.append(Visibility.ALUMNI)
    return active & (Q(visibility__in=levels) | Q(user_id=viewer.pk))
