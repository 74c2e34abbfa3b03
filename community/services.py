"""Everything that writes in the community: topics, replies, edits, deletions, read state,
notification levels and who gets told about a new post. Views, the demo loader and the tests all
call these functions.

Counters: a reply locks its topic row, so posts of one topic are numbered 1, 2, 3... without gaps
or duplicates, and then updates its forum row, whose lock serialises the forum's counters and last
post. Locks are always taken topic first, then forums in id order, so two writes never wait on
each other in a circle.
"""

from __future__ import annotations

import datetime
import operator
from dataclasses import dataclass
from functools import reduce

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms.accounts.types import AnyUser
from learning.standing import follow_up_step_taken

from . import markup, permissions
from .models import (
    MAX_POST_LENGTH,
    MAX_TITLE_LENGTH,
    Forum,
    ForumReadMark,
    Level,
    MemberProfile,
    Notification,
    NotificationReason,
    Post,
    PostEdit,
    ReadState,
    Removal,
    Subscription,
    Topic,
)


def _limits() -> dict[str, int]:
    return settings.COMMUNITY_POSTING_LIMITS


# ---------------------------------------------------------------------------------------------
# Profiles


def _default_display_name(user) -> str:
    return (user.get_full_name() or user.email.split("@")[0])[:80]


def profile_for(*, user: AnyUser) -> MemberProfile:
    """The member's profile, made on first use from their account."""
    profile = MemberProfile.objects.filter(user=user).first()
    if profile is not None:
        return profile
    profile, _created = MemberProfile.objects.get_or_create(
        user=user, defaults={"display_name": _default_display_name(user)}
    )
    return profile


# ---------------------------------------------------------------------------------------------
# Posting rules


@dataclass(frozen=True)
class Draft:
    title: str
    source: str


def _clean_source(source: str) -> str:
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


def _clean_title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": _("Give the topic a title.")})
    if len(title) > MAX_TITLE_LENGTH:
        raise ValidationError(
            {"title": _("Keep the title under %(limit)d characters.") % {"limit": MAX_TITLE_LENGTH}}
        )
    return title


def _is_new_member(user, now: datetime.datetime) -> bool:
    return now - user.date_joined < datetime.timedelta(days=1)


def _refuse_if_too_fast(user, source: str, now: datetime.datetime, *, new_topic: bool) -> None:
    """The posting limits, read from the database under the poster's profile lock so that they
    hold across processes and simultaneous requests."""
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


def _lock_poster(user) -> None:
    profile_for(user=user)
    MemberProfile.objects.select_for_update().filter(user=user).first()


def _mentioned_profiles(source: str, *, in_quotes: bool = False):
    """The profiles a text mentions. Mentions are matched whatever their case (``@Amira`` is
    ``@amira``), and handles may hold capitals, so the lookup ignores case too."""
    handles = markup.mentioned_handles(source, in_quotes=in_quotes)
    if not handles:
        return MemberProfile.objects.none()
    return MemberProfile.objects.filter(
        reduce(operator.or_, (Q(handle__iexact=handle) for handle in handles))
    )


def _profile_urls(source: str) -> dict[str, str]:
    return {
        profile.handle.lower(): profile.get_absolute_url()
        for profile in _mentioned_profiles(source, in_quotes=True)
    }


def _new_post(*, topic: Topic, user, source: str, now, quoted: Post | None, number: int) -> Post:
    post = Post(
        topic=topic,
        forum_id=topic.forum_id,
        number=number,
        author=user,
        source=source,
        html=markup.render(source, profile_urls=_profile_urls(source)),
        quoted=quoted,
        created_at=now,
    )
    post.full_clean(exclude=["topic", "forum", "author", "quoted"])
    post.save()
    return post


def _count_post(*, forum_id: int, post: Post, new_topic: bool) -> None:
    # The forum's last post only moves forward in time: two posts in different topics of the
    # forum may reach its row in the other order than they were written.
    newer = Q(last_post_at__isnull=True) | Q(last_post_at__lte=post.created_at)
    Forum.objects.filter(pk=forum_id).update(
        post_count=F("post_count") + 1,
        topic_count=F("topic_count") + (1 if new_topic else 0),
        last_post=Case(
            When(newer, then=Value(post.pk)),
            default=F("last_post"),
            output_field=Forum._meta.get_field("last_post"),
        ),
        last_post_at=Case(
            When(newer, then=Value(post.created_at)),
            default=F("last_post_at"),
            output_field=Forum._meta.get_field("last_post_at"),
        ),
    )


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
    title, source = _clean_title(title), _clean_source(source)
    _lock_poster(user)
    _refuse_if_too_fast(user, source, now, new_topic=True)
    topic = Topic(forum=forum, title=title, author=user, created_at=now, last_post_at=now)
    topic.full_clean(exclude=["forum", "author", "slug"])
    topic.save()
    post = _new_post(topic=topic, user=user, source=source, now=now, quoted=None, number=1)
    Topic.objects.filter(pk=topic.pk).update(post_count=1, last_post=post, last_post_at=now)
    topic.post_count, topic.last_post, topic.last_post_at = 1, post, now
    _count_post(forum_id=forum.pk, post=post, new_topic=True)
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
    source = _clean_source(source)
    _lock_poster(user)
    # The topic alone: locking a join would lose the row when a moderator moves the topic
    # meanwhile (PostgreSQL re-checks the join against the forum it read before waiting).
    locked = Topic.objects.select_for_update().get(pk=topic.pk)
    if not permissions.can_reply(user, locked):
        raise PermissionDenied
    # After the lock, so that the time order of posts follows their numbers.
    now = now or timezone.now()
    _refuse_if_too_fast(user, source, now, new_topic=False)
    if quoted is not None and (quoted.topic_id != locked.pk or not quoted.is_visible):
        quoted = None
    post = _new_post(
        topic=locked,
        user=user,
        source=source,
        now=now,
        quoted=quoted,
        number=locked.post_count + 1,
    )
    Topic.objects.filter(pk=locked.pk).update(
        post_count=F("post_count") + 1, last_post=post, last_post_at=now
    )
    topic.post_count, topic.last_post, topic.last_post_at = post.number, post, now
    _count_post(forum_id=locked.forum_id, post=post, new_topic=False)
    _after_posting(user=user, post=post, topic=locked)
    return post


