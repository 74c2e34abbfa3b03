"""Requests that no view should ever see."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


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
