"""The public side of the call: the nomination form and its thank-you page."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from cms import ratelimit

from . import services
from .forms import NominationForm
from .models import CallForPracticesPage
from .permissions import can_nominate

TEMPLATE = "selection/call_for_practices_page.html"
# Only nominations that pass the form count towards the limit, so a person who corrects a mistake
# is not held back.
NOMINATIONS_SCOPE = "selection:nominations"


def _render(request, page, *, form=None, error="", status=200) -> HttpResponse:
    context = page.get_context(request)
    context.update(
        {
            "form": form,
            "form_error": error,
            "is_open": can_nominate(page),
            "has_closed": page.has_closed(),
        }
    )
    return TemplateResponse(request, TEMPLATE, context, status=status)


def nominate(request: HttpRequest, *, page: CallForPracticesPage) -> HttpResponse:
    if not can_nominate(page):
        if request.method == "POST":
            return _render(
                request,
                page,
                error=_("This call is closed; nominations are no longer accepted."),
                status=403,
            )
        return _render(request, page)
    if request.method != "POST":
        return _render(request, page, form=NominationForm())
    try:
        data, files = request.POST, request.FILES
    except RequestDataTooBig:
        return nomination_too_large(request, page=page)
    form = NominationForm(data, files)
    if not ratelimit.allowed_by_settings(request, scope=NOMINATIONS_SCOPE):
        return _render(
            request,
            page,
            form=form,
            error=_(
                "Too many nominations came from your address in the last hour. Try again later."
            ),
            status=429,
        )
    if not form.is_valid():
        return _render(request, page, form=form, status=400)
    ratelimit.count(request, scope=NOMINATIONS_SCOPE)
    if form.is_spam:
        return HttpResponseRedirect(page.url + page.reverse_subpage("thanks"))
    try:
        services.nomination_submit(
            selection_round=page.selection_round,
            data=form.nomination_data(),
            policy_fields=form.cleaned_data["policy_fields"],
            local_level=form.cleaned_data["local_level"],
            documents=form.cleaned_data["documents"],
        )
    except ValidationError as error:
        form.add_error(None, error.messages)
        return _render(request, page, form=form, status=400)
    return HttpResponseRedirect(page.url + page.reverse_subpage("thanks"))


def nomination_too_large(request: HttpRequest, *, page: CallForPracticesPage) -> HttpResponse:
    """The answer to a nomination whose texts were too large to receive (see the middleware that
    calls it): the form again, empty since nothing was received, with what to do."""
    if not can_nominate(page):
        return _render(
            request,
            page,
            error=_("This call is closed; nominations are no longer accepted."),
            status=403,
        )
    error = _(
        "The nomination was too large to receive (the texts together may be %(limit)s at most), "
        "so nothing was saved. Shorten the texts, fill in the form again and attach long "
        "documents as files."
    ) % {"limit": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)}
    return _render(request, page, form=NominationForm(), error=error, status=413)


def nomination_thanks(request: HttpRequest, *, page: CallForPracticesPage) -> HttpResponse:
    context = page.get_context(request)
    return TemplateResponse(request, "selection/nomination_thanks.html", context)
