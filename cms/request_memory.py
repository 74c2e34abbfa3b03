"""Answers that stay the same while one request is served, computed once per request.

Several parts of a page ask the same question (which sections are private, for example); the
middleware opens a fresh memory for each request and drops it at the end, so nothing outlives the
request or leaks into another one. Outside a request (commands, tasks, tests without a client)
every call computes its answer afresh.
"""

from collections.abc import Callable
from contextvars import ContextVar
from typing import TypeVar

from django.http import HttpRequest, HttpResponse

T = TypeVar("T")

_memory: ContextVar[dict | None] = ContextVar("request_memory", default=None)


def remembered(key: str, compute: Callable[[], T]) -> T:
    memory = _memory.get()
    if memory is None:
        return compute()
    if key not in memory:
        memory[key] = compute()
    return memory[key]


def forget(key: str) -> None:
    """For code that changes the answer within the request that asked it."""
    memory = _memory.get()
    if memory is not None:
        memory.pop(key, None)


class RequestMemoryMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _memory.set({})
        try:
            return self.get_response(request)
        finally:
            _memory.reset(token)
