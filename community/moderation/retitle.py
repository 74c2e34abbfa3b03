"""Give a topic another title: for a spam or abusive one, or one that says nothing. The address
follows the new title (the old one still leads to the topic); the log keeps the old title and the
moderator's reason."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cms.accounts.types import AnyUser

from ..counters import topic_for_update
from ..models import ModerationVerb, Topic
from ..posting import clean_title
from .log import clean_reason, log_action, require_moderator


@transaction.atomic
def topic_retitle(*, moderator: AnyUser, topic: Topic, title: str, reason: str) -> Topic:
    require_moderator(moderator, topic.forum)
    reason = clean_reason(reason, required=True)
    title = clean_title(title)
    row = topic_for_update(topic)
    require_moderator(moderator, row.forum)
    if row.title == title:
        raise ValidationError({"title": _("The topic has this title already.")})
    old = row.title
    row.title = title
    row.slug = slugify(title)[:80].strip("-") or "topic"
    # save(), not update(): the search index follows the new title.
    row.save(update_fields=["title", "slug"])
    log_action(
        moderator=moderator,
        verb=ModerationVerb.RETITLE,
        forum=row.forum,
        topic=row,
        reason=reason,
        detail=_("From “%(old)s” to “%(new)s”.") % {"old": old, "new": title},
    )
    topic.title, topic.slug = row.title, row.slug
    return topic
