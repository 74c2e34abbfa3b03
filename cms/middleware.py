"""Requests that no view should ever see."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


class RejectNulBytesMiddleware:
    """Answer 400 when the path, the query string or a posted form holds a NUL character.

    No legitimate address or form contains one, and PostgreSQL refuses text with NUL: without this
    every look-up by a string from the request would turn such a request into a server error.
    Django's form fields already refuse NUL; this covers values read straight from the request.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._has_nul(request):
            return HttpResponse(render_to_string("400.html", request=request), status=400)
        return self.get_response(request)

    @staticmethod
    def _has_nul(request: HttpRequest) -> bool:
        if "\x00" in request.path or "\x00" in request.path_info:
            return True
        values = [*request.GET.keys(), *(v for vs in request.GET.lists() for v in vs[1])]
        # Multipart bodies are left to the forms: parsing them here would read uploads early.
        if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
            values += [*request.POST.keys(), *(v for vs in request.POST.lists() for v in vs[1])]
        return any("\x00" in value for value in values)
