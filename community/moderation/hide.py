"""Hide a post (a moderator's decision, with a reason the log keeps), or restore a hidden one.
A post its author deleted stays deleted: restoring is only for what a moderator hid."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.accounts.types import AnyUser

from ..counters import post_for_update, recount_last_posts
from ..follow_up import count_follow_up_step
from ..models import Flag, FlagResolution, ModerationVerb, Post, Removal
from .log import clean_reason, log_action, require_moderator


def _copy_removal(post: Post, row: Post) -> Post:
    post.removal, post.removed_at = row.removal, row.removed_at
    post.removed_by, post.removal_reason = row.removed_by, row.removal_reason
    return post


def hide_held(*, moderator: AnyUser, row: Post, reason: str, now: datetime.datetime) -> None:
    """Hide a post whose row the caller holds (``post_for_update``) and has checked, and settle
    its open flags: the flag resolution calls this too."""
    row.removal = Removal.HIDDEN
    row.removed_at = now
    row.removed_by = moderator
    row.removal_reason = reason
    row.save(update_fields=["removal", "removed_at", "removed_by", "removal_reason"])
    recount_last_posts(row.topic)
    Flag.objects.open().filter(post=row).update(
        resolved_at=now,
        resolved_by=moderator,
        resolution=FlagResolution.HIDDEN,
        resolution_note=reason,
    )
    log_action(
        moderator=moderator,
        verb=ModerationVerb.HIDE,
        forum=row.topic.forum,
        topic=row.topic,
        post=row,
        reason=reason,
        detail=_("Post #%(number)d") % {"number": row.number},
        now=now,
    )


@transaction.atomic
def post_hide(
    *, moderator: AnyUser, post: Post, reason: str, now: datetime.datetime | None = None
) -> Post:
    require_moderator(moderator, post.topic.forum)
    reason = clean_reason(reason, required=True)
    row = post_for_update(post)
    require_moderator(moderator, row.topic.forum)
    if row.removal == Removal.HIDDEN:
        raise ValidationError(_("This post is hidden already."))
    if row.removal == Removal.DELETED:
        raise ValidationError(_("Its author has deleted this post already."))
    hide_held(moderator=moderator, row=row, reason=reason, now=now or timezone.now())
    return _copy_removal(post, row)


@transaction.atomic
def post_restore(*, moderator: AnyUser, post: Post, reason: str = "") -> Post:
    require_moderator(moderator, post.topic.forum)
    reason = clean_reason(reason)
    row = post_for_update(post)
    require_moderator(moderator, row.topic.forum)
    if row.removal == Removal.DELETED:
        raise ValidationError(_("Its author deleted this post, so it stays deleted."))
    if row.removal != Removal.HIDDEN:
        raise ValidationError(_("This post is not hidden."))
    row.removal, row.removed_at, row.removed_by, row.removal_reason = "", None, None, ""
    row.save(update_fields=["removal", "removed_at", "removed_by", "removal_reason"])
    recount_last_posts(row.topic)
    log_action(
        moderator=moderator,
        verb=ModerationVerb.RESTORE,
        forum=row.topic.forum,
        topic=row.topic,
        post=row,
        reason=reason,
        detail=_("Post #%(number)d") % {"number": row.number},
    )
    count_follow_up_step(user=row.author, post=row, forum=row.topic.forum)
    return _copy_removal(post, row)
