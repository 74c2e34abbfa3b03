"""Reads for the community's pages: the forum index, a forum's topics, a topic's posts and search,
each assembled in a fixed number of queries whatever the number of forums, topics or posts, with
what the member has not read yet."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import parse_query_string

from cms.accounts.types import AnyUser

from . import markup, permissions
from .models import Forum, ForumKind, Post, Topic
from .profiles import display_name, loaded_profile
from .read_state import (
    READ_HORIZON,
    Unread,
    forum_read_mark,
    read_to,
    unread_in,
    unread_topic_counts,
    with_read_state,
)

TOPICS_PER_PAGE = 30
POSTS_PER_PAGE = 20
SEARCH_PER_PAGE = 20
SEARCH_TOPICS_SHOWN = 10
MAX_QUERY_LENGTH = 200


# ---------------------------------------------------------------------------------------------
# People and addresses


@dataclass(frozen=True)
class Author:
    """How a poster appears to the viewer: a name, and their profile's address when the viewer
    may see it."""

    name: str
    url: str | None = None


def author_of(user, *, viewer: AnyUser) -> Author:
    """``user`` must come with ``member_profile`` selected, so that no query is made."""
    profile = loaded_profile(user)
    if profile is None:
        return Author(display_name(user))
    url = profile.get_absolute_url() if permissions.can_view_profile(viewer, profile) else None
    return Author(display_name(user), url)


def page_of(number: int) -> int:
    """The page of a topic that shows post ``number``."""
    return max(1, (number - 1) // POSTS_PER_PAGE + 1)


def post_url(topic: Topic, number: int) -> str:
    """The address of post ``number`` on its page (``topic.forum`` must be loaded)."""
    return f"{topic.get_absolute_url()}?page={page_of(number)}#post-{number}"


def _page_number(value, last: int) -> int:
    """A page number from the query string; anything that is not one gives the first page, and a
    number past the end the last."""
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 9:
        return 1
    return min(max(1, int(text)), last)


# ---------------------------------------------------------------------------------------------
# The forum index


@dataclass
class ForumRow:
    forum: Forum
    unread_topics: int
    last_author: Author | None
    last_post_url: str | None


@dataclass
class ForumGroup:
    key: str
    title: str
    rows: list[ForumRow] = field(default_factory=list)


def forum_index(*, user: AnyUser, now: datetime.datetime | None = None) -> list[ForumGroup]:
    """The forums the member may read, grouped: their cohort forums, the communities of practice,
    the general forums, then the archived ones. Empty groups are left out. Four queries."""
    forums = list(
        permissions.readable_forums(user)
        .select_related("last_post__author__member_profile", "last_post__topic__forum")
        .order_by("sort_order", "name")
    )
    unread = unread_topic_counts(user=user, forum_ids=[forum.pk for forum in forums], now=now)
    mine = permissions.standing(user)
    own_editions = mine.trainee_of | mine.facilitator_of
    groups = {
        "cohort": ForumGroup("cohort", _("Your cohort")),
        "thematic": ForumGroup("thematic", _("Communities of practice")),
        "general": ForumGroup("general", _("Open to all members")),
        "archived": ForumGroup("archived", _("Archived forums")),
    }
    # Your own edition's cohort forum before other cohorts (which only moderators of every forum
    # see); sorted() keeps the forums' own order otherwise.
    forums = sorted(
        forums,
        key=lambda forum: forum.kind != ForumKind.COHORT or forum.edition_id not in own_editions,
    )
    for forum in forums:
        last = forum.last_post
        row = ForumRow(
            forum=forum,
            unread_topics=unread.get(forum.pk, 0),
            last_author=author_of(last.author, viewer=user) if last else None,
            last_post_url=post_url(last.topic, last.number) if last else None,
        )
        key = "archived" if forum.archived else forum.kind
        groups[key].rows.append(row)
    if any(f.kind == ForumKind.COHORT and f.edition_id not in own_editions for f in forums):
        groups["cohort"].title = _("Cohort forums")
    return [group for group in groups.values() if group.rows]


# ---------------------------------------------------------------------------------------------
# A forum's topics


def readable_forum(*, user: AnyUser, slug: str) -> Forum | None:
    """The forum at this address if the member may read it; None hides the others."""
    forum = Forum.objects.filter(slug=slug).first()
    if forum is None or not permissions.can_read_forum(user, forum):
        return None
    return forum


@dataclass
class TopicRow:
    topic: Topic
    author: Author
    last_author: Author | None
    last_post_url: str
    unread: Unread

    @property
    def replies(self) -> int:
        return max(0, self.topic.post_count - 1)

    @property
    def first_unread_url(self) -> str | None:
        if self.unread.first is None:
            return None
        if self.unread.new:
            return self.topic.get_absolute_url()
        return post_url(self.topic, self.unread.first)


class PageLinks:
    """What the page links need: ``number`` of ``num_pages``, and the numbers to link to (the
    first, the last and the neighbours of the current one; None where some are left out)."""

    number: int
    num_pages: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def page_links(self) -> list[int | None]:
        wanted = {1, self.num_pages} | set(range(self.number - 2, self.number + 3))
        shown = sorted(n for n in wanted if 1 <= n <= self.num_pages)
        links: list[int | None] = []
        for n in shown:
            if links and n - links[-1] > 1:
                links.append(None)
            links.append(n)
        return links


@dataclass
class TopicList(PageLinks):
    forum: Forum
    rows: list[TopicRow]
    number: int
    num_pages: int


def topic_list(
    *, user: AnyUser, forum: Forum, page: str | None, now: datetime.datetime | None = None
) -> TopicList:
    """One page of the forum's topics, pinned first, then by last post. The number of pages comes
    from the forum's counter, so a page is two queries however many topics there are."""
    num_pages = max(1, math.ceil(forum.topic_count / TOPICS_PER_PAGE))
    number = _page_number(page, num_pages)
    mark = forum_read_mark(user=user, forum=forum)
    horizon = (now or timezone.now()) - READ_HORIZON
    topics = with_read_state(
        Topic.objects.filter(forum=forum).select_related(
            "author__member_profile", "last_post__author__member_profile"
        ),
        user=user,
        mark=mark,
        horizon=horizon,
    ).order_by("-pinned", "-last_post_at", "-id")
    start = (number - 1) * TOPICS_PER_PAGE
    rows = []
    for topic in topics[start : start + TOPICS_PER_PAGE]:
        topic.forum = forum
        last = topic.last_post
        rows.append(
            TopicRow(
                topic=topic,
                author=author_of(topic.author, viewer=user),
                last_author=author_of(last.author, viewer=user) if last else None,
                last_post_url=post_url(topic, last.number if last else topic.post_count),
                unread=unread_in(topic, mark=mark, horizon=horizon),
            )
        )
    return TopicList(forum=forum, rows=rows, number=number, num_pages=num_pages)


