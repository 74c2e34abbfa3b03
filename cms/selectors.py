"""Reads for the public site: each listing is assembled here in a fixed number of queries."""

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.core.validators import slug_unicode_re
from django.db.models import Q
from django.http import QueryDict
from taggit.models import Tag
from wagtail.models import Page
from wagtail.search.utils import parse_query_string

from cms.models import (
    HomePage,
    KitPage,
    NewsIndexPage,
    NewsPage,
    PracticeIndexPage,
    PracticePage,
)
from cms.models.base import site_pages
from cms.models.images import card_renditions
from cms.models.news import NEWS_PER_PAGE
from cms.models.practices import PRACTICES_PER_PAGE

NEWS_RENDITION = "fill-640x360|format-webp"
SEARCH_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def paginate(items, *, per_page: int, page_number: str | None) -> PaginatorPage:
    """A page of results; a missing, malformed or too-large number falls back to a real page."""
    return Paginator(items, per_page).get_page(page_number)


def practice_listing(*, index: PracticeIndexPage, params: QueryDict) -> dict:
    from cms.filters import PracticeFilter

    practices = PracticePage.objects.live().public().child_of(index).order_by("title").for_cards()
    practice_filter = PracticeFilter(params or None, queryset=practices)
    page = paginate(
        practice_filter.qs.distinct(),
        per_page=PRACTICES_PER_PAGE,
        page_number=params.get("page"),
    )
    filters_only = params.copy()
    filters_only.pop("page", None)
    return {
        "practice_filter": practice_filter,
        "practices": page,
        "filter_querystring": filters_only.urlencode(),
        "is_filtered": any(params.get(name) for name in practice_filter.filters),
    }


def related_practices(*, practice: PracticePage, limit: int = 3) -> list[PracticePage]:
    """Live practices sharing a policy field or a tag, those sharing most first."""
    policy_ids = list(practice.policy_fields.values_list("pk", flat=True))
    tag_ids = list(practice.tags.values_list("pk", flat=True))
    if not (policy_ids or tag_ids):
        return []
    return list(
        PracticePage.objects.live()
        .public()
        .filter(Q(policy_fields__in=policy_ids) | Q(tags__in=tag_ids))
        .exclude(pk=practice.pk)
        .distinct()
        .order_by("title")
        .for_cards()[:limit]
    )


def featured_practices(*, home: HomePage) -> list[PracticePage]:
    ids = list(home.featured_practices.order_by("sort_order").values_list("practice_id", flat=True))
    practices = PracticePage.objects.live().public().filter(pk__in=ids).for_cards().in_bulk()
    return [practices[pk] for pk in ids if pk in practices]


def _news_for_cards(queryset):
    return queryset.select_related("listing_image").prefetch_related(
        card_renditions("listing_image", NEWS_RENDITION), "tags"
    )


def latest_news(*, limit: int) -> list[NewsPage]:
    return list(_news_for_cards(NewsPage.objects.live().public().order_by("-date", "-pk"))[:limit])


def news_listing(*, index: NewsIndexPage, params: QueryDict) -> dict:
    updates = NewsPage.objects.live().public().child_of(index).order_by("-date", "-pk")
    tag = None
    tag_slug = params.get("tag", "")
    if tag_slug and slug_unicode_re.match(tag_slug):
        tag = Tag.objects.filter(slug=tag_slug).first()
    if tag_slug:
        updates = updates.filter(tags=tag) if tag else updates.none()
    page = paginate(
        _news_for_cards(updates), per_page=NEWS_PER_PAGE, page_number=params.get("page")
    )
    return {
        "news_updates": page,
        "current_tag": tag,
        "unknown_tag": bool(tag_slug) and tag is None,
        "all_tags": Tag.objects.filter(cms_newspagetag_items__isnull=False)
        .distinct()
        .order_by("name"),
    }


def kit_contents(*, kit: KitPage) -> dict:
    practices = list(
        PracticePage.objects.live()
        .public()
        .filter(Q(infosheet__isnull=False) | ~Q(video_url=""))
        .select_related("infosheet")
        .order_by("title")
    )
    return {
        "discussion_paper": kit.discussion_paper,
        "extra_documents": list(kit.extra_documents.select_related("document")),
        "infosheets": [p for p in practices if p.infosheet_id],
        "videos": [p for p in practices if p.video_url],
    }


def search_pages(*, query: str, page_number: str | None) -> dict:
    """Full-text search over live public pages; overlong queries are cut, not refused."""
    # Control characters (a NUL byte in particular) are refused by PostgreSQL; drop them.
    query = " ".join("".join(ch for ch in query if ch.isprintable() or ch.isspace()).split())
    truncated = len(query) > MAX_QUERY_LENGTH
    query = query[:MAX_QUERY_LENGTH]
    if not query:
        return {"query": "", "results": None, "truncated": False}
    # Parsing turns stray quotes and operators into plain terms the search backend accepts.
    _filters, parsed_query = parse_query_string(query, operator="and")
    results = site_pages().live().public().search(parsed_query)
    page = paginate(results, per_page=SEARCH_PER_PAGE, page_number=page_number)
    ids = [result.pk for result in page.object_list]
    specific = Page.objects.filter(pk__in=ids).specific().in_bulk()
    page.object_list = [specific[pk] for pk in ids if pk in specific]
    return {"query": query, "results": page, "truncated": truncated}
