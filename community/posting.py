"""Posting in the community: starting a topic, replying, an author editing or deleting their own
post, and the rules a post must meet (its words, its title, how fast one may post). Views, the
demo loader and the tests all write through these functions.

Each write holds rows in the order ``community.counters`` sets out (the poster's profile, then the
topic, then its forum), counts the post there, records that the author has read it, and announces
it (``community.notifications.recipients``).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms.accounts.types import AnyUser

from . import markup, permissions
from .counters import count_new_post, recount_last_posts
from .follow_up import count_follow_up_step
from .models import (
    MAX_POST_LENGTH,
    MAX_TITLE_LENGTH,
    Forum,
    MemberProfile,
    Post,
    PostEdit,
    Removal,
    Topic,
)
from .notifications.levels import watch_posted_topic
from .notifications.recipients import announce, announce_mentions
from .profiles import mention_links, profile_for
from .read_state import own_post_read

# ---------------------------------------------------------------------------------------------
# Posting rules


def clean_source(source: str) -> str:
    """A post's words as stored: line endings made plain, required and not too long."""
    source = (source or "").replace("\r\n", "\n").strip()
    if not source:
        raise ValidationError({"source": _("Write a message.")})
    if len(source) > MAX_POST_LENGTH:
        raise ValidationError(
            {
                "source": _("Keep the message under %(limit)d characters.")
                % {"limit": MAX_POST_LENGTH}
            }
        )
    return source


def clean_title(title: str) -> str:
    """A topic's title as stored: spaces collapsed, required and not too long."""
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": _("Give the topic a title.")})
    if len(title) > MAX_TITLE_LENGTH:
        raise ValidationError(
            {"title": _("Keep the title under %(limit)d characters.") % {"limit": MAX_TITLE_LENGTH}}
        )
    return title


def _limits() -> dict[str, int]:
    return settings.COMMUNITY_POSTING_LIMITS


def _is_new_member(user, now: datetime.datetime) -> bool:
    return now - user.date_joined < datetime.timedelta(days=1)


def _refuse_if_too_fast(user, source: str, now: datetime.datetime, *, new_topic: bool) -> None:
    """The posting limits, read from the database while the poster's profile row is held, so
    that they hold across processes and simultaneous requests."""
    limits = _limits()
    new_member = _is_new_member(user, now)
    interval = limits["new_member_seconds_between_posts" if new_member else "seconds_between_posts"]
    last = (
        Post.objects.filter(author=user).order_by("-created_at").values("created_at", "source")
    ).first()
    if last is not None:
        waited = (now - last["created_at"]).total_seconds()
        if waited < interval:
            wait = max(1, int(interval - waited + 0.999))
            raise ValidationError(
                ngettext(
                    "You are posting too fast: wait %(count)d second and send it again.",
                    "You are posting too fast: wait %(count)d seconds and send it again.",
                    wait,
                )
                % {"count": wait}
            )
        if waited < limits["duplicate_window_seconds"] and last["source"].strip() == source.strip():
            raise ValidationError(
                _("You sent this very message a moment ago; it is already posted.")
            )
    if new_topic:
        per_day = limits["new_member_topics_per_day" if new_member else "topics_per_day"]
        started = Topic.objects.filter(
            author=user, created_at__gt=now - datetime.timedelta(days=1)
        ).count()
        if started >= per_day:
            raise ValidationError(
                ngettext(
                    "You have started %(count)d topic in the last 24 hours, the most allowed; "
                    "reply in an existing topic or try again tomorrow.",
                    "You have started %(count)d topics in the last 24 hours, the most allowed; "
                    "reply in an existing topic or try again tomorrow.",
                    started,
                )
                % {"count": started}
            )


def _hold_poster(user) -> None:
    """Hold the poster's profile row (made first if need be): one person's posts are written one
    at a time, so the posting limits see each other's results."""
    profile_for(user=user)
    MemberProfile.objects.select_for_update().filter(user=user).first()


def _new_post(*, topic: Topic, user, source: str, now, quoted: Post | None, number: int) -> Post:
    post = Post(
        topic=topic,
        forum_id=topic.forum_id,
        number=number,
        author=user,
        source=source,
        html=markup.render(source, profile_urls=mention_links(source)),
        quoted=quoted,
        created_at=now,
    )
    post.full_clean(exclude=["topic", "forum", "author", "quoted"])
    post.save()
    return post


