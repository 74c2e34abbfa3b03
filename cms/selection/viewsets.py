"""The selection pipeline in the Wagtail admin: nominations (listing, file, review, ranking,
export) and selection rounds, grouped under one "Selection" menu item."""

from django.urls import path
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from . import admin_views, selectors, services
from .filters import NominationFilterSet
from .models import Nomination, SelectionRound


class PolicyFieldsColumn(Column):
    def get_value(self, instance):
        return ", ".join(item.name for item in instance.policy_fields.all())


class UnmetColumn(Column):
    """Why a nomination is not on the long list, from data the row already holds: each unmet
    pre-requisite by its letter, the letter's meaning and the check's reason in its title."""

    def get_value(self, instance):
        unmet = [check for check in selectors.nomination_checks(instance) if check.met is False]
        return format_html_join(
            ", ",
            '<abbr title="{}">{}</abbr>',
            (
                (f"{meaning}: {check.reason}", code)
                for check in unmet
                for code, meaning in [check.label.split(" ", 1)]
            ),
        )


class NominationIndexView(generic.IndexView):
    def get_base_queryset(self):
        return selectors.nominations_for_listing(super().get_base_queryset())


class NominationCreateView(generic.CreateView):
    def save_instance(self):
        instance = super().save_instance()
        return services.nomination_status_refresh(nomination=instance)


class NominationEditView(generic.EditView):
    def save_instance(self):
        instance = super().save_instance()
        return services.nomination_status_refresh(nomination=instance)


class NominationViewSet(ModelViewSet):
    """Nominations: the listing and forms are Wagtail's; the inspect view is a nomination's file,
    and the other selection screens hang off the same URL prefix and permission policy."""

    model = Nomination
    name = "nominations"
    url_prefix = "selection/nominations"
    icon = "clipboard-list"
    menu_label = _("Nominations")
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = NominationIndexView
    add_view_class = NominationCreateView
    edit_view_class = NominationEditView
    inspect_view_class = admin_views.NominationInspectView
    filterset_class = NominationFilterSet
    search_fields = ["practice_name", "city", "country", "lead_organisation"]
    list_per_page = 50
    ordering = ["-submitted_at", "-pk"]
    list_display = [
        TitleColumn("practice_name", label=_("Practice"), url_name="nominations:inspect"),
        "city",
        "country",
        PolicyFieldsColumn("policy_fields", label=_("Policy fields")),
        Column("selection_round", label=_("Round")),
        Column("get_status_display", label=_("Status")),
        UnmetColumn("unmet", label=_("Unmet pre-requisites")),
        Column("review_count", label=_("Reviews")),
        "submitted_at",
    ]
    inspect_view_fields = [
        "where",
        "lead_organisation",
        "public_authorities",
        "policy_fields",
        "running",
        "goals",
        "description",
        "results",
        "funding",
        "links",
        "documents",
        "contact",
        "submitted_at",
    ]

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(url_namespace=self.url_namespace, **kwargs)

    def form_post_view(self, view_class):
        """A form of the nomination's file, which shows the file again on errors."""
        return self.construct_view(view_class, **self.get_inspect_view_kwargs())

    def extra_view(self, view_class):
        return view_class.as_view(url_namespace=self.url_namespace)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "check/<int:pk>/",
                self.form_post_view(admin_views.NominationCheckView),
                name="check",
            ),
            path(
                "decide/<int:pk>/",
                self.form_post_view(admin_views.NominationDecideView),
                name="decide",
            ),
            path(
                "review/<int:pk>/", self.extra_view(admin_views.NominationReviewView), name="review"
            ),
            path(
                "promote/<int:pk>/",
                self.extra_view(admin_views.NominationPromoteView),
                name="promote",
            ),
            path(
                "documents/<int:pk>/",
                admin_views.NominationDocumentView.as_view(),
                name="document",
            ),
            # A round's ranking and export: its nominations, so under the same prefix and policy.
            path(
                "ranking/", self.extra_view(admin_views.CurrentRankingView), name="ranking_current"
            ),
            path("ranking/<int:pk>/", self.extra_view(admin_views.RankingView), name="ranking"),
            path("export/<int:pk>/", self.extra_view(admin_views.RoundExportView), name="export"),
        ]


class SelectionRoundEditView(generic.EditView):
    def save_instance(self):
        instance = super().save_instance()
        services.round_statuses_refresh(selection_round=instance)
        return instance


class SelectionRoundViewSet(ModelViewSet):
    model = SelectionRound
    name = "selection_rounds"
    url_prefix = "selection/rounds"
    icon = "calendar-alt"
    menu_label = _("Rounds")
    copy_view_enabled = False
    edit_view_class = SelectionRoundEditView
    list_display = [
        "name",
        "reference_date",
        "short_list_size",
        "max_per_policy_field",
        "is_closed",
    ]
    form_fields = [
        "name",
        "slug",
        "reference_date",
        "short_list_size",
        "max_per_policy_field",
        "weight_innovation",
        "weight_success",
        "weight_sustainability",
        "weight_transferability",
        "is_closed",
    ]


class SelectionViewSetGroup(ModelViewSetGroup):
    items = (NominationViewSet, SelectionRoundViewSet)
    menu_icon = "clipboard-list"
    menu_label = _("Selection")
    menu_name = "selection"
    menu_order = 250
