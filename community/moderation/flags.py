"""Members flag a post for the moderators (one open flag per post and person); a moderator
resolves every open flag of a post at once, by hiding the post or keeping it."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms.accounts.types import AnyUser

from .. import permissions
from ..counters import post_for_update
from ..models import Flag, FlagReason, FlagResolution, ModerationVerb, Post
from .hide import hide_held
from .log import MAX_REASON_LENGTH, clean_reason, log_action, require_moderator

ALREADY_FLAGGED = "already_flagged"


def _already_flagged() -> ValidationError:
    return ValidationError(
        _("You already flagged this post; the moderators will look at it."),
        code=ALREADY_FLAGGED,
    )


@transaction.atomic
def post_flag(
    *,
    user: AnyUser,
    post: Post,
    reason: str,
    note: str = "",
    now: datetime.datetime | None = None,
) -> Flag:
    if not permissions.can_flag_post(user, post):
        raise PermissionDenied
    if reason not in FlagReason.values:
        raise ValidationError({"reason": _("Choose what is wrong with the post.")})
    note = (note or "").strip()
    if len(note) > MAX_REASON_LENGTH:
        raise ValidationError(
            {"note": _("Keep it under %(limit)d characters.") % {"limit": MAX_REASON_LENGTH}}
        )
    if Flag.objects.open().filter(post=post, reporter=user).exists():
        raise _already_flagged()
    try:
        # A savepoint: a second request racing this one hits the unique constraint instead.
        with transaction.atomic():
            return Flag.objects.create(
                post=post,
                reporter=user,
                reason=reason,
                note=note,
                created_at=now or timezone.now(),
            )
    except IntegrityError:
        raise _already_flagged() from None


@transaction.atomic
def flag_resolve(
    *,
    moderator: AnyUser,
    flag: Flag,
    resolution: str,
    reason: str = "",
    now: datetime.datetime | None = None,
) -> int:
    """Resolve every open flag of ``flag``'s post: hide the post (a reason is required) or keep
    it. Returns how many flags were resolved."""
    post = flag.post
    require_moderator(moderator, post.topic.forum)
    if resolution not in FlagResolution.values:
        raise ValidationError({"resolution": _("Choose to hide the post or to keep it.")})
    hide = resolution == FlagResolution.HIDDEN
    reason = clean_reason(reason, required=hide)
    now = now or timezone.now()
    row = post_for_update(post)
    require_moderator(moderator, row.topic.forum)
    count = Flag.objects.open().filter(post=row).count()
    if not count:
        raise ValidationError(_("Someone has dealt with these flags already."))
    if hide and row.is_visible:
        hide_held(moderator=moderator, row=row, reason=reason, now=now)
    else:
        Flag.objects.open().filter(post=row).update(
            resolved_at=now, resolved_by=moderator, resolution=resolution, resolution_note=reason
        )
    detail = (
        ngettext("Post hidden, %(count)d flag.", "Post hidden, %(count)d flags.", count)
        if hide
        else ngettext("Post kept, %(count)d flag.", "Post kept, %(count)d flags.", count)
    ) % {"count": count}
    log_action(
        moderator=moderator,
        verb=ModerationVerb.RESOLVE_FLAG,
        forum=row.topic.forum,
        topic=row.topic,
        post=row,
        reason=reason,
        detail=detail,
        now=now,
    )
    return count