def _after_posting(*, user, post: Post, topic: Topic) -> None:
    watch_posted_topic(user=user, topic=topic)
    own_post_read(user=user, post=post)
    announce(post=post)
    count_follow_up_step(user=user, post=post, forum=topic.forum)


# ---------------------------------------------------------------------------------------------
# Topics and posts


@transaction.atomic
def topic_create(
    *,
    user: AnyUser,
    forum: Forum,
    title: str,
    source: str,
    now: datetime.datetime | None = None,
) -> Topic:
    if not permissions.can_start_topic(user, forum):
        raise PermissionDenied
    now = now or timezone.now()
    title, source = clean_title(title), clean_source(source)
    _hold_poster(user)
    _refuse_if_too_fast(user, source, now, new_topic=True)
    topic = Topic(forum=forum, title=title, author=user, created_at=now, last_post_at=now)
    topic.full_clean(exclude=["forum", "author", "slug"])
    topic.save()
    post = _new_post(topic=topic, user=user, source=source, now=now, quoted=None, number=1)
    count_new_post(topic=topic, post=post, new_topic=True)
    topic.post_count, topic.last_post, topic.last_post_at = 1, post, now
    _after_posting(user=user, post=post, topic=topic)
    return topic


@transaction.atomic
def topic_reply(
    *,
    user: AnyUser,
    topic: Topic,
    source: str,
    quoted: Post | None = None,
    now: datetime.datetime | None = None,
) -> Post:
    if not permissions.can_reply(user, topic):
        raise PermissionDenied
    source = clean_source(source)
    _hold_poster(user)
    # The topic's row alone: holding a join would lose the row when a moderator moves the topic
    # meanwhile (PostgreSQL re-checks the join against the forum it read before waiting).
    row = Topic.objects.select_for_update().get(pk=topic.pk)
    if not permissions.can_reply(user, row):
        raise PermissionDenied
    # Once the row is held, so that the time order of posts follows their numbers.
    now = now or timezone.now()
    _refuse_if_too_fast(user, source, now, new_topic=False)
    if quoted is not None and (quoted.topic_id != row.pk or not quoted.is_visible):
        quoted = None
    post = _new_post(
        topic=row,
        user=user,
        source=source,
        now=now,
        quoted=quoted,
        number=row.post_count + 1,
    )
    count_new_post(topic=row, post=post, new_topic=False)
    topic.post_count, topic.last_post, topic.last_post_at = post.number, post, now
    _after_posting(user=user, post=post, topic=row)
    return post


@transaction.atomic
def post_edit(
    *, user: AnyUser, post: Post, source: str, now: datetime.datetime | None = None
) -> Post:
    now = now or timezone.now()
    if not permissions.can_edit_post(user, post, now=now):
        raise PermissionDenied
    source = clean_source(source)
    row = Post.objects.select_for_update().get(pk=post.pk)
    if row.source == source:
        return post
    before = set(markup.mentioned_handles(row.source))
    PostEdit.objects.create(post=row, editor=user, edited_at=now, previous_source=row.source)
    post.source = source
    post.html = markup.render(source, profile_urls=mention_links(source))
    post.edited_at = now
    post.edit_count = row.edit_count + 1
    post.save(update_fields=["source", "html", "edited_at", "edit_count"])
    announce_mentions(post=post, handles=set(markup.mentioned_handles(source)) - before, now=now)
    return post


@transaction.atomic
def post_delete(*, user: AnyUser, post: Post, now: datetime.datetime | None = None) -> Post:
    """The author takes their post down: it keeps its number and place in the thread, which
    reads "deleted by its author"; its words stay in the database for moderators."""
    if not permissions.can_delete_post(user, post):
        raise PermissionDenied
    # The topic's row first, as every write does; then the post as it is now.
    Topic.objects.select_for_update().filter(pk=post.topic_id).values_list("pk", flat=True).get()
    if Post.objects.select_for_update().filter(pk=post.pk).exclude(removal="").exists():
        raise PermissionDenied
    post.removal = Removal.DELETED
    post.removed_at = now or timezone.now()
    post.removed_by = user
    post.save(update_fields=["removal", "removed_at", "removed_by"])
    recount_last_posts(post.topic)
    return post