def _after_posting(*, user, post: Post, topic: Topic) -> None:
    profile = MemberProfile.objects.get(user=user)
    if profile.watch_on_post:
        Subscription.objects.get_or_create(
            user=user, topic=topic, defaults={"level": Level.WATCHING}
        )
    ReadState.objects.update_or_create(
        user=user,
        topic=topic,
        defaults={"last_read_number": post.number, "read_at": post.created_at},
    )
    announce(post=post)
    count_follow_up_step(user=user, post=post, forum=topic.forum)


def count_follow_up_step(*, user, post: Post, forum: Forum) -> None:
    """A post in a cohort forum may be its author's follow-up step: when posted, and when a
    moderator restores it."""
    from .follow_up import completes_follow_up_step

    if user is None or not completes_follow_up_step(post=post, forum=forum):
        return
    follow_up_step_taken(user=user, edition_id=forum.edition_id)


@transaction.atomic
def post_edit(
    *, user: AnyUser, post: Post, source: str, now: datetime.datetime | None = None
) -> Post:
    now = now or timezone.now()
    if not permissions.can_edit_post(user, post, now=now):
        raise PermissionDenied
    source = _clean_source(source)
    locked = Post.objects.select_for_update().get(pk=post.pk)
    if locked.source == source:
        return post
    before = set(markup.mentioned_handles(locked.source))
    PostEdit.objects.create(post=locked, editor=user, edited_at=now, previous_source=locked.source)
    post.source = source
    post.html = markup.render(source, profile_urls=_profile_urls(source))
    post.edited_at = now
    post.edit_count = locked.edit_count + 1
    post.save(update_fields=["source", "html", "edited_at", "edit_count"])
    _announce_mentions(post=post, handles=set(markup.mentioned_handles(source)) - before, now=now)
    return post


@transaction.atomic
def post_delete(*, user: AnyUser, post: Post, now: datetime.datetime | None = None) -> Post:
    """The author takes their post down: it keeps its number and place in the thread, which
    reads "deleted by its author"; its words stay in the database for moderators."""
    from .moderation.move import recount_last_posts

    if not permissions.can_delete_post(user, post):
        raise PermissionDenied
    # The topic first, as every write does; then the post as it is now.
    Topic.objects.select_for_update().filter(pk=post.topic_id).values_list("pk", flat=True).get()
    if Post.objects.select_for_update().filter(pk=post.pk).exclude(removal="").exists():
        raise PermissionDenied
    post.removal = Removal.DELETED
    post.removed_at = now or timezone.now()
    post.removed_by = user
    post.save(update_fields=["removal", "removed_at", "removed_by"])
    recount_last_posts(post.topic)
    return post


# ---------------------------------------------------------------------------------------------
# Read state


def topic_mark_read(*, user: AnyUser, topic: Topic, up_to: int) -> None:
    """Remember that the member has read the topic up to post ``up_to``; never moves back."""
    if not user.is_authenticated:
        return
    up_to = min(up_to, topic.post_count)
    updated = ReadState.objects.filter(user=user, topic=topic, last_read_number__lt=up_to).update(
        last_read_number=up_to, read_at=timezone.now()
    )
    if not updated:
        ReadState.objects.get_or_create(
            user=user, topic=topic, defaults={"last_read_number": up_to}
        )


def read_state_prune(*, now: datetime.datetime | None = None) -> int:
    """Forget the read state of topics whose last post is past the read horizon: they count as
    read anyway, so the table only holds what people are reading now. Returns the rows deleted."""
    from .selectors import READ_HORIZON

    cutoff = (now or timezone.now()) - READ_HORIZON
    deleted, _by_model = ReadState.objects.filter(topic__last_post_at__lte=cutoff).delete()
    return deleted


