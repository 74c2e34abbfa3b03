"""The anonymous page cache: whole responses of public pages, kept in the shared cache.

A response is stored only when every rule below holds, and served only to a request that could
have produced it: a GET or HEAD without a session or messages cookie. Pages say whether they are
public (the ``before_serve_page`` hook and ``public_view`` mark them); the middleware stores a
page's 200 response when nobody is signed in, no message is shown, no cookie is set (a page that
embeds a CSRF token always sets one) and the page has no view restriction. Keys name the site
(scheme, host and port), the path, the sorted query, the language, the encoding and the day, so a
page that changes with the date (the current edition) is rebuilt after midnight. Only 200s are
kept: a 404 for every made-up address would let anyone fill the cache, and redirects are cheap.

Every key also holds a site-wide generation that lives in the shared cache itself: publishing,
unpublishing, moving or deleting a page and saving a snippet, a setting, an image or a document
replaces it, so all web processes stop using the old entries at once. The generation records when
it began, which is the ``Last-Modified`` of every cached page.
"""

from __future__ import annotations

import datetime
import hashlib
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.utils import timezone, translation
from django.utils.cache import cc_delim_re, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from cms.request_memory import forget, remembered

GENERATION_KEY = "pagecache:generation"
# How long browsers and shared caches (a CDN) may reuse a page without asking again; after that
# they revalidate with If-None-Match / If-Modified-Since and usually get a 304.
CLIENT_MAX_AGE = 60
# Request headers the stored response may vary on; each is part of the key (cookies because only
# requests without a session or messages cookie ever reach the cache).
KEYED_VARY_HEADERS = {"cookie", "accept-encoding", "accept-language"}
BYPASS_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")

# Addresses the page cache and compression leave entirely alone: the health check must answer
# without the cache, the session or the database, even when the shared cache is down.
UNTOUCHED_PATHS = frozenset({"/healthz"})

PUBLIC = "public"
PRIVATE = "private"


def cache_seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0))


def page_cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


# The generation ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Generation:
    token: str
    # Whole seconds since the epoch; each new generation starts at least a second after the last,
    # so a client that saw the old one never gets a 304 for the new one.
    started: int


def _new_generation(previous: Generation | None) -> Generation:
    started = int(time.time())
    if previous is not None:
        started = max(started, previous.started + 1)
    return Generation(token=uuid.uuid4().hex, started=started)


def current_generation() -> Generation:
    cache = page_cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # A random token, not a counter: if the key is ever evicted, the new generation can never
        # match entries stored under an old one. `add` lets the first process win a race.
        cache.add(GENERATION_KEY, _new_generation(None), timeout=None)
        generation = cache.get(GENERATION_KEY) or _new_generation(None)
    return generation


def current_generation_for_request() -> Generation:
    """The generation, read from the shared cache once a request (and again after a change)."""
    return remembered(GENERATION_KEY, current_generation)


def _replace_generation() -> None:
    cache = page_cache()
    cache.set(GENERATION_KEY, _new_generation(cache.get(GENERATION_KEY)), timeout=None)
    forget(GENERATION_KEY)


def invalidate() -> None:
    """Make every stored page stale, now and again when the current transaction commits.

    Now, so this process never serves the old page after the change; on commit, because another
    process may have rendered and stored the old content between the first bump and the commit.
    """
    _replace_generation()
    transaction.on_commit(_replace_generation)


# Marking requests ---------------------------------------------------------------------------


def mark(request: HttpRequest, kind: str, page=None) -> None:
    request._page_cache_kind = kind
    request._page_cache_page = page


def classify_page(request: HttpRequest, page) -> None:
    """Called for every page Wagtail serves: pages of the apps in PAGE_CACHE_EXCLUDED_APPS (the
    learning layer) are private; the others may be cached if the rest of the rules allow it."""
    excluded = getattr(settings, "PAGE_CACHE_EXCLUDED_APPS", ())
    mark(request, PRIVATE if page._meta.app_label in excluded else PUBLIC, page)


def public_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark a view that is not a page (the sitemap, robots.txt) as the same for every visitor."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        mark(request, PUBLIC)
        return view(request, *args, **kwargs)

    return wrapper


# Requests and responses ---------------------------------------------------------------------


def request_may_use_cache(request: HttpRequest) -> bool:
    """Whether the cache may answer this request, judged before any session is read."""
    return request.method in ("GET", "HEAD") and not any(
        name in request.COOKIES for name in BYPASS_COOKIES
    )


