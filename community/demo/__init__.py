"""Demo content for the follow-up community: the Turin 2014 cohort forum, three communities of
practice and an open forum, with member profiles and threads posted through the community's
writes (``community.posting``), so that numbers, counters, notifications and read state are what
the site would have made.

The words are in ``community.yaml`` (forums and profiles), ``threads.yaml`` (the threads) and
``long_topic.yaml`` (a long weekly thread written from a few pieces) next to this module. The
people are the learning demo's (``learning/demo/``), found by their e-mail address.
``seed_community_demo(stdout=...)`` is idempotent: forums are found by their slug, profiles by
their account, threads by their forum and title, and only what is missing is created. With
``scale`` (``seed_demo --scale N``) it also adds the benchmark's forum data (``scale.py``).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from cms.demo.loader import load
from learning.models import EditionPage

from .. import markup, permissions, posting, read_state
from ..models import (
    Flag,
    Forum,
    ForumKind,
    MemberProfile,
    ModerationAction,
    ModerationVerb,
    Notification,
    Post,
    Topic,
)
from .scale import seed_forum_scale

# What people have read by the time the demo is loaded: everything posted more than this long
# before, so that only the last days' talk shows as new.
READ_ALONG = datetime.timedelta(days=7)
RELATIVE = re.compile(r"^(\d+) days? ago (\d\d):(\d\d)$")


def when(value: str | datetime.datetime, today: datetime.date) -> datetime.datetime:
    """A post's time from ``threads.yaml``: a date and time, or some days before today."""
    if isinstance(value, datetime.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    match = RELATIVE.match(value)
    if match:
        day = today - datetime.timedelta(days=int(match[1]))
        moment = datetime.datetime.combine(day, datetime.time(int(match[2]), int(match[3])))
    else:
        moment = datetime.datetime.fromisoformat(value)
    return timezone.make_aware(moment)


# ---------------------------------------------------------------------------------------------
# Forums and profiles


def _forums(specs: list[dict], stdout) -> dict[str, Forum]:
    forums = {}
    for spec in specs:
        forum = Forum.objects.filter(slug=spec["slug"]).first()
        if forum is None:
            edition = None
            if spec["kind"] == ForumKind.COHORT:
                edition = EditionPage.objects.filter(slug=spec["edition"]).first()
                if edition is None:
                    stdout.write(f"  no edition {spec['edition']}: forum {spec['slug']} left out")
                    continue
            forum = Forum(
                slug=spec["slug"],
                name=spec["name"],
                kind=spec["kind"],
                edition=edition,
                description=" ".join(spec["description"].split()),
                sort_order=spec["sort_order"],
            )
            forum.full_clean()
            forum.save()
        forums[forum.slug] = forum
    return forums


def _profiles(specs: list[dict], now: datetime.datetime) -> dict[str, MemberProfile]:
    """The demo people's profiles by handle; people without an account are left out."""
    emails = [spec["email"] for spec in specs]
    users = {user.email.lower(): user for user in get_user_model().objects.filter(email__in=emails)}
    existing = {
        profile.user_id: profile
        for profile in MemberProfile.objects.filter(user__in=users.values()).select_related("user")
    }
    profiles = {}
    for spec in specs:
        user = users.get(spec["email"].lower())
        if user is None:
            continue
        profile = existing.get(user.pk)
        if profile is None:
            profile = MemberProfile(
                user=user,
                handle=spec["handle"],
                display_name=user.get_full_name() or spec["handle"],
                organisation=spec["organisation"],
                role=spec["role"],
                city=spec["city"],
                country=spec["country"],
                bio=" ".join(spec["bio"].split()),
                visibility=spec["visibility"],
                email_frequency=spec["mail"],
                # The demo's history is not news: no digest goes back before the seeding.
                last_digest_at=now,
            )
            profile.full_clean()
            profile.save()
            profile.expertise.add(*spec["expertise"])
            profile.save()
        profiles[profile.handle] = profile
    return profiles


# ---------------------------------------------------------------------------------------------
# Threads


@dataclass
class _Step:
    at: datetime.datetime
    number: int
    author: MemberProfile
    text: str
    quote: int | None = None


@dataclass
class _Thread:
    forum: Forum
    title: str
    steps: list[_Step] = field(default_factory=list)
    pinned: bool = False
    flags: dict[int, dict] = field(default_factory=dict)
    topic: Topic | None = None
    posts: dict[int, Post] = field(default_factory=dict)


def _written_threads(
    specs: list[dict], forums: dict, profiles: dict, today: datetime.date
) -> list[_Thread]:
    threads = []
    for spec in specs:
        forum = forums.get(spec["forum"])
        if forum is None or any(post["by"] not in profiles for post in spec["posts"]):
            continue
        thread = _Thread(forum=forum, title=spec["title"], pinned=spec.get("pinned", False))
        for number, post in enumerate(spec["posts"], start=1):
            thread.steps.append(
                _Step(
                    at=when(post["when"], today),
                    number=number,
                    author=profiles[post["by"]],
                    text=post["text"].strip(),
                    quote=post.get("quote"),
                )
            )
            if "flag" in post:
                thread.flags[number] = {**post["flag"], "at": when(post["flag"]["when"], today)}
        threads.append(thread)
    return threads


def _long_thread(spec: dict, forums: dict, profiles: dict, today: datetime.date) -> list[_Thread]:
    """The weekly check-in: its replies written from the pieces in ``long_topic.yaml``."""
    forum = forums.get(spec["forum"])
    authors = [profiles[handle] for handle in spec["authors"] if handle in profiles]
    if forum is None or spec["first"]["by"] not in profiles or not authors:
        return []
    first_day, last_day = spec["first_days_ago"], spec["last_days_ago"]
    count = spec["posts"]
    thread = _Thread(forum=forum, title=spec["title"])

    def moment(number: int) -> datetime.datetime:
        days = first_day - (first_day - last_day) * (number - 1) / (count - 1)
        day = today - datetime.timedelta(days=round(days))
        hour = 8 + (number * 5) % 10
        return timezone.make_aware(
            datetime.datetime.combine(day, datetime.time(hour, (number * 17) % 60))
        )

    thread.steps.append(
        _Step(
            at=moment(1),
            number=1,
            author=profiles[spec["first"]["by"]],
            text=spec["first"]["text"].strip(),
        )
    )
    previous = thread.steps[0].author
    for number in range(2, count + 1):
        index = number - 2
        author = authors[index % len(authors)]
        if author.pk == previous.pk:
            author = authors[(index + 1) % len(authors)]
        city = author.city or "my city"
        if number % spec["reaction_every"] == 0:
            reaction = spec["reactions"][
                (number // spec["reaction_every"]) % len(spec["reactions"])
            ]
            text = reaction.format(handle=previous.handle, city=city)
        else:
            opening = spec["openings"][index % len(spec["openings"])].format(city=city)
            work = spec["work"][(index * 3) % len(spec["work"])]
            closing = spec["closings"][(index * 5) % len(spec["closings"])]
            text = " ".join(f"{opening} {work[0].upper()}{work[1:]} {closing}".split())
        thread.steps.append(_Step(at=moment(number), number=number, author=author, text=text))
        previous = author
    return [thread]


def _old_enough(steps: list[_Step]) -> None:
    """Accounts that joined well before their first post, as the posting limits expect of
    people who wrote these threads over the years."""
    first: dict[int, datetime.datetime] = {}
    for step in steps:
        user_id = step.author.user_id
        first[user_id] = min(step.at, first.get(user_id, step.at))
    user_model = get_user_model()
    for user_id, at in first.items():
        user_model.objects.filter(
            pk=user_id, date_joined__gt=at - datetime.timedelta(days=120)
        ).update(date_joined=at - datetime.timedelta(days=120))


def _post(step: _Step, thread: _Thread, handles: dict[int, str]) -> None:
    user = step.author.user
    user.refresh_from_db(fields=["date_joined"])
    source = step.text
    quoted = None
    if step.quote:
        quoted = thread.posts[step.quote]
        first_paragraph = quoted.source.split("\n\n")[0]
        source = (
            markup.quote(
                first_paragraph, handle=handles.get(quoted.author_id), number=quoted.number
            )
            + source
        )
    if step.number == 1:
        thread.topic = posting.topic_create(
            user=user, forum=thread.forum, title=thread.title, source=source, now=step.at
        )
        thread.posts[1] = thread.topic.last_post
    else:
        thread.posts[step.number] = posting.topic_reply(
            user=user, topic=thread.topic, source=source, quoted=quoted, now=step.at
        )


def _moderate(thread: _Thread, profiles: dict) -> None:
    """Pins and flags, as the forum's moderators and members left them."""
    topic = thread.topic
    moderator = _moderator_of(thread.forum, profiles)
    if thread.pinned and moderator is not None:
        Topic.objects.filter(pk=topic.pk).update(pinned=True)
        ModerationAction.objects.create(
            moderator=moderator,
            verb=ModerationVerb.PIN,
            forum=thread.forum,
            topic=topic,
            created_at=topic.created_at + datetime.timedelta(minutes=5),
        )
    for number, spec in thread.flags.items():
        reporter = profiles[spec["by"]].user
        Flag.objects.get_or_create(
            post=thread.posts[number],
            reporter=reporter,
            resolved_at=None,
            defaults={
                "reason": spec["reason"],
                "note": " ".join(spec["note"].split()),
                "created_at": spec["at"],
            },
        )


def _moderator_of(forum: Forum, profiles: dict):
    """The forum's facilitator among the demo people, else the first editor."""
    for profile in profiles.values():
        if permissions.can_moderate_forum(profile.user, forum):
            return profile.user
    return (
        ModelBackend()
        .with_perm(permissions.MODERATE_EVERY_FORUM, include_superusers=False)
        .order_by("pk")
        .first()
    )


def _read_along(threads: list[_Thread], profiles: dict, now: datetime.datetime) -> None:
    """Everyone has read what was posted more than ``READ_ALONG`` ago, and the notifications of
    it; the demo's history was never e-mailed (its mails are claimed, so none goes out)."""
    topics = [thread.topic for thread in threads]
    horizon = now - READ_ALONG
    read_up_to = dict(
        Post.objects.filter(topic__in=topics, created_at__lte=horizon)
        .values("topic_id")
        .annotate(last=Max("number"))
        .values_list("topic_id", "last")
    )
    for profile in profiles.values():
        for topic in topics:
            if read_up_to.get(topic.pk) and permissions.can_read_forum(profile.user, topic.forum):
                read_state.topic_mark_read(
                    user=profile.user, topic=topic, up_to=read_up_to[topic.pk]
                )
    seeded = Notification.objects.filter(post__topic__in=topics)
    seeded.filter(created_at__lte=horizon, read_at__isnull=True).update(
        read_at=F("created_at") + datetime.timedelta(hours=3)
    )
    seeded.filter(emailed_at__isnull=True).update(emailed_at=now)


def _new_threads(threads: list[_Thread]) -> list[_Thread]:
    existing = set(
        Topic.objects.filter(
            forum__in={thread.forum for thread in threads},
        ).values_list("forum_id", "title")
    )
    return [thread for thread in threads if (thread.forum.pk, thread.title) not in existing]


@transaction.atomic
def seed_community_demo(*, stdout, scale: int = 0) -> list[tuple[str, str]]:
    """Create (or complete) the community demo; safe to call any number of times. With a
    ``scale`` of 1 or more (``seed_demo --scale N``), also the benchmark's forum data."""
    stdout.write("Community:")
    now = timezone.now()
    today = timezone.localdate(now)
    words = load("community.demo", "community")
    profiles = _profiles(words["people"], now)
    if not profiles:
        stdout.write(
            "  no demo people (the academy demo is missing): the community was not created"
        )
        return []
    forums = _forums(words["forums"], stdout)
    threads = _written_threads(
        load("community.demo", "threads")["threads"], forums, profiles, today
    )
    threads += _long_thread(load("community.demo", "long_topic"), forums, profiles, today)
    threads = _new_threads(threads)
    # In time order across threads, as people wrote them: the posting limits hold throughout.
    steps = sorted(
        ((step, thread) for thread in threads for step in thread.steps),
        key=lambda pair: (pair[0].at, pair[0].number),
    )
    _old_enough([step for step, _thread in steps])
    handles = {profile.user_id: handle for handle, profile in profiles.items()}
    for step, thread in steps:
        _post(step, thread, handles)
    for thread in threads:
        _moderate(thread, profiles)
    _read_along(threads, profiles, now)
    posts = sum(len(thread.steps) for thread in threads)
    stdout.write(
        f"  {len(forums)} forums, {len(profiles)} profiles; this run: {len(threads)} threads, "
        f"{posts} posts"
    )
    if scale >= 1:
        seed_forum_scale(scale=scale, forums=list(forums.values()), stdout=stdout)
    return []
