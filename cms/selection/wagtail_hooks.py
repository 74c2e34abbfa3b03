"""Admin registration of the selection pipeline: listings, screens, menu and dashboard panel.

``cms/wagtail_hooks.py`` imports this module, since Wagtail only discovers hooks per app.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from . import admin_views, permissions, selectors, services
from .filters import NominationFilterSet
from .models import Nomination, SelectionRound


class PolicyFieldsColumn(Column):
    def get_value(self, instance):
        return ", ".join(item.name for item in instance.policy_fields.all())


class UnmetColumn(Column):
    """Why a nomination is not on the long list, from data the row already holds."""

    def get_value(self, instance):
        unmet = [
            check.label.split(" ", 1)[0]
            for check in selectors.nomination_checks(instance)
            if check.met is False
        ]
        return ", ".join(unmet)


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
    model = Nomination
    name = "nominations"
    url_prefix = "selection/nominations"
    icon = "clipboard-list"
    menu_label = _("Nominations")
    add_to_admin_menu = False
    copy_view_enabled = False
    index_view_class = NominationIndexView
    add_view_class = NominationCreateView
    edit_view_class = NominationEditView
    filterset_class = NominationFilterSet
    search_fields = ["practice_name", "city", "country", "lead_organisation"]
    list_per_page = 50
    ordering = ["-submitted_at", "-pk"]
    list_display = [
        TitleColumn(
            "practice_name",
            label=_("Practice"),
            url_name="selection_nomination",
        ),
        "city",
        "country",
        PolicyFieldsColumn("policy_fields", label=_("Policy fields")),
        Column("selection_round", label=_("Round")),
        Column("get_status_display", label=_("Status")),
        UnmetColumn("unmet", label=_("Unmet pre-requisites")),
        Column("review_count", label=_("Reviews")),
        "submitted_at",
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


@hooks.register("register_admin_viewset")
def register_selection_viewsets():
    return SelectionViewSetGroup()


@hooks.register("register_admin_urls")
def register_selection_urls():
    return [
        path(
            "selection/nominations/<int:pk>/",
            admin_views.nomination_detail,
            name="selection_nomination",
        ),
        path(
            "selection/nominations/<int:pk>/check/",
            admin_views.nomination_check,
            name="selection_nomination_check",
        ),
        path(
            "selection/nominations/<int:pk>/review/",
            admin_views.nomination_review,
            name="selection_nomination_review",
        ),
        path(
            "selection/nominations/<int:pk>/decide/",
            admin_views.nomination_decide,
            name="selection_nomination_decide",
        ),
        path(
            "selection/nominations/<int:pk>/promote/",
            admin_views.nomination_promote,
            name="selection_nomination_promote",
        ),
        path(
            "selection/documents/<int:pk>/",
            admin_views.nomination_document,
            name="selection_document",
        ),
        path("selection/ranking/", admin_views.ranking_current, name="selection_ranking_current"),
        path("selection/rounds/<int:pk>/ranking/", admin_views.ranking, name="selection_ranking"),
        path(
            "selection/rounds/<int:pk>/export.csv", admin_views.export_csv, name="selection_export"
        ),
    ]


class RankingMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.can_view_ranking(request.user)


@hooks.register("register_admin_menu_item")
def register_ranking_menu_item():
    return RankingMenuItem(
        _("Ranking"),
        reverse("selection_ranking_current"),
        name="selection-ranking",
        icon_name="order",
        order=260,
    )


class SelectionPanel(Component):
    """The dashboard's counts for the current round."""

    name = "selection_round"
    order = 150
    template_name = "cms/selection/admin/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        selection_round = selectors.current_round()
        context = {"selection_round": selection_round}
        if selection_round is not None:
            user = self.request.user
            context["counts"] = selectors.round_summary(
                selection_round=selection_round,
                reviewer=user if permissions.is_reviewer(user) else None,
            )
            context["can_export"] = permissions.can_export(user)
        return context


@hooks.register("construct_homepage_panels")
def add_selection_panel(request, panels):
    if permissions.can_view_nominations(request.user):
        panels.append(SelectionPanel(request))
