"""The selection screens beyond Wagtail's generic listing and forms, added to the nominations'
viewset: a nomination's file (facts, checks, reviews, decision), the review form, the ranking of a
round with its CSV export, and the nominators' documents.

Each screen is let in by the nominations' permission policy, then by the rule of
``permissions.py`` that answers its own question (may this person review this nomination?).
"""

import csv
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.template.defaultfilters import date as format_date
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import BaseObjectMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permissions import policy_registry

from . import permissions, selectors, services
from .forms import CheckForm, DecisionAction, DecisionForm, ReviewForm
from .models import (
    Criterion,
    Nomination,
    NominationDocument,
    NominationStatus,
    Review,
    SelectionRound,
)

CSV_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EMPTY = "—"
LINE_BREAK = mark_safe("<br>")  # noqa: S308  (a constant; nothing from the data)


def nominations_url(*, selection_round: SelectionRound, **filters) -> str:
    """The nominations listing filtered to a round and, where given, to more (``status=``)."""
    query = urlencode({"selection_round": selection_round.pk, **filters})
    return f"{reverse('nominations:index')}?{query}"


class _RuleCheckedMixin:
    def user_may(self) -> bool:
        """This screen's rule from ``permissions.py``; the object is loaded by now."""
        return True

    def dispatch(self, request, *args, **kwargs):
        if not self.user_may():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class SelectionPermissionMixin(PermissionCheckedMixin, _RuleCheckedMixin):
    """Who may see nominations at all (the model's policy), then who may use this screen."""

    permission_required = "view"
    any_permission_required = None

    @cached_property
    def permission_policy(self):
        # The nominations' policy, also on screens whose object is a round or a document.
        return policy_registry.get_by_type(Nomination)


class NominationMixin:
    """URL names of the nominations' viewset, for the screens that link to each other."""

    url_namespace = "nominations"  # the viewset passes its own

    def url(self, name: str, *args) -> str:
        return reverse(f"{self.url_namespace}:{name}", args=args)

    def nominations_breadcrumb(self) -> dict:
        return {
            "url": self.url("index"),
            "label": capfirst(Nomination._meta.verbose_name_plural),
        }


class NominationInspectView(SelectionPermissionMixin, NominationMixin, generic.InspectView):
    """A nomination's file: its facts, the pre-requisite checks, the reviews and the decisions.

    The check and decision forms post to their own views, which show this page again, with the
    errors, when a form does not validate.
    """

    template_name = "selection/admin/nomination_inspect.html"
    labels = {
        "where": gettext_lazy("Where"),
        "running": gettext_lazy("Running"),
        "documents": gettext_lazy("Documents"),
        "contact": gettext_lazy("Contact"),
    }

    def get_object(self, queryset=None) -> Nomination:
        try:
            return selectors.nomination_detail(pk=self.pk)
        except Nomination.DoesNotExist:
            raise Http404(_("No such nomination.")) from None

    def get_page_title(self):
        return self.object.practice_name

    def get_page_subtitle(self):
        return ""

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            self.nominations_breadcrumb(),
            {"url": "", "label": self.object.practice_name},
        ]

    def get_header_buttons(self):
        nomination = self.object
        buttons = [
            HeaderButton(
                _("Ranking of the round"),
                url=self.url("ranking", nomination.selection_round_id),
                icon_name="order",
            )
        ]
        if permissions.can_review(self.request.user, nomination):
            own_review = self.own_review
            buttons.append(
                HeaderButton(
                    _("Change your review") if own_review else _("Review this nomination"),
                    url=self.url("review", nomination.pk),
                    icon_name="form",
                )
            )
        return [*buttons, *super().get_header_buttons()]

    # The facts, as the inspect view's fields; the model's field labels where they fit.

    def get_field_label(self, field_name, field):
        if field_name in self.labels:
            return self.labels[field_name]
        return super().get_field_label(field_name, field)

    def get_where_display_value(self):
        return f"{self.object.city}, {self.object.country}"

    def get_public_authorities_display_value(self):
        answer = {True: _("Yes"), False: _("No"), None: _("Not sure")}[
            self.object.involves_public_authorities
        ]
        named = "; ".join(self.object.public_authority_list)
        return f"{answer}: {named}" if named else answer

    def get_policy_fields_display_value(self):
        return ", ".join(item.name for item in self.object.policy_fields.all())

    def get_running_display_value(self):
        nomination = self.object
        end = (
            format_date(nomination.end_date, "DATE_FORMAT") if nomination.end_date else _("ongoing")
        )
        if nomination.start_date_is_approximate:
            start = _("%(month)s (approximate)") % {
                "month": format_date(nomination.start_date, "YEAR_MONTH_FORMAT")
            }
        else:
            start = format_date(nomination.start_date, "DATE_FORMAT")
        return f"{start} – {end}"

    def get_goals_display_value(self):
        return linebreaksbr(self.object.goals, autoescape=True)

    def get_description_display_value(self):
        return linebreaksbr(self.object.description, autoescape=True)

    def get_results_display_value(self):
        return linebreaksbr(self.object.results, autoescape=True) or EMPTY

    def get_funding_display_value(self):
        return linebreaksbr(self.object.funding, autoescape=True) or EMPTY

    def get_links_display_value(self):
        links = self.object.link_list
        if not links:
            return EMPTY
        return format_html_join(
            LINE_BREAK,
            '<a href="{}" rel="noopener noreferrer nofollow">{}</a>',
            ((link, link) for link in links),
        )

    def get_documents_display_value(self):
        documents = self.object.documents.all()
        if not documents:
            return EMPTY
        return format_html_join(
            LINE_BREAK,
            '<a href="{}">{}</a>',
            ((self.url("document", document.pk), document.filename) for document in documents),
        )

    def get_contact_display_value(self):
        nomination = self.object
        return format_html(
            '{} &lt;<a href="mailto:{}">{}</a>&gt;{}',
            nomination.contact_name,
            nomination.contact_email,
            nomination.contact_email,
            f" · {_('self-nomination')}" if nomination.is_self_nomination else "",
        )

    def get_submitted_at_display_value(self):
        return format_date(self.object.submitted_at, "DATETIME_FORMAT")

    @cached_property
    def own_review(self) -> Review | None:
        user = self.request.user
        return next((r for r in self.object.reviews.all() if r.reviewer_id == user.pk), None)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, nomination = self.request.user, self.object
        context.update(
            {
                "nomination": nomination,
                "round_nominations_url": nominations_url(
                    selection_round=nomination.selection_round
                ),
                "checks": selectors.nomination_checks(nomination),
                "reviews": list(nomination.reviews.all()),
                "practice_page": getattr(nomination, "practice_page", None),
                "can_check": permissions.can_check_prerequisites(user, nomination),
                "can_decide": permissions.can_decide(user, nomination),
                "can_promote": permissions.can_promote(user) and nomination.is_long_listed,
            }
        )
        context.setdefault("check_form", CheckForm.for_nomination(nomination))
        context.setdefault("decision_form", DecisionForm())
        return context


