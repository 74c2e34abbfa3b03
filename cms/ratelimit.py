"""Fixed-window rate limits on posting, counted in the shared cache so every web process sees the
same counters (Redis or the database cache in production, never a process's memory).

Sign-up and login are limited by allauth (ACCOUNT_RATE_LIMITS); this module covers the site's own
forms, each a scope of ``settings.POST_RATE_LIMITS``: nominations per address, and what signed-in
people post. ``limit_posts`` counts every POST; a view that counts only what it accepts (the
nomination form) asks ``allowed_by_settings`` and calls ``count`` itself.
"""

import functools
import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

HOUR = 60 * 60


def _client(request: HttpRequest) -> str:
    """Who is posting: the account when signed in, else a hash of the address."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    address = request.META.get("REMOTE_ADDR", "")
    return "ip:" + hashlib.sha256(address.encode()).hexdigest()[:32]


def _key(request: HttpRequest, scope: str, window: int) -> str:
    return f"ratelimit:{scope}:{_client(request)}:{int(time.time()) // window}"


def allowed(request: HttpRequest, *, scope: str, limit: int, window: int) -> bool:
    return cache.get(_key(request, scope, window), 0) < limit


def allowed_by_settings(request: HttpRequest, *, scope: str, window: int = HOUR) -> bool:
    """Whether ``request`` may post once more under ``settings.POST_RATE_LIMITS[scope]``; the limit
    is read on each request so that it can be tuned per site."""
    return allowed(request, scope=scope, limit=settings.POST_RATE_LIMITS[scope], window=window)


def count(request: HttpRequest, *, scope: str, window: int = HOUR) -> None:
    key = _key(request, scope, window)
    if not cache.add(key, 1, window):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, window)


def too_many(request: HttpRequest, *, window: int) -> HttpResponse:
    minutes = max(1, window // 60)
    return render(request, "429.html", {"minutes": minutes}, status=429)


def limit_posts(scope: str, *, window: int = HOUR) -> Callable:
    """Refuse a view's POSTs beyond ``settings.POST_RATE_LIMITS[scope]`` per person (or address)
    in ``window`` seconds. The limit is read on each request so that it can be tuned per site."""

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method == "POST":
                if not allowed_by_settings(request, scope=scope, window=window):
                    return too_many(request, window=window)
                count(request, scope=scope, window=window)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
