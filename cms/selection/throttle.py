"""The limit on nominations per address (or account) and hour, in the shared cache."""

from django.conf import settings
from django.http import HttpRequest

from cms import ratelimit

SCOPE = "selection:nominations"
WINDOW_SECONDS = 60 * 60


def _limit() -> int:
    return getattr(settings, "SELECTION_NOMINATIONS_PER_HOUR", 5)


def nomination_allowed(request: HttpRequest) -> bool:
    return ratelimit.allowed(request, scope=SCOPE, limit=_limit(), window=WINDOW_SECONDS)


def nomination_count(request: HttpRequest) -> None:
    ratelimit.count(request, scope=SCOPE, window=WINDOW_SECONDS)