@transaction.atomic
def forums_mark_read(*, user: AnyUser, forums: list[Forum]) -> None:
    """ "Mark all read" in these forums: what is there now counts as read."""
    now = timezone.now()
    for forum in forums:
        ForumReadMark.objects.update_or_create(user=user, forum=forum, defaults={"marked_at": now})
    ReadState.objects.filter(user=user, topic__forum__in=forums).delete()


# ---------------------------------------------------------------------------------------------
# Notification levels and notifications


def subscription_set(
    *, user: AnyUser, level: str, topic: Topic | None = None, forum: Forum | None = None
) -> Subscription:
    if (topic is None) == (forum is None):
        raise ValueError("Set the level of one topic or one forum.")
    if level not in Level.values:
        raise ValidationError({"level": _("Choose watching, normal or muted.")})
    target_forum = topic.forum if topic is not None else forum
    if not permissions.can_read_forum(user, target_forum):
        raise PermissionDenied
    subscription, _created = Subscription.objects.update_or_create(
        user=user,
        topic=topic,
        forum=None if topic is not None else forum,
        defaults={"level": level},
    )
    return subscription


def level_for(*, user: AnyUser, topic: Topic) -> str:
    """The member's effective level for a topic: the topic's own, else the forum's, else
    normal."""
    levels = dict(
        Subscription.objects.filter(user=user, topic=topic).values_list("topic_id", "level")
    )
    if topic.pk in levels:
        return levels[topic.pk]
    forum_level = (
        Subscription.objects.filter(user=user, forum_id=topic.forum_id)
        .values_list("level", flat=True)
        .first()
    )
    return forum_level or Level.NORMAL


# The strongest reason wins when one post concerns a member for several.
REASON_STRENGTH = [
    NotificationReason.MENTION,
    NotificationReason.QUOTE,
    NotificationReason.REPLY,
    NotificationReason.WATCHING,
]


def _levels(topic: Topic) -> tuple[dict[int, str], dict[int, str]]:
    """The levels members chose for the topic and for its forum, by user id."""
    topic_levels = dict(Subscription.objects.filter(topic=topic).values_list("user_id", "level"))
    forum_levels = dict(
        Subscription.objects.filter(forum_id=topic.forum_id).values_list("user_id", "level")
    )
    return topic_levels, forum_levels


def _recipients(post: Post, topic: Topic) -> dict[int, str]:
    """Who hears of ``post`` and why: watchers of the topic (or of its forum, unless the topic
    says otherwise), and, unless they muted it, the topic's author, the quoted author and the
    members mentioned. Never the poster; never anyone who may not read the forum."""
    topic_levels, forum_levels = _levels(topic)

    def level(user_id: int) -> str:
        return topic_levels.get(user_id) or forum_levels.get(user_id) or Level.NORMAL

    reasons: dict[int, list[str]] = {}

    def add(user_id: int | None, reason: str) -> None:
        if user_id and user_id != post.author_id and level(user_id) != Level.MUTED:
            reasons.setdefault(user_id, []).append(reason)

    for handle_user in _mentioned_profiles(post.source).values_list("user_id", flat=True):
        add(handle_user, NotificationReason.MENTION)
    if post.quoted_id:
        add(post.quoted.author_id, NotificationReason.QUOTE)
    if post.number > 1:
        add(topic.author_id, NotificationReason.REPLY)
    for user_id in set(topic_levels) | set(forum_levels):
        if level(user_id) == Level.WATCHING:
            add(user_id, NotificationReason.WATCHING)
    return {user_id: min(found, key=REASON_STRENGTH.index) for user_id, found in reasons.items()}


def announce(*, post: Post) -> list[Notification]:
    """One notification per member concerned, and their e-mails after the commit."""
    return _notify(post=post, recipients=_recipients(post, post.topic), at=post.created_at)


def _announce_mentions(*, post: Post, handles: set[str], now: datetime.datetime) -> None:
    """An edit that mentions someone new tells them, as a new post would; someone already told
    of this post (for any reason) is not told again, and a muted level still silences."""
    if not handles:
        return
    topic_levels, forum_levels = _levels(post.topic)
    profiles = MemberProfile.objects.filter(
        reduce(operator.or_, (Q(handle__iexact=handle) for handle in handles))
    )
    recipients = {
        user_id: NotificationReason.MENTION
        for user_id in profiles.values_list("user_id", flat=True)
        if user_id != post.author_id
        and (topic_levels.get(user_id) or forum_levels.get(user_id)) != Level.MUTED
    }
    _notify(post=post, recipients=recipients, at=now)


def _notify(*, post: Post, recipients: dict[int, str], at: datetime.datetime) -> list:
    """Notify these members who may read the post's forum (once per post: a member told before
    is left alone), and queue their e-mails after the commit."""
    from .notifications import send_immediate_mails

    if not recipients:
        return []
    readers = permissions.readers_among(list(recipients), post.topic.forum)
    notifications = Notification.objects.bulk_create(
        [
            Notification(user_id=user_id, post=post, reason=recipients[user_id], created_at=at)
            for user_id in sorted(readers)
        ],
        ignore_conflicts=True,
    )
    post_pk = post.pk
    transaction.on_commit(lambda: send_immediate_mails(post_id=post_pk))
    return notifications