class NominationFormPostView(NominationInspectView):
    """A form of the nomination's file, posted on its own: on errors the file shows again."""

    form_context_name = ""

    def get(self, request, *args, **kwargs):
        return redirect(self.url("inspect", self.object.pk))

    def show_errors(self, form):
        context = self.get_context_data(**{self.form_context_name: form})
        return self.render_to_response(context, status=400)


class NominationCheckView(NominationFormPostView):
    form_context_name = "check_form"

    def user_may(self) -> bool:
        return permissions.can_check_prerequisites(self.request.user, self.object)

    def post(self, request, *args, **kwargs):
        form = CheckForm(request.POST)
        if form.is_valid():
            try:
                services.nomination_check(
                    nomination=self.object, checked_by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("The pre-requisite checks are saved."))
                return redirect(self.url("inspect", self.object.pk))
        return self.show_errors(form)


class NominationDecideView(NominationFormPostView):
    """Pin, exclude or clear: from the nomination's file or a row of the ranking."""

    form_context_name = "decision_form"

    def user_may(self) -> bool:
        return permissions.can_decide(self.request.user, self.object)

    def post(self, request, *args, **kwargs):
        form = DecisionForm(request.POST)
        if form.is_valid():
            nomination, user = self.object, request.user
            action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
            try:
                if action == DecisionAction.PIN:
                    services.nomination_pin(nomination=nomination, decided_by=user, reason=reason)
                elif action == DecisionAction.EXCLUDE:
                    services.nomination_exclude(
                        nomination=nomination, decided_by=user, reason=reason
                    )
                else:
                    services.nomination_decision_clear(nomination=nomination, decided_by=user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("The short-list decision is saved."))
                return redirect(self.url("ranking", nomination.selection_round_id))
        return self.show_errors(form)


class NominationObjectMixin(SelectionPermissionMixin, NominationMixin, BaseObjectMixin):
    model = Nomination

    def get_object(self) -> Nomination:
        try:
            return selectors.nomination_detail(pk=self.pk)
        except Nomination.DoesNotExist:
            raise Http404(_("No such nomination.")) from None

    def inspect_breadcrumb(self) -> dict:
        return {"url": self.url("inspect", self.object.pk), "label": self.object.practice_name}


