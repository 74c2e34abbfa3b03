"""Admin registration of the learning app: enrolments (with bulk accept and decline), read-only
lists of certificates and agenda items under a "Learning" menu item, the places snippet, and the
dashboard's academy panel."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets import ListingButton
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.admin_permissions import ReadOnlyPermissionPolicy

from . import permissions
from .admin_views import AcceptBulkAction, DeclineBulkAction
from .filters import EnrolmentFilterSet
from .models import AgendaItem, Certificate, Enrolment, EnrolmentStatus, Place
from .selectors.editions import editions_in_progress


class AttendedColumn(Column):
    def get_value(self, instance):
        attended = instance.residential_attended_at
        return attended.date().isoformat() if attended else _("No")


class EnrolmentIndexView(generic.IndexView):
    template_name = "learning/staff/admin/enrolment_index.html"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user", "edition")

    @cached_property
    def columns(self):
        return [BulkActionsCheckboxColumn("bulk_actions", obj_type="enrolment"), *super().columns]

    def _get_title_column(self, *args, **kwargs):
        return super()._get_title_column(
            *args, **kwargs, get_title_id=lambda instance: f"enrolment_{instance.pk}_title"
        )

    def get_list_buttons(self, instance):
        buttons = super().get_list_buttons(instance)
        if instance.status == EnrolmentStatus.APPLIED and self.request.user.has_perm(
            "learning.change_enrolment"
        ):
            for action in (AcceptBulkAction, DeclineBulkAction):
                url = reverse(
                    "wagtail_bulk_action", args=["learning", "enrolment", action.action_type]
                )
                query = urlencode({"id": instance.pk, "next": self.request.get_full_path()})
                buttons.append(
                    ListingButton(
                        action.display_name,
                        f"{url}?{query}",
                        priority=action.action_priority,
                    )
                )
        return buttons


class EnrolmentViewSet(ModelViewSet):
    model = Enrolment
    name = "enrolments"
    url_prefix = "learning/enrolments"
    icon = "group"
    menu_label = _("Enrolments")
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = EnrolmentIndexView
    filterset_class = EnrolmentFilterSet
    search_fields = [
        "user__email",
        "user__first_name",
        "user__last_name",
        "organisation",
        "city",
        "country",
    ]
    list_per_page = 50
    ordering = ["-applied_at", "-pk"]
    list_display = [
        TitleColumn("user", label=_("Person")),
        Column("edition", label=_("Edition")),
        Column("get_status_display", label=_("Status"), sort_key="status"),
        "organisation",
        "city",
        "country",
        AttendedColumn("attended", label=_("Attended"), sort_key="residential_attended_at"),
        DateColumn("applied_at", label=_("Applied"), sort_key="applied_at"),
    ]
    # Decisions go through the bulk actions (and their e-mails); the form edits only what the
    # applicant wrote, to correct a typo in an organisation's name, say.
    form_fields = ["organisation", "role", "city", "country", "motivation"]
    inspect_view_fields = [
        "user",
        "edition",
        "status",
        "organisation",
        "role",
        "city",
        "country",
        "motivation",
        "applied_at",
        "decided_at",
        "decided_by",
        "decision_note",
        "withdrawn_at",
        "residential_attended_at",
        "completed_at",
    ]


register_permission_policy(Certificate, ReadOnlyPermissionPolicy(Certificate))


class CertificateIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("enrolment__user", "enrolment__edition")


class CertificateLinkColumn(Column):
    cell_template_name = "learning/staff/admin/certificate_link_cell.html"

    def get_value(self, instance):
        return reverse("learning:certificate", args=[instance.code])


class CertificateViewSet(ModelViewSet):
    model = Certificate
    name = "certificates"
    url_prefix = "learning/certificates"
    icon = "success"
    menu_label = _("Certificates")
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = CertificateIndexView
    search_fields = ["code", "enrolment__user__email", "enrolment__user__last_name"]
    ordering = ["-issued_at", "-pk"]
    list_display = [
        TitleColumn("enrolment", label=_("Trainee and edition")),
        CertificateLinkColumn("code", label=_("Verification page")),
        DateColumn("issued_at", label=_("Issued"), sort_key="issued_at"),
    ]
    inspect_view_fields = ["enrolment", "code", "issued_at"]
    form_fields = ["code"]


register_permission_policy(AgendaItem, ReadOnlyPermissionPolicy(AgendaItem))


class AgendaItemIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("page", "place")


class CheckInLinkColumn(Column):
    cell_template_name = "learning/staff/admin/check_in_link_cell.html"

    def get_value(self, instance):
        return reverse("learning:agenda_check_in", args=[instance.pk])


class AgendaItemViewSet(ModelViewSet):
    """Every agenda item of every edition in one list; items are edited on their agenda page,
    where overlaps in a room are checked and publishing tells trainees what changed."""

    model = AgendaItem
    name = "agenda_items"
    url_prefix = "learning/agenda-items"
    icon = "date"
    menu_label = _("Agenda items")
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = AgendaItemIndexView
    search_fields = ["title", "description"]
    list_filter = ["kind", "date", "required", "cancelled"]
    ordering = ["date", "start", "pk"]
    list_display = [
        TitleColumn("title", label=_("Title")),
        Column("page", label=_("Agenda")),
        DateColumn("date", label=_("Date"), sort_key="date"),
        Column("start", label=_("Starts")),
        Column("end", label=_("Ends")),
        Column("get_kind_display", label=_("Type"), sort_key="kind"),
        Column("place", label=_("Place")),
        CheckInLinkColumn("check_in", label=_("Check-in screen")),
    ]
    inspect_view_fields = [
        "page",
        "date",
        "start",
        "end",
        "kind",
        "title",
        "description",
        "place",
        "practice",
        "prework",
        "required",
        "capacity",
        "cancelled",
    ]
    form_fields = ["title"]


class PlaceViewSet(SnippetViewSet):
    model = Place
    icon = "site"
    menu_label = _("Places")
    add_to_admin_menu = False
    list_display = ["name", "address"]
    search_fields = ["name", "address"]


register_snippet(PlaceViewSet)


class LearningViewSetGroup(ModelViewSetGroup):
    items = (EnrolmentViewSet, CertificateViewSet, AgendaItemViewSet)
    menu_icon = "group"
    menu_label = _("Learning")
    menu_name = "learning"
    menu_order = 240


@hooks.register("register_admin_viewset")
def register_learning_viewsets():
    return LearningViewSetGroup()


hooks.register("register_bulk_action", AcceptBulkAction)
hooks.register("register_bulk_action", DeclineBulkAction)


class AcademyPanel(Component):
    """The dashboard's academy panel: each edition open or running, with the applications that
    wait for a decision and the shared reflections that wait for feedback."""

    name = "academy"
    order = 140
    template_name = "learning/staff/admin/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        enrolments = reverse("enrolments:index")
        rows = []
        for item in editions_in_progress():
            cohort = reverse("learning:cohort", args=[item.edition.slug])
            query = urlencode({"edition": item.edition.pk, "status": EnrolmentStatus.APPLIED})
            rows.append(
                {
                    "item": item,
                    "stage": item.stage(),
                    "cohort_url": cohort,
                    "applications_url": f"{enrolments}?{query}",
                    "reflections_url": reverse(
                        "learning:cohort_reflections", args=[item.edition.slug]
                    )
                    + "?waiting=1",
                }
            )
        return {"rows": rows}


@hooks.register("construct_homepage_panels")
def add_academy_panel(request, panels):
    if request.user.has_perm(permissions.VIEW_COHORTS):
        panels.append(AcademyPanel(request))
