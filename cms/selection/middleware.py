"""An oversized nomination answered with the call's form and what to do, not a bare 400.

Django refuses a request whose form fields exceed DATA_UPLOAD_MAX_MEMORY_SIZE when the form is
first read, and the CSRF middleware is the first to read it: the call page's view never runs. So
this middleware, placed before CsrfViewMiddleware, reads the form of a page's POST first and, when
it is too large for the call page's form, answers with that form again (empty: the texts were
never received) and the message, status 413. Nothing is saved, so no CSRF check is needed; every
other page keeps Django's answer.
"""

from collections.abc import Callable

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from wagtail import views as wagtail_views
from wagtail.models import Page

from .models import CallForPracticesPage


def _call_page_for(request: HttpRequest, path: str) -> CallForPracticesPage | None:
    """The call page whose nomination form ``request`` was posted to, if it was."""
    try:
        route = Page.route_for_request(request, path)
    except Http404:
        return None
    if route is None:
        return None
    page = route[0]
    match = getattr(request, "routable_resolver_match", None)
    if not isinstance(page, CallForPracticesPage) or match is None or match.url_name != "nominate":
        return None
    if page.get_view_restrictions().exists():
        return None
    return page


class OversizedNominationMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or view_func is not wagtail_views.serve:
            return None
        try:
            request.POST  # noqa: B018 -- reading the form is what may fail
        except RequestDataTooBig:
            path = view_args[0] if view_args else view_kwargs.get("path", "")
            page = _call_page_for(request, path)
            if page is None:
                raise
            return page.nomination_too_large(request)
        return None
