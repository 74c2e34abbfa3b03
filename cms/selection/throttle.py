"""A per-address limit on nominations: a counter in the shared cache, keyed by a hash of the IP.

The cache is the project's shared one (Redis in production), so the limit holds across web
processes. Behind a proxy, REMOTE_ADDR must be the client's address (set by the proxy setup).
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

WINDOW_SECONDS = 60 * 60


def _limit() -> int:
    return getattr(settings, "SELECTION_NOMINATIONS_PER_HOUR", 5)


def _key(request: HttpRequest) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"selection:nominations:{digest}:{int(time.time()) // WINDOW_SECONDS}"


def nomination_allowed(request: HttpRequest) -> bool:
    return cache.get(_key(request), 0) < _limit()


def nomination_count(request: HttpRequest) -> None:
    key = _key(request)
    if not cache.add(key, 1, WINDOW_SECONDS):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, WINDOW_SECONDS)
