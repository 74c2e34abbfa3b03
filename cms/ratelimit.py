"""Fixed-window rate limits on posting, counted in the shared cache so every web process sees the
same counters (Redis or the database cache in production, never a process's memory).

Sign-up and login are limited by allauth (ACCOUNT_RATE_LIMITS); this module covers the site's own
forms, each a scope of ``settings.POST_RATE_LIMITS``: nominations per address, and what signed-in
people post. ``limit_posts`` counts every POST; a view that counts only what it accepts (the
nomination form) asks ``allowed_by_settings`` and calls ``count`` itself.
"""

import functools
import hashlib
import ipaddress
import math
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

HOUR = 60 * 60


def client_address(request: HttpRequest) -> str:
    """The address of the person making the request, for every rate limit (ours and allauth's).

    Behind ``settings.TRUSTED_PROXY_COUNT`` reverse proxies, each appending the address it saw to
    X-Forwarded-For, the client is the entry that many places from the right: entries further left
    were written by the client and may be forged. Without trusted proxies, or when the header does
    not hold a valid address there, it is the connection's own address.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies > 0 and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",")]
        if len(hops) >= proxies:
            try:
                return str(ipaddress.ip_address(hops[-proxies]))
            except ValueError:
                pass
    return remote


def _client(request: HttpRequest) -> str:
    """Who is posting: the account when signed in, else a hash of the address."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return "ip:" + hashlib.sha256(client_address(request).encode()).hexdigest()[:32]


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


def seconds_left(window: int = HOUR) -> int:
    """Until the current fixed window ends and its counters start again from nothing."""
    return window - int(time.time()) % window


def too_many(request: HttpRequest, *, window: int) -> HttpResponse:
    """The 429 page, saying when the current window ends (counters are per fixed window)."""
    seconds = seconds_left(window)
    response = render(request, "429.html", {"minutes": math.ceil(seconds / 60)}, status=429)
    response["Retry-After"] = str(seconds)
    return response


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
