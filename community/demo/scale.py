"""The forum data of ``seed_demo --scale N``: about 300 * N topics spread over the demo forums and
one thread of 50,000 * N posts, for measuring the forum pages at the size of a busy community.

Written in bulk, but each row as posting would have left it: posts numbered 1, 2, 3...
in each topic in time order, their HTML rendered from Markdown (a few distinct bodies, rendered
once), authors who may post in the forum and whose posts respect the posting limits, topic and
forum counters and last posts equal to the real counts, the authors' read state and
notification levels, and the posts in the search index. Nobody is notified of generated posts.
Running it again adds only what is missing (the long thread grows to the asked size).
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Iterator
from itertools import islice

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.text import slugify
from wagtail.search.backends import get_search_backend

from cms.demo.loader import load

from .. import markup, permissions
from ..models import (
    Forum,
    ForumKind,
    Level,
    MemberProfile,
    NotificationLevel,
    Post,
    ReadState,
    Topic,
)

BATCH = 5000
# Generated topics take the last GENERATED_DAYS before the seeding; the long thread takes the
# LONG_DAYS before them, so that no author's generated posts come seconds apart.
GENERATED_DAYS = 200
LONG_DAYS = 400


def _batches(items: list, size: int = BATCH) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


class _Bodies:
    """The Markdown bodies of generated posts and their HTML, rendered once each."""

    def __init__(self, texts: list[str]) -> None:
        self.sources = [" ".join(text.split()) for text in texts]
        self.html = [markup.render(source) for source in self.sources]

    def __getitem__(self, index: int) -> tuple[str, str]:
        index %= len(self.sources)
        return self.sources[index], self.html[index]


def _authors(forum: Forum, candidates: list[int]) -> list[int]:
    """The demo people who may post in the forum, in a fixed order."""
    return sorted(permissions.readers_among(candidates, forum))


def _old_enough(user_ids: set[int], before: datetime.datetime) -> None:
    """Accounts older than their first generated post, as the first-day limits expect."""
    get_user_model().objects.filter(pk__in=user_ids, date_joined__gt=before).update(
        date_joined=before
    )


def _posts(
    topic: Topic,
    *,
    first_number: int,
    count: int,
    start: datetime.datetime,
    step: datetime.timedelta,
    authors: list[int],
    bodies: _Bodies,
    offset: int = 0,
) -> list[Post]:
    posts = []
    for index in range(count):
        number = first_number + index
        source, html = bodies[offset + index]
        posts.append(
            Post(
                topic=topic,
                forum_id=topic.forum_id,
                number=number,
                author_id=authors[(offset + index) % len(authors)],
                source=source,
                html=html,
                created_at=start + step * index,
            )
        )
    return posts


def _record_posting(topic_ids: list[int]) -> None:
    """What posting leaves besides the post: each author watches the topic (their default) and
    has read it up to their last post."""
    watchers = set(
        MemberProfile.objects.filter(watch_on_post=True).values_list("user_id", flat=True)
    )
    last_read = (
        Post.objects.filter(topic_id__in=topic_ids)
        .values("topic_id", "author_id")
        .annotate(last=Max("number"), at=Max("created_at"))
    )
    reads, levels = [], []
    for row in last_read:
        reads.append(
            ReadState(
                user_id=row["author_id"],
                topic_id=row["topic_id"],
                last_read_number=row["last"],
                read_at=row["at"],
            )
        )
        if row["author_id"] in watchers:
            levels.append(
                NotificationLevel(
                    user_id=row["author_id"], topic_id=row["topic_id"], level=Level.WATCHING
                )
            )
    ReadState.objects.bulk_create(
        reads,
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["user", "topic"],
        update_fields=["last_read_number", "read_at"],
    )
    NotificationLevel.objects.bulk_create(levels, batch_size=BATCH, ignore_conflicts=True)


def _count(topic_ids: list[int], forums: list[Forum]) -> None:
    """Counters and last posts from the real rows, as ``community.counters`` keeps them."""
    topics = list(Topic.objects.filter(pk__in=topic_ids))
    last = dict(
        Post.objects.filter(topic_id__in=topic_ids)
        .values("topic_id")
        .annotate(number=Max("number"))
        .values_list("topic_id", "number")
    )
    last_posts = {
        (post.topic_id, post.number): post
        for post in Post.objects.filter(topic_id__in=topic_ids, number__in=set(last.values())).only(
            "pk", "topic_id", "number", "created_at"
        )
    }
    for topic in topics:
        post = last_posts[(topic.pk, last[topic.pk])]
        topic.post_count, topic.last_post, topic.last_post_at = post.number, post, post.created_at
    Topic.objects.bulk_update(topics, ["post_count", "last_post", "last_post_at"], batch_size=1000)
    for forum in forums:
        latest = (
            Post.objects.filter(forum=forum).order_by("-created_at", "-pk").only("pk", "created_at")
        ).first()
        Forum.objects.filter(pk=forum.pk).update(
            topic_count=Topic.objects.filter(forum=forum).count(),
            post_count=Post.objects.filter(forum=forum).count(),
            last_post=latest,
            last_post_at=latest.created_at if latest else None,
        )


def _index(posts: list[Post]) -> None:
    backend = get_search_backend()
    for batch in _batches(posts, 2000):
        backend.add_bulk(Post, batch)


def _long_topic(
    spec: dict, target: int, forum: Forum, authors: list[int], bodies: _Bodies, now
) -> tuple[Topic | None, list[Post]]:
    """The long thread, grown to ``target`` posts over the LONG_DAYS before the generated
    topics, in a fixed order of authors (each posts every few minutes at most)."""
    end = now - datetime.timedelta(days=GENERATED_DAYS + 1)
    topic = Topic.objects.filter(forum=forum, title=spec["title"]).first()
    if topic is not None and topic.post_count >= target:
        return topic, []
    if topic is None:
        start = end - datetime.timedelta(days=LONG_DAYS)
        topic = Topic.objects.create(
            forum=forum,
            title=spec["title"],
            author_id=authors[0],
            created_at=start,
            last_post_at=start,
        )
        have = 0
    else:
        have, start = topic.post_count, topic.last_post_at + datetime.timedelta(minutes=1)
    count = target - have
    step = (end - start) / count
    posts = []
    for batch_start in range(0, count, BATCH):
        batch = _posts(
            topic,
            first_number=have + batch_start + 1,
            count=min(BATCH, count - batch_start),
            start=start + step * batch_start,
            step=step,
            authors=authors,
            bodies=bodies,
            offset=have + batch_start,
        )
        posts.extend(Post.objects.bulk_create(batch))
    return topic, posts


def _generated_topics(
    words: dict, wanted: int, forums: list[Forum], candidates: list[int], bodies, answers, now
) -> tuple[list[int], list[Post]]:
    """Topics of a question and up to eight answers, taking the forums in turn."""
    subjects, cities = words["subjects"], words["city_names"]
    titles = []
    for number in range(wanted):
        subject = subjects[number % len(subjects)]
        city = cities[(number // len(subjects)) % len(cities)]
        round_ = number // (len(subjects) * len(cities))
        titles.append(f"{subject}: {city}" + (f" ({round_ + 1})" if round_ else ""))
    existing = set(
        Topic.objects.filter(forum__in=forums, title__in=titles).values_list("title", flat=True)
    )
    authors = {forum.pk: _authors(forum, candidates) for forum in forums}
    usable = [forum for forum in forums if len(authors[forum.pk]) >= 2]
    if not usable:
        return [], []
    window = datetime.timedelta(days=GENERATED_DAYS)
    start = now - window - datetime.timedelta(hours=1)
    spacing = window / max(1, wanted)
    topics, plans = [], []
    for number, title in enumerate(titles):
        if title in existing:
            continue
        forum = usable[number % len(usable)]
        people = authors[forum.pk]
        at = start + spacing * number
        topic = Topic(
            forum=forum,
            title=title,
            author_id=people[number % len(people)],
            created_at=at,
            last_post_at=at,
        )
        # bulk_create skips Topic.save(), which makes the slug.
        topic.slug = slugify(title)[:80].strip("-") or "topic"
        topics.append(topic)
        plans.append((number, 1 + number % 9))
    Topic.objects.bulk_create(topics, batch_size=1000)
    posts = []
    for topic, (number, size) in zip(topics, plans, strict=True):
        people = authors[topic.forum_id]
        # The author asks, then others answer, one every quarter of an hour.
        order = [people[(number + k) % len(people)] for k in range(size)]
        for index, author_id in enumerate(order):
            source, html = (bodies if index == 0 else answers)[number + index]
            posts.append(
                Post(
                    topic=topic,
                    forum_id=topic.forum_id,
                    number=index + 1,
                    author_id=author_id,
                    source=source,
                    html=html,
                    created_at=topic.created_at + datetime.timedelta(minutes=15 * index),
                )
            )
    created = []
    for batch in _batches(posts):
        created.extend(Post.objects.bulk_create(batch))
    return [topic.pk for topic in topics], created


def seed_forum_scale(
    *,
    scale: int,
    forums: list[Forum],
    stdout,
    topics: int | None = None,
    long_posts: int | None = None,
) -> Topic | None:
    """Add the benchmark's forum data for ``seed_demo --scale N``; returns the long thread.
    ``topics`` and ``long_posts`` replace the sizes that ``scale`` gives (for tests)."""
    started = time.monotonic()
    words = load("community.demo", "scale")
    # The test settings shrink the sizes: the suite checks the shape, the benchmark needs the bulk.
    words.update(getattr(settings, "DEMO_FORUM_SCALE_SIZES", {}))
    now = timezone.now()
    open_forums = [forum for forum in forums if not forum.archived]
    by_slug = {forum.slug: forum for forum in open_forums}
    long_forum = by_slug.get(words["long_topic"]["forum"]) or next(
        (forum for forum in open_forums if forum.kind == ForumKind.GENERAL), None
    )
    candidates = list(MemberProfile.objects.values_list("user_id", flat=True))
    if long_forum is None or not candidates:
        stdout.write("  no open forum or member for the scale data: left out")
        return None
    questions = _Bodies(words["questions"])
    answers = _Bodies(words["answers"])

    topic_ids, generated = _generated_topics(
        words,
        words["topics_per_scale"] * scale if topics is None else topics,
        # The cohort forum's follow-up is history: generated talk goes to the open forums.
        [forum for forum in open_forums if forum.kind != ForumKind.COHORT],
        candidates,
        questions,
        answers,
        now,
    )
    long_authors = _authors(long_forum, candidates)
    long_topic, long_posts = _long_topic(
        words["long_topic"],
        words["long_posts_per_scale"] * scale if long_posts is None else long_posts,
        long_forum,
        long_authors,
        answers,
        now,
    )
    changed = topic_ids + ([long_topic.pk] if long_posts else [])
    if changed:
        first = Post.objects.filter(topic_id__in=changed).aggregate(at=Min("created_at"))["at"]
        _old_enough(set(long_authors) | set(candidates), first - datetime.timedelta(days=2))
        _record_posting(changed)
        _count(changed, open_forums)
        _index(generated + long_posts)
    long_topic.refresh_from_db()
    stdout.write(
        f"  scale {scale}: {len(topic_ids)} topics and {len(generated) + len(long_posts)} posts "
        f"added in {time.monotonic() - started:.1f} s; the long thread has "
        f"{long_topic.post_count} posts"
    )
    return long_topic