def cache_key(request: HttpRequest, generation: Generation) -> str:
    query = urlencode(
        sorted(parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True))
    )
    encoding = (
        "gzip" if re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")) else ""
    )
    language = translation.get_language_from_request(request)
    parts = [
        request.scheme,
        request.get_host(),
        request.path,
        query,
        language,
        encoding,
        timezone.localdate().isoformat(),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"pagecache:{generation.token}:{digest}"


def _is_signed_in(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def _shows_messages(request: HttpRequest) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and (storage.used or len(storage) > 0)


def _varies_only_on_keyed_headers(response: HttpResponse) -> bool:
    if not response.has_header("Vary"):
        return True
    return all(
        header.lower() in KEYED_VARY_HEADERS for header in cc_delim_re.split(response["Vary"])
    )


def _restricted(page) -> bool:
    return page is not None and page.get_view_restrictions().exists()


def is_cacheable(request: HttpRequest, response: HttpResponse) -> bool:
    """Whether this response is the same for every anonymous visitor and may be stored."""
    if getattr(request, "_page_cache_kind", None) != PUBLIC:
        return False
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return False
    if response.streaming or response.cookies or response.has_header("Cache-Control"):
        return False
    if not _varies_only_on_keyed_headers(response):
        return False
    if any(name not in settings.PAGE_CACHE_QUERY_PARAMETERS for name in request.GET):
        # Pages answer 200 whatever the query says; keeping a copy per made-up parameter would
        # let anyone fill the shared cache and push out the entries that matter.
        return False
    if _is_signed_in(request) or _shows_messages(request):
        return False
    return not _restricted(getattr(request, "_page_cache_page", None))


def last_modified(generation: Generation) -> int:
    """When the content of a cached page last changed: the start of the generation, or midnight
    if later, since some pages show what is current on the day."""
    midnight = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate(), datetime.time.min)
    )
    return max(generation.started, int(midnight.timestamp()))


def make_public(response: HttpResponse, generation: Generation) -> None:
    max_age = min(CLIENT_MAX_AGE, cache_seconds())
    patch_cache_control(response, public=True, max_age=max_age, s_maxage=max_age)
    patch_vary_headers(response, ("Cookie",))
    response.headers.setdefault("Last-Modified", http_date(last_modified(generation)))


def make_private(response: HttpResponse) -> None:
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True, no_cache=True)


def needs_private_headers(request: HttpRequest, response: HttpResponse) -> bool:
    """Learning pages, pages for signed-in people and pages that set a cookie (a CSRF token, a
    passed password) are for one visitor: no shared cache may keep them."""
    return (
        getattr(request, "_page_cache_kind", None) == PRIVATE
        or bool(response.cookies)
        or _is_signed_in(request)
    )


def store(key: str, response: HttpResponse) -> None:
    page_cache().set(key, (response.content, dict(response.items())), cache_seconds())


def fetch(key: str) -> HttpResponse | None:
    entry = page_cache().get(key)
    if entry is None:
        return None
    content, headers = entry
    return HttpResponse(content, headers=headers)


# Invalidation -------------------------------------------------------------------------------

_content_models: dict[type, bool] = {}


def _shows_on_pages(model: type) -> bool:
    """Pages, their privacy, sites, and what pages show: snippets, settings, images, documents."""
    if model not in _content_models:
        from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
        from wagtail.documents.models import AbstractDocument
        from wagtail.images.models import AbstractImage
        from wagtail.models import Page, PageViewRestriction, Site
        from wagtail.snippets.models import get_snippet_models

        bases = (
            Page,
            PageViewRestriction,
            Site,
            AbstractImage,
            AbstractDocument,
            BaseSiteSetting,
            BaseGenericSetting,
        )
        _content_models[model] = issubclass(model, bases) or model in get_snippet_models()
    return _content_models[model]


def _on_model_change(sender: type, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    if _shows_on_pages(sender):
        invalidate()


def _on_page_event(sender: type, **kwargs) -> None:
    invalidate()


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_save.connect(_on_model_change, dispatch_uid="pagecache_post_save")
    post_delete.connect(_on_model_change, dispatch_uid="pagecache_post_delete")
    page_published.connect(_on_page_event, dispatch_uid="pagecache_page_published")
    page_unpublished.connect(_on_page_event, dispatch_uid="pagecache_page_unpublished")
    post_page_move.connect(_on_page_event, dispatch_uid="pagecache_post_page_move")
