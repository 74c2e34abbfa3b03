"""The cohort of an edition, for its facilitators and the course team, in sections under one
address: progress (a sortable, filterable matrix a page at a time, or all of it as CSV) with
residential attendance, the applications to decide, the reflections trainees chose to share,
and one trainee's record."""

import csv

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from .. import permissions, services
from ..forms import (
    ApplicationDecisionForm,
    AttendanceForm,
    CohortBulkDecisionForm,
    CohortFilterForm,
    FeedbackForm,
    ReflectionFilterForm,
)
from ..models import EditionPage, Enrolment, EnrolmentStatus, Phase
from ..selectors.cohort import (
    check_attempt_counts,
    cohort_summary,
    pending_applications,
    trainee_record,
)
from ..selectors.editions import edition_by_slug
from ..selectors.reflections import shared_reflection, shared_reflections_queryset, with_prompts
from . import cohort_table as table


def _edition_or_404(slug: str) -> EditionPage:
    edition = edition_by_slug(slug=slug, include_drafts=True)
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


def _back(
    request: HttpRequest, edition: EditionPage, anchor: str = "", section: str = "cohort"
) -> HttpResponseRedirect:
    """Back to the cohort section the person came from, with the filters they were using (at
    ``anchor``, the place where they acted, when given); ``section`` names the default."""
    url = reverse(f"learning:{section}", args=[edition.slug])
    target = request.POST.get("next", "")
    if target.startswith(_cohort_url(edition)) and url_has_allowed_host_and_scheme(
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


def _section_context(request: HttpRequest, edition: EditionPage, section: str) -> dict:
    """What every section of the cohort shows around its own content: the edition, the
    sub-navigation and the number of applications waiting (one count query)."""
    can_decide = permissions.can_decide_enrolments(request.user, edition)
    return {
        "edition": edition,
        "section": section,
        "can_decide": can_decide,
        "pending_count": Enrolment.objects.pending().filter(edition=edition).count()
        if can_decide
        else 0,
    }


def _signed_in_cohort(request: HttpRequest, slug: str) -> EditionPage | HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return _cohort_edition(request, slug, permissions.can_view_cohort)


def cohort(request: HttpRequest, slug: str) -> HttpResponse:
    """The progress section: one page of the sorted, filtered matrix, or all of it as CSV."""
    edition = _signed_in_cohort(request, slug)
    if isinstance(edition, HttpResponse):
        return edition

    summary = cohort_summary(edition=edition)
    modules = summary.modules
    form = CohortFilterForm(
        request.GET,
        countries=table.countries(summary.enrolments),
        sort_keys=table.sort_keys(modules),
    )
    sort = form.value_of("sort") or table.SORT_NAME
    incomplete = form.value_of("incomplete")
    export = request.GET.get("format") == "csv"
    # Phases are measured for every trainee only when the order, a filter or the CSV needs
    # them; otherwise for the one page of trainees shown.
    measure_all = export or table.needs_phases(sort, incomplete)
    shown = table.sort_rows(
        table.filter_rows(
            table.build_rows(summary.progress(summary.enrolments, measure=measure_all)),
            q=form.value_of("q"),
            status=form.value_of("status"),
            country=form.value_of("country"),
            incomplete=incomplete,
        ),
        modules,
        sort,
    )

    if export:
        return _csv(edition, modules, shown)

    page = Paginator(shown, table.ROWS_PER_PAGE).get_page(request.GET.get("page"))
    rows = page.object_list
    if not measure_all:
        rows = table.build_rows(summary.progress([row.enrolment for row in rows]))
    refusal = _pop_attendance_refusal(request)
    links = table.sort_links(request.GET, sort, table.sort_keys(modules))
    return TemplateResponse(
        request,
        "learning/staff/cohort.html",
        {
            **_section_context(request, edition, "progress"),
            "module_columns": [
                (module, links[f"{table.MODULE_SORT_PREFIX}{module.pk}"]) for module in modules
            ],
            "rows": rows,
            "page_obj": page,
            "shown_count": len(shown),
            "attendance_closed": permissions.attendance_closed_reason(edition),
            "attendance_refusal": refusal.get("message", ""),
            "attendance_refused_for": refusal.get("enrolment"),
            "total": len(summary.enrolments),
            "form": form,
            "sort_name": links[table.SORT_NAME],
            "sort_organisation": links[table.SORT_ORGANISATION],
            "sort_progress": links[table.SORT_PROGRESS],
            "sort_phases": {
                phase: links[f"{table.PHASE_SORT_PREFIX}{phase}"] for phase in Phase.values
            },
            "csv_url": table.csv_url(request.GET),
            "page_query": table.page_query(request.GET),
            "EnrolmentStatus": EnrolmentStatus,
        },
    )


class _Echo:
    """A file that hands back what is written to it, for the CSV writer to stream through."""

    def write(self, value: str) -> str:
        return value


def _csv(edition: EditionPage, modules, rows) -> StreamingHttpResponse:
    attempts = check_attempt_counts(enrolments=[row.enrolment for row in rows])
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow([table.safe_cell(value) for value in table.csv_header(modules)])
        for row in rows:
            yield writer.writerow(
                [
                    table.safe_cell(value)
                    for value in table.csv_row(row, attempts.get(row.enrolment.pk, 0))
                ]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cohort-{edition.slug}.csv"'
    return response


def applications(request: HttpRequest, slug: str) -> HttpResponse:
    """The applications section: every application waiting, to decide one by one or together."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    edition = _cohort_edition(request, slug, permissions.can_decide_enrolments)
    return TemplateResponse(
        request,
        "learning/staff/cohort_applications.html",
        {
            **_section_context(request, edition, "applications"),
            "pending": pending_applications(edition=edition),
            "decision_form": ApplicationDecisionForm(),
            "bulk_form": CohortBulkDecisionForm(edition=edition),
        },
    )


REFLECTIONS_PER_PAGE = 20


def reflections(request: HttpRequest, slug: str) -> HttpResponse:
    """The reflections section: shared reflections beside the prompt they answer, newest first,
    a page at a time, optionally only those still waiting for feedback."""
    edition = _signed_in_cohort(request, slug)
    if isinstance(edition, HttpResponse):
        return edition
    form = ReflectionFilterForm(request.GET)
    waiting = bool(form.value_of("waiting"))
    page = Paginator(
        shared_reflections_queryset(edition=edition, waiting=waiting),
        REFLECTIONS_PER_PAGE,
    ).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return TemplateResponse(
        request,
        "learning/staff/cohort_reflections.html",
        {
            **_section_context(request, edition, "reflections"),
            "form": form,
            "waiting": waiting,
            "page_obj": page,
            "reflections": with_prompts(page.object_list),
            "page_query": params.urlencode(),
            "can_give_feedback": permissions.can_give_feedback(request.user, edition),
            "feedback_form": FeedbackForm(),
        },
    )


def trainee(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One trainee of the edition: progress by phase and module, shared reflections with their
    feedback, and every knowledge-check attempt."""
    edition = _signed_in_cohort(request, slug)
    if isinstance(edition, HttpResponse):
        return edition
    record = trainee_record(edition=edition, pk=pk)
    if record is None:
        raise Http404(_("No trainee of this edition has this address."))
    return TemplateResponse(
        request,
        "learning/staff/cohort_trainee.html",
        {**_section_context(request, edition, "trainee"), "record": record},
    )


def _enrolment_or_404(edition: EditionPage, pk: int) -> Enrolment:
    enrolment = Enrolment.objects.filter(pk=pk, edition=edition).select_related("user").first()
    if enrolment is None:
        raise Http404(_("No such enrolment in this edition."))
    return enrolment


@require_POST
def decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("learning:cohort_applications", args=[slug]))
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
    return _back(request, edition, section="cohort_applications")


@require_POST
def decide_bulk(request: HttpRequest, slug: str) -> HttpResponse:
    """Accept or decline the ticked applications, each as if decided on its own: one refused
    (a full edition) leaves the others decided and says why."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("learning:cohort_applications", args=[slug]))
    edition = _cohort_edition(request, slug, permissions.can_decide_enrolments)
    form = CohortBulkDecisionForm(request.POST, edition=edition)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return _back(request, edition, section="cohort_applications")
    accept = form.cleaned_data["decision"] == "accept"
    decide_with = services.enrolment_accept if accept else services.enrolment_decline
    decided = 0
    for enrolment in form.cleaned_data["enrolments"]:
        try:
            decide_with(
                enrolment=enrolment, decided_by=request.user, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            messages.error(request, f"{enrolment.user}: {' '.join(error.messages)}")
        else:
            decided += 1
    if decided:
        if accept:
            message = ngettext(
                "%(count)d application accepted; each applicant will receive an e-mail.",
                "%(count)d applications accepted; each applicant will receive an e-mail.",
                decided,
            )
        else:
            message = ngettext(
                "%(count)d application declined; each applicant will receive an e-mail.",
                "%(count)d applications declined; each applicant will receive an e-mail.",
                decided,
            )
        messages.success(request, message % {"count": decided})
    return _back(request, edition, section="cohort_applications")


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
        return redirect_to_login(reverse("learning:cohort_reflections", args=[slug]))
    edition = _cohort_edition(request, slug, permissions.can_give_feedback)
    # Only reflections shared with the facilitators exist for them; others are a 404.
    reflection = shared_reflection(edition=edition, pk=pk)
    if reflection is None:
        raise Http404(_("No shared reflection here."))
    anchor = f"reflection-{reflection.pk}"
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("text", [])))
        return _back(request, edition, anchor, section="cohort_reflections")
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
    return _back(request, edition, anchor, section="cohort_reflections")
