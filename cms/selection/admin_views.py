"""Admin screens that are not plain listings: a nomination's file, checks, review, ranking, export."""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from . import permissions, selectors, services
from .forms import CheckForm, DecisionForm, ReviewForm
from .models import Nomination, NominationDocument, Review, SelectionRound

CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _nomination_or_404(pk: int) -> Nomination:
    try:
        return selectors.nomination_detail(pk=pk)
    except Nomination.DoesNotExist:
        raise Http404(_("No such nomination.")) from None


def _detail_context(request, nomination, **extra) -> dict:
    user = request.user
    own_review = next((r for r in nomination.reviews.all() if r.reviewer_id == user.pk), None)
    context = {
        "nomination": nomination,
        "checks": selectors.nomination_checks(nomination),
        "reviews": list(nomination.reviews.all()),
        "own_review": own_review,
        "practice_page": getattr(nomination, "practice_page", None),
        "can_check": permissions.can_check_prerequisites(user, nomination),
        "can_review": permissions.can_review(user, nomination),
        "can_decide": permissions.can_decide(user, nomination),
        "can_promote": permissions.can_promote(user) and nomination.is_long_listed,
        "can_edit": user.has_perm("selection.change_nomination"),
        "page_title": nomination.practice_name,
        "header_title": nomination.practice_name,
        "header_icon": "clipboard-list",
    }
    context.setdefault("check_form", CheckForm.for_nomination(nomination))
    context.setdefault("decision_form", DecisionForm())
    context.update(extra)
    return context


def nomination_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if not permissions.can_view_nominations(request.user):
        raise PermissionDenied
    nomination = _nomination_or_404(pk)
    return TemplateResponse(
        request,
        "cms/selection/admin/nomination_detail.html",
        _detail_context(request, nomination),
    )


def nomination_check(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = _nomination_or_404(pk)
    if not permissions.can_check_prerequisites(request.user, nomination):
        raise PermissionDenied
    if request.method != "POST":
        return redirect("selection_nomination", pk=pk)
    form = CheckForm(request.POST)
    if form.is_valid():
        try:
            services.nomination_check(
                nomination=nomination, checked_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The pre-requisite checks are saved."))
            return redirect("selection_nomination", pk=pk)
    return TemplateResponse(
        request,
        "cms/selection/admin/nomination_detail.html",
        _detail_context(request, nomination, check_form=form),
        status=400,
    )


def nomination_review(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = _nomination_or_404(pk)
    if not permissions.can_review(request.user, nomination):
        raise PermissionDenied
    review = Review.objects.filter(nomination=nomination, reviewer=request.user).first()
    form = ReviewForm(request.POST or None, instance=review)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            scores = {name: form.cleaned_data[name] for name in form.Meta.fields}
            try:
                if review is None:
                    services.review_create(nomination=nomination, reviewer=request.user, **scores)
                else:
                    services.review_update(review=review, **scores)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("Your review is saved."))
                return redirect("selection_nomination", pk=pk)
        status = 400
    return TemplateResponse(
        request,
        "cms/selection/admin/review_form.html",
        {
            "nomination": nomination,
            "form": form,
            "review": review,
            "page_title": _("Review: %(name)s") % {"name": nomination.practice_name},
            "header_title": _("Review: %(name)s") % {"name": nomination.practice_name},
            "header_icon": "form",
        },
        status=status,
    )


def nomination_decide(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = _nomination_or_404(pk)
    if not permissions.can_decide(request.user, nomination):
        raise PermissionDenied
    if request.method != "POST":
        return redirect("selection_nomination", pk=pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
        try:
            if action == "pin":
                services.nomination_pin(
                    nomination=nomination, decided_by=request.user, reason=reason
                )
            elif action == "exclude":
                services.nomination_exclude(
                    nomination=nomination, decided_by=request.user, reason=reason
                )
            else:
                services.nomination_decision_clear(nomination=nomination, decided_by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The short-list decision is saved."))
            return redirect("selection_ranking", pk=nomination.selection_round_id)
    return TemplateResponse(
        request,
        "cms/selection/admin/nomination_detail.html",
        _detail_context(request, nomination, decision_form=form),
        status=400,
    )


def nomination_promote(request: HttpRequest, pk: int) -> HttpResponse:
    if not permissions.can_promote(request.user):
        raise PermissionDenied
    nomination = _nomination_or_404(pk)
    if request.method != "POST":
        return redirect("selection_nomination", pk=pk)
    try:
        page, created = services.nomination_promote(nomination=nomination, promoted_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("selection_nomination", pk=pk)
    if created:
        messages.success(
            request, _("A draft practice profile was created. Complete it and publish it.")
        )
    else:
        messages.warning(request, _("This nomination was promoted before; here is its profile."))
    return redirect("wagtailadmin_pages:edit", page.pk)


def nomination_document(request: HttpRequest, pk: int) -> FileResponse:
    """A nominator's file, for the people who assess nominations only."""
    if not permissions.can_view_nominations(request.user):
        raise PermissionDenied
    document = get_object_or_404(NominationDocument, pk=pk)
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.filename)


def _round_or_404(pk: int) -> SelectionRound:
    return get_object_or_404(SelectionRound, pk=pk)


def ranking(request: HttpRequest, pk: int) -> HttpResponse:
    if not permissions.can_view_ranking(request.user):
        raise PermissionDenied
    selection_round = _round_or_404(pk)
    context = selectors.round_ranking(selection_round=selection_round)
    context.update(
        {
            "rounds": SelectionRound.objects.all(),
            "can_decide": permissions.can_manage_selection(request.user)
            and not selection_round.is_closed,
            "can_promote": permissions.can_promote(request.user),
            "can_export": permissions.can_export(request.user),
            "page_title": _("Ranking: %(round)s") % {"round": selection_round.name},
            "header_title": _("Ranking: %(round)s") % {"round": selection_round.name},
            "header_icon": "order",
        }
    )
    return TemplateResponse(request, "cms/selection/admin/ranking.html", context)


def ranking_current(request: HttpRequest) -> HttpResponse:
    if not permissions.can_view_ranking(request.user):
        raise PermissionDenied
    selection_round = selectors.current_round()
    if selection_round is None:
        messages.warning(request, _("There is no selection round yet."))
        return redirect("wagtailadmin_home")
    return redirect("selection_ranking", pk=selection_round.pk)


def _safe_cell(value) -> str:
    """Spreadsheets run cells that start like a formula; a leading quote keeps them text."""
    text = str(value)
    return "'" + text if text.startswith(CSV_FORMULA_STARTS) else text


def export_csv(request: HttpRequest, pk: int) -> HttpResponse:
    if not permissions.can_export(request.user):
        raise PermissionDenied
    selection_round = _round_or_404(pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"nominations-{slugify(selection_round.slug)}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    for row in selectors.round_export_rows(selection_round=selection_round):
        writer.writerow([_safe_cell(value) for value in row])
    return response


def nomination_admin_url(nomination: Nomination) -> str:
    return reverse("selection_nomination", args=[nomination.pk])
