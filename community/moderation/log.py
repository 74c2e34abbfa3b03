"""What every moderation verb shares: the permission check, the reason's rules and the log row.
The rows a verb changes are held in the order ``community.counters`` sets out."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.accounts.types import AnyUser

from .. import permissions
from ..models import Forum, ModerationAction, Post, Topic

MAX_REASON_LENGTH = 500


def require_moderator(user: AnyUser, *forums: Forum) -> None:
    if not all(permissions.can_moderate_forum(user, forum) for forum in forums):
        raise PermissionDenied


def clean_reason(reason: str | None, *, required: bool = False) -> str:
    reason = " ".join((reason or "").split())
    if required and not reason:
        raise ValidationError({"reason": _("Say why, in a few words; the log keeps it.")})
    if len(reason) > MAX_REASON_LENGTH:
        raise ValidationError(
            {
                "reason": _("Keep the reason under %(limit)d characters.")
                % {"limit": MAX_REASON_LENGTH}
            }
        )
    return reason


def log_action(
    *,
    moderator: AnyUser,
    verb: str,
    forum: Forum,
    topic: Topic | None = None,
    post: Post | None = None,
    reason: str = "",
    detail: str = "",
    now=None,
) -> ModerationAction:
    return ModerationAction.objects.create(
        moderator=moderator,
        verb=verb,
        forum=forum,
        topic=topic,
        post=post,
        reason=reason,
        detail=detail[:300],
        created_at=now or timezone.now(),
    )
