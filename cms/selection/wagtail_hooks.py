"""Admin registration of the selection pipeline: its viewsets, the ranking's menu item and the
dashboard panel."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import permissions, selectors
from .admin_views import nominations_url
from .models import NominationStatus
from .viewsets import SelectionViewSetGroup


@hooks.register("register_admin_viewset")
def register_selection_viewsets():
    return SelectionViewSetGroup()


class RankingMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.can_view_ranking(request.user)


@hooks.register("register_admin_menu_item")
def register_ranking_menu_item():
    return RankingMenuItem(
        _("Ranking"),
        reverse("nominations:ranking_current"),
        name="selection-ranking",
        icon_name="order",
        order=260,
    )


class SelectionPanel(Component):
    """The dashboard's counts for the current round: nominations by status, each linking to the
    listing filtered to it, then reviews."""

    name = "selection_round"
    order = 150
    template_name = "selection/admin/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        selection_round = selectors.current_round()
        context = {"selection_round": selection_round}
        if selection_round is None:
            return context
        user = self.request.user
        counts = selectors.round_summary(
            selection_round=selection_round,
            reviewer=user if permissions.is_reviewer(user) else None,
        )
        context.update(
            counts=counts,
            nominations_url=nominations_url(selection_round=selection_round),
            statuses=[
                {
                    "label": status.label,
                    "count": counts[status.value],
                    "url": nominations_url(selection_round=selection_round, status=status.value),
                }
                # Each status the summary counts, in the order of the pipeline.
                for status in NominationStatus
                if status.value in counts
            ],
            can_export=permissions.can_export(user),
        )
        return context


@hooks.register("construct_homepage_panels")
def add_selection_panel(request, panels):
    if permissions.can_view_nominations(request.user):
        panels.append(SelectionPanel(request))
