"""Requests that no view should ever see, the site of a page request, the page cache and
compression of public pages."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe
from wagtail.views import serve as wagtail_serve

from cms import page_frame, pagecache


class RejectNulBytesMiddleware:
    """Answer 400 when the path holds a NUL character.

    No address contains one, and PostgreSQL refuses text with NUL: without this every look-up by
    a slug, code or id taken from the path would turn such a request into a server error. Query
    strings and forms are read through forms and filters, whose fields refuse or drop NUL (the
    tests of the search, the practice and news filters and the cohort's parameters show it).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path:
            return HttpResponse(render_to_string("400.html", request=request), status=400)
        return self.get_response(request)


class SiteMiddleware:
    """Find the Wagtail site of a page request in the shared cache rather than the database.

    Wagtail looks the site up once a request and keeps it on the request; before Wagtail serves a
    page, this answers that look-up from ``cms.page_frame``, which keeps it until a site or page next
    changes. Other views leave it to whatever asks (the menu asks ``cms.page_frame`` too), so a view
    that shows no page (``/healthz``, a CSV export) reads neither the cache nor the database for it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        if view_func is wagtail_serve:
            page_frame.find_site(request)


class PageCacheMiddleware:
    """Serve and store public pages for anonymous visitors (see cms.pagecache for the rules).

    It sits above sessions, so a hit reads no session and no database; and above compression, so
    a page is stored compressed and served without compressing it again. On the way out it sends
    ``Cache-Control``: public with ``Last-Modified`` for the pages it may store, private for signed-
    in visitors and learning pages, and answers conditional requests with 304.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info in pagecache.UNTOUCHED_PATHS:
            return self.get_response(request)
        if pagecache.cache_seconds() <= 0:
            response = self.get_response(request)
            if pagecache.needs_private_headers(request, response):
                pagecache.make_private(response)
            return response

        key = None
        if pagecache.request_may_use_cache(request):
            generation = pagecache.current_generation()
            key = pagecache.cache_key(request, generation)
            cached = pagecache.fetch(key)
            if cached is not None:
                cached["X-Page-Cache"] = "hit"
                return self.conditional(request, cached)

        response = self.get_response(request)
        if key is not None and pagecache.is_cacheable(request, response):
            pagecache.make_public(response, generation)
            if request.method == "GET":
                pagecache.store(key, response)
            response["X-Page-Cache"] = "miss"
            return self.conditional(request, response)
        if pagecache.needs_private_headers(request, response):
            pagecache.make_private(response)
        return response

    @staticmethod
    def conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
        return get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
            response=response,
        )


class PublicGZipMiddleware(GZipMiddleware):
    """Compress responses that hold no secret: nobody signed in and no CSRF token on the page.

    Compression next to text an attacker can put in the page lets them guess secrets on the same
    page from the compressed size (BREACH). Pages for signed-in people carry personal data and a
    CSRF token, so they go uncompressed; the public pages, most of the traffic, are compressed.
    """

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if request.path_info in pagecache.UNTOUCHED_PATHS:
            return response
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or (
            settings.CSRF_COOKIE_NAME in response.cookies
        ):
            return response
        return super().process_response(request, response)
