"""The cohort page of an edition, for its facilitators and the course team: every trainee's progress
as a matrix (or a CSV file), the applications to decide, residential attendance, and the
reflections trainees chose to share."""

import csv

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import permissions, selectors, services
from ..forms import ApplicationDecisionForm, AttendanceForm, CohortFilterForm, FeedbackForm
from ..models import EditionPage, Enrolment
from . import cohort_table as table


def _edition_or_404(slug: str) -> EditionPage:
    edition = selectors.edition_by_slug(slug=slug, include_drafts=True)
    if edition is None:
        raise Http404(_("No academy edition has this address."))
    return edition


def _cohort_edition(request: HttpRequest, slug: str, allowed) -> EditionPage:
    """The edition, once the person may act on its cohort: 404 for an unknown edition, 403 for
    anyone who is neither its facilitator nor an editor."""
    edition = _edition_or_404(slug)
    if not allowed(request.user, edition):
        raise PermissionDenied
    return edition


def _cohort_url(edition: EditionPage) -> str:
    return reverse("learning:cohort", args=[edition.slug])


def _back(request: HttpRequest, edition: EditionPage, anchor: str = "") -> HttpResponseRedirect:
    """Back to the cohort page with the filters the person was using (at ``anchor``, the place
    where they acted, when given)."""
    url = _cohort_url(edition)
    target = request.POST.get("next", "")
    if target.startswith(url) and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        url = target
    if anchor:
        url = f"{url.split('#', 1)[0]}#{anchor}"
    return HttpResponseRedirect(url)


# A refused attendance change is shown in the trainee's row, where the facilitator pressed the
# button, not in the page's messages far above it; the session carries it over the redirect.
ATTENDANCE_REFUSAL_KEY = "learning:cohort_attendance_refusal"


def _attendance_anchor(enrolment: Enrolment) -> str:
    return f"attendance-{enrolment.pk}"


def _pop_attendance_refusal(request: HttpRequest) -> dict:
    refusal = request.session.pop(ATTENDANCE_REFUSAL_KEY, None)
    return refusal if isinstance(refusal, dict) else {}


def cohort(request: HttpRequest, slug: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    edition = _cohort_edition(request, slug, permissions.can_view_cohort)

    cohort_progress = selectors.cohort_progress(edition=edition)
    modules = table.module_columns(cohort_progress)
    rows = table.build_rows(cohort_progress)
    form = CohortFilterForm(
        request.GET, countries=table.countries(rows), sort_keys=table.sort_keys(modules)
    )
    shown = table.sort_rows(
        table.filter_rows(
            rows,
            q=form.value_of("q"),
            status=form.value_of("status"),
            country=form.value_of("country"),
        ),
        modules,
        form.value_of("sort") or table.SORT_NAME,
    )

    if request.GET.get("format") == "csv":
        return _csv(edition, modules, shown)

    can_decide = permissions.can_decide_enrolments(request.user, edition)
    refusal = _pop_attendance_refusal(request)
    links = table.sort_links(
        request.GET, form.value_of("sort") or table.SORT_NAME, table.sort_keys(modules)
    )
    return TemplateResponse(
        request,
        "learning/staff/cohort.html",
        {
            "edition": edition,
            "module_columns": [
                (module, links[f"{table.MODULE_SORT_PREFIX}{module.pk}"]) for module in modules
            ],
            "rows": shown,
            "attendance_closed": permissions.attendance_closed_reason(edition),
            "attendance_refusal": refusal.get("message", ""),
            "attendance_refused_for": refusal.get("enrolment"),
            "total": len(rows),
            "form": form,
            "sort_name": links[table.SORT_NAME],
            "sort_organisation": links[table.SORT_ORGANISATION],
            "sort_progress": links[table.SORT_PROGRESS],
            "csv_url": table.csv_url(request.GET),
            "pending": selectors.pending_applications(edition=edition) if can_decide else [],
            "can_decide": can_decide,
            "reflections": selectors.shared_reflections(edition=edition),
            "decision_form": ApplicationDecisionForm(),
            "feedback_form": FeedbackForm(),
        },
    )


def _csv(edition: EditionPage, modules, rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cohort-{edition.slug}.csv"'
    writer = csv.writer(response)
    writer.writerow([table.safe_cell(value) for value in table.csv_header(modules)])
    for row in rows:
        writer.writerow([table.safe_cell(value) for value in table.csv_row(row)])
    return response


def _enrolment_or_404(edition: EditionPage, pk: int) -> Enrolment:
    enrolment = Enrolment.objects.filter(pk=pk, edition=edition).select_related("user").first()
    if enrolment is None:
        raise Http404(_("No such enrolment in this edition."))
    return enrolment


@require_POST
def decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("learning:cohort", args=[slug]))
    edition = _cohort_edition(request, slug, permissions.can_decide_enrolments)
    enrolment = _enrolment_or_404(edition, pk)
    form = ApplicationDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to accept or decline, and keep the note short."))
        return _back(request, edition)
    decide_with = (
        services.enrolment_accept
        if form.cleaned_data["decision"] == "accept"
        else services.enrolment_decline
    )
    try:
        decide_with(enrolment=enrolment, decided_by=request.user, note=form.cleaned_data["note"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if form.cleaned_data["decision"] == "accept":
            message = _("%(name)s is accepted; they will receive an e-mail.")
        else:
            message = _("%(name)s's application is declined; they will receive an e-mail.")
        messages.success(request, message % {"name": enrolment.user})
    return _back(request, edition)


@require_POST
def attendance(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("learning:cohort", args=[slug]))
    edition = _cohort_edition(request, slug, permissions.can_mark_attendance)
    enrolment = _enrolment_or_404(edition, pk)
    anchor = _attendance_anchor(enrolment)
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say whether the trainee attended."))
        return _back(request, edition)
    attended = form.cleaned_data["attended"]
    try:
        services.residential_attendance_set(enrolment=enrolment, by=request.user, attended=attended)
    except ValidationError as error:
        request.session[ATTENDANCE_REFUSAL_KEY] = {
            "enrolment": enrolment.pk,
            "message": " ".join(error.messages),
        }
    else:
        if attended:
            message = _("%(name)s attended the residential course.")
        else:
            message = _("%(name)s is no longer marked as having attended.")
        messages.success(request, message % {"name": enrolment.user})
    return _back(request, edition, anchor)


@require_POST
def feedback(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("learning:cohort", args=[slug]))
    edition = _cohort_edition(request, slug, permissions.can_give_feedback)
    # Only reflections shared with the facilitators exist for them; others are a 404.
    reflection = selectors.shared_reflection(edition=edition, pk=pk)
    if reflection is None:
        raise Http404(_("No shared reflection here."))
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("text", [])))
        return _back(request, edition)
    try:
        services.reflection_feedback(
            reflection=reflection, by=request.user, text=form.cleaned_data["text"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Your feedback is saved; %(name)s will see it with their reflection.")
            % {"name": reflection.enrolment.user},
        )
    return _back(request, edition)