# ---------------------------------------------------------------------------------------------
# A topic's posts


def readable_topic(*, user: AnyUser, topic_id: int) -> Topic | None:
    """The topic if the member may read its forum, with ``read_to``: the last post the member has
    read in it (or None). Found by its id alone, so that links made before the topic moved to
    another forum still lead to it."""
    topic = (
        Topic.objects.select_related("forum", "author__member_profile")
        .filter(pk=topic_id)
        .annotate(read_to=read_to(user))
        .first()
    )
    if topic is None or not permissions.can_read_forum(user, topic.forum):
        return None
    return topic


def readable_post(*, user: AnyUser, post_id: int) -> Post | None:
    """A post with its topic, forum and author's profile, if the member may read its forum;
    hidden and deleted posts too (their place in the topic is shown, and moderators act on
    them): ask ``post.is_visible`` for their words."""
    post = (
        Post.objects.select_related("topic__forum", "author__member_profile")
        .filter(pk=post_id)
        .first()
    )
    if post is None or not permissions.can_read_forum(user, post.topic.forum):
        return None
    return post


def post_in_topic(*, topic: Topic, post_id) -> Post | None:
    text = str(post_id or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 18:
        return None
    return Post.objects.filter(topic=topic, pk=int(text)).first()


@dataclass
class PostEntry:
    """A post as an entry of the topic's page for the viewer: whether its words are shown and
    what they may do with it."""

    post: Post
    author: Author
    show_text: bool
    # A moderator's reason for hiding it: for moderators and the post's author only.
    show_reason: bool
    can_edit: bool
    can_delete: bool
    can_quote: bool
    handle: str | None


@dataclass
class TopicPage(PageLinks):
    topic: Topic
    posts: list[PostEntry]
    number: int
    num_pages: int
    first_number: int
    last_number: int


def topic_num_pages(topic: Topic) -> int:
    return max(1, math.ceil(topic.post_count / POSTS_PER_PAGE))


def page_for_post(topic: Topic, value) -> int | None:
    """The page holding post ``value`` (from ``?post=``); a number past the end gives the last
    page, anything that is not a number None."""
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 9:
        return None
    return min(page_of(int(text)), topic_num_pages(topic))


def topic_page(*, user: AnyUser, topic: Topic, page: str | None) -> TopicPage:
    """Posts ``(k-1)*20+1 .. k*20`` of the topic, read through the (topic, number) index: the
    last page of a long topic costs what the first does. One query."""
    num_pages = topic_num_pages(topic)
    number = _page_number(page, num_pages)
    first = (number - 1) * POSTS_PER_PAGE + 1
    last = min(number * POSTS_PER_PAGE, topic.post_count)
    posts = Post.objects.filter(topic=topic, number__gte=first, number__lte=last).select_related(
        "author__member_profile"
    )
    moderates = permissions.can_moderate_forum(user, topic.forum)
    entries = []
    for post in posts.order_by("number"):
        post.topic = topic
        profile = loaded_profile(post.author)
        mine = post.author_id is not None and post.author_id == user.pk
        entries.append(
            PostEntry(
                post=post,
                author=author_of(post.author, viewer=user),
                show_text=post.is_visible or moderates,
                show_reason=moderates or mine,
                can_edit=permissions.can_edit_post(user, post),
                can_delete=permissions.can_delete_post(user, post),
                can_quote=post.is_visible,
                handle=profile.handle if profile else None,
            )
        )
    return TopicPage(
        topic=topic,
        posts=entries,
        number=number,
        num_pages=num_pages,
        first_number=first,
        last_number=last,
    )


# ---------------------------------------------------------------------------------------------
# Search


def clean_query(query: str) -> tuple[str, bool]:
    """The query without control characters (PostgreSQL refuses a NUL byte), spaces collapsed,
    cut to ``MAX_QUERY_LENGTH``; and whether it was cut."""
    query = " ".join("".join(ch for ch in query if ch.isprintable() or ch.isspace()).split())
    return query[:MAX_QUERY_LENGTH], len(query) > MAX_QUERY_LENGTH


@dataclass
class SearchHit:
    post: Post
    author: Author
    url: str
    excerpt: str


def search(*, user: AnyUser, query: str, page: str | None) -> dict:
    """Posts and topic titles matching the query, only in forums the member may read; hidden and
    deleted posts never match."""
    query, truncated = clean_query(query or "")
    if not query:
        return {"query": "", "topics": [], "results": None, "truncated": False}
    forum_ids = list(permissions.readable_forums(user).values_list("pk", flat=True))
    _filters, parsed = parse_query_string(query, operator="and")
    backend = get_search_backend()
    topics = list(
        backend.search(
            parsed, Topic.objects.filter(forum_id__in=forum_ids).select_related("forum")
        )[:SEARCH_TOPICS_SHOWN]
    )
    posts = backend.search(
        parsed,
        Post.objects.filter(forum_id__in=forum_ids, removal="").select_related(
            "topic__forum", "author__member_profile"
        ),
    )
    results: Page = Paginator(posts, SEARCH_PER_PAGE).get_page(page)
    results.object_list = [
        SearchHit(
            post=post,
            author=author_of(post.author, viewer=user),
            url=post_url(post.topic, post.number),
            excerpt=markup.plain_text(post.html),
        )
        for post in results.object_list
    ]
    return {"query": query, "topics": topics, "results": results, "truncated": truncated}
