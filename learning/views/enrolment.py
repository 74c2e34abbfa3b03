"""Applying to an edition (or enrolling at once in open mode) and withdrawing from it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cms.ratelimit import limit_posts

from .. import permissions, services
from ..forms import ApplicationForm
from ..models import EditionPage, EnrolmentMode, EnrolmentStatus
from ..selectors.editions import edition_by_slug, enrolment_for


def _edition(slug: str) -> EditionPage:
    edition = edition_by_slug(slug=slug)
    if edition is None:
        raise Http404(_("No academy edition has this address."))
    return edition


def _render_apply(request, edition, form, *, refusal: str = "", status: int = 200):
    context = {
        "edition": edition,
        "form": form,
        "refusal": refusal,
        "is_open_mode": edition.enrolment_mode == EnrolmentMode.OPEN,
    }
    return TemplateResponse(request, "learning/apply.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@limit_posts("learning:apply")
def apply(request: HttpRequest, slug: str) -> HttpResponse:
    edition = _edition(slug)
    if request.method != "POST":
        return _render_apply(
            request,
            edition,
            ApplicationForm(),
            refusal=permissions.apply_refusal(request.user, edition),
        )
    form = ApplicationForm(request.POST)
    if not form.is_valid():
        return _render_apply(request, edition, form, status=400)
    try:
        enrolment = services.enrolment_apply(
            user=request.user, edition=edition, **form.application_data()
        )
    except ValidationError as error:
        form.add_error(None, error.messages)
        return _render_apply(request, edition, form, status=400)
    if enrolment.status == EnrolmentStatus.ACCEPTED:
        messages.success(
            request,
            _(
                "You are enrolled in %(edition)s. The first modules are open below; "
                "your progress appears under My learning."
            )
            % {"edition": edition.title},
        )
    else:
        messages.success(
            request,
            _(
                "Thank you: your application to %(edition)s has been received. The facilitators "
                "will read it and we will e-mail you their decision."
            )
            % {"edition": edition.title},
        )
    return HttpResponseRedirect(edition.url)


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, slug: str) -> HttpResponse:
    edition = _edition(slug)
    enrolment = enrolment_for(user=request.user, edition=edition)
    if enrolment is None:
        raise Http404(_("You have no application or place in this edition."))
    error = ""
    if request.method == "POST":
        try:
            services.enrolment_withdraw(enrolment=enrolment)
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        else:
            messages.success(
                request,
                _("You have withdrawn from %(edition)s. You may apply again while it is open.")
                % {"edition": edition.title},
            )
            return HttpResponseRedirect(edition.url)
    context = {
        "edition": edition,
        "enrolment": enrolment,
        "error": error,
        "EnrolmentStatus": EnrolmentStatus,
    }
    return TemplateResponse(
        request, "learning/withdraw.html", context, status=400 if error else 200
    )