class NominationReviewView(NominationObjectMixin, WagtailAdminTemplateMixin, FormView):
    """A reviewer's scores of one long-listed nomination, to write or to change."""

    form_class = ReviewForm
    template_name = "selection/admin/review_form.html"
    page_title = gettext_lazy("Review")
    header_icon = "form"

    def user_may(self) -> bool:
        return permissions.can_review(self.request.user, self.object)

    @cached_property
    def review(self) -> Review | None:
        return Review.objects.filter(nomination=self.object, reviewer=self.request.user).first()

    def get_page_subtitle(self):
        return self.object.practice_name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            self.nominations_breadcrumb(),
            self.inspect_breadcrumb(),
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.review}

    def form_valid(self, form):
        scores = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            if self.review is None:
                services.review_create(nomination=self.object, reviewer=self.request.user, **scores)
            else:
                services.review_update(review=self.review, **scores)
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self.form_invalid(form)
        messages.success(self.request, _("Your review is saved."))
        return redirect(self.url("inspect", self.object.pk))

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "nomination": self.object,
                "checks": selectors.nomination_checks(self.object),
                "review": self.review,
                "action_url": self.url("review", self.object.pk),
                "submit_button_label": _("Save the changes")
                if self.review
                else _("Save the review"),
            }
        )
        return context


class NominationPromoteView(NominationObjectMixin, View):
    """A short-listed nomination becomes a draft practice profile, opened in the page editor."""

    def user_may(self) -> bool:
        return permissions.can_promote(self.request.user)

    def get(self, request, *args, **kwargs):
        return redirect(self.url("inspect", self.object.pk))

    def post(self, request, *args, **kwargs):
        try:
            page, created = services.nomination_promote(
                nomination=self.object, promoted_by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self.url("inspect", self.object.pk))
        if created:
            messages.success(
                request, _("A draft practice profile was created. Complete it and publish it.")
            )
        else:
            messages.warning(
                request, _("This nomination was promoted before; here is its profile.")
            )
        return redirect("wagtailadmin_pages:edit", page.pk)


class NominationDocumentView(SelectionPermissionMixin, BaseObjectMixin, View):
    """A nominator's file, for the people who assess nominations only.

    Always a download, with the type read from the file's bytes when it arrived (never the one
    its sender claimed), and no sniffing: a browser must not open a stranger's file as a page.
    """

    model = NominationDocument

    def get(self, request, *args, **kwargs):
        document = self.object
        response = FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=document.filename,
            content_type=document.served_content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


class RoundObjectMixin(SelectionPermissionMixin, NominationMixin, BaseObjectMixin):
    model = SelectionRound


class RankingView(RoundObjectMixin, WagtailAdminTemplateMixin, TemplateView):
    """The long list of a round ranked by weighted score, with the proposed short list."""

    template_name = "selection/admin/ranking.html"
    page_title = gettext_lazy("Ranking")
    header_icon = "order"

    def user_may(self) -> bool:
        return permissions.can_view_ranking(self.request.user)

    def get_page_subtitle(self):
        return self.object.name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            self.nominations_breadcrumb(),
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_header_buttons(self):
        buttons = []
        if permissions.can_export(self.request.user):
            buttons.append(
                HeaderButton(
                    _("Export the round (CSV)"),
                    url=self.url("export", self.object.pk),
                    icon_name="download",
                )
            )
        return [*buttons, *super().get_header_buttons()]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, selection_round = self.request.user, self.object
        context.update(selectors.round_ranking(selection_round=selection_round))
        context.update(
            {
                "criteria": list(Criterion),
                # Why nothing is long-listed, when that is so.
                "counts": None
                if context["rows"]
                else selectors.round_summary(selection_round=selection_round),
                "other_rounds": SelectionRound.objects.exclude(pk=selection_round.pk),
                "nominations_url": nominations_url(selection_round=selection_round),
                "pending_url": nominations_url(
                    selection_round=selection_round, status=NominationStatus.PENDING
                ),
                "DecisionAction": DecisionAction,
                "can_decide": permissions.can_manage_selection(user)
                and not selection_round.is_closed,
                "can_promote": permissions.can_promote(user),
            }
        )
        return context


class CurrentRankingView(SelectionPermissionMixin, NominationMixin, View):
    """The menu's way in: the ranking of the current round."""

    def user_may(self) -> bool:
        return permissions.can_view_ranking(self.request.user)

    def get(self, request, *args, **kwargs):
        selection_round = selectors.current_round()
        if selection_round is None:
            messages.warning(request, _("There is no selection round yet."))
            return redirect("wagtailadmin_home")
        return redirect(self.url("ranking", selection_round.pk))


def _safe_cell(value) -> str:
    """Spreadsheets run cells that start like a formula; a leading quote keeps them text."""
    text = str(value)
    return "'" + text if text.startswith(CSV_FORMULA_STARTS) else text


class RoundExportView(RoundObjectMixin, View):
    """Every nomination of a round with its checks, scores and short-list outcome, as CSV."""

    def user_may(self) -> bool:
        return permissions.can_export(self.request.user)

    def get(self, request, *args, **kwargs):
        selection_round = self.object
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        filename = f"nominations-{slugify(selection_round.slug)}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        writer = csv.writer(response)
        for row in selectors.round_export_rows(selection_round=selection_round):
            writer.writerow([_safe_cell(value) for value in row])
        return response
