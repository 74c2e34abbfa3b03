"""Admin registration of the community under one "Community" menu item: the forums (ordered by
dragging, archived rather than deleted once they hold topics), the members' flags with a way to
resolve them, and the moderation log, read-only; and the dashboard's panel of flagged posts."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from cms.admin_permissions import ReadOnlyPermissionPolicy

from . import admin_views, permissions
from .models import Flag, Forum, ModerationAction

# ---------------------------------------------------------------------------------------------
# Forums


class ForumDeleteView(generic.DeleteView):
    """A forum with topics is archived, not deleted: deleting it would take every post with it."""

    def dispatch(self, request, *args, **kwargs):
        if self.object.topics.exists():
            messages.error(
                request,
                _(
                    "“%(forum)s” holds topics, so it cannot be deleted; archive it instead and "
                    "it stays readable."
                )
                % {"forum": self.object},
            )
            return HttpResponseRedirect(reverse("community_forums:edit", args=[self.object.pk]))
        return super().dispatch(request, *args, **kwargs)


class ForumViewSet(ModelViewSet):
    model = Forum
    name = "community_forums"
    url_prefix = "community/forums"
    icon = "folder-open-inverse"
    menu_label = _("Forums")
    add_to_admin_menu = False
    copy_view_enabled = False
    sort_order_field = "sort_order"
    delete_view_class = ForumDeleteView
    search_fields = ["name", "slug", "description"]
    list_filter = ["kind", "archived"]
    list_display = [
        TitleColumn("name", label=_("Name")),
        Column("get_kind_display", label=_("Kind"), sort_key="kind"),
        Column("edition", label=_("Edition")),
        Column("topic_count", label=_("Topics"), sort_key="topic_count"),
        Column("post_count", label=_("Posts"), sort_key="post_count"),
        BooleanColumn("archived", label=_("Archived"), sort_key="archived"),
    ]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("kind"),
        FieldPanel("edition"),
        FieldPanel("archived"),
    ]


# ---------------------------------------------------------------------------------------------
# Flags


class FlagPermissionPolicy(ModelPermissionPolicy):
    """Members make flags on the site and moderators resolve them through the moderation verbs:
    the admin lists and inspects them, and "resolve" needs ``community.change_flag``. Nobody adds,
    edits or deletes a flag by hand."""

    def user_has_permission(self, user, action):
        if action == "resolve":
            return super().user_has_permission(user, "change")
        if action == "view":
            return super().user_has_permission(user, "view") or super().user_has_permission(
                user, "change"
            )
        return False


register_permission_policy(Flag, FlagPermissionPolicy(Flag))


class PostColumn(TitleColumn):
    def get_value(self, instance):
        post = instance.post
        return f"{post.topic.title}, #{post.number}"


class StatusColumn(Column):
    def get_value(self, instance):
        if instance.resolved_at is None:
            return _("Open")
        return instance.get_resolution_display()


class FlagViewSet(ModelViewSet):
    model = Flag
    name = "community_flags"
    url_prefix = "community/flags"
    icon = "warning"
    menu_label = _("Flags")
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = admin_views.FlagIndexView
    inspect_view_class = admin_views.FlagInspectView
    filterset_class = admin_views.FlagFilterSet
    ordering = ["-is_open", "-created_at", "-pk"]
    list_per_page = 50
    list_display = [
        PostColumn("post", label=_("Post")),
        Column("post.topic.forum", label=_("Forum")),
        Column("reporter", label=_("Reported by")),
        Column("get_reason_display", label=_("Reason"), sort_key="reason"),
        DateColumn("created_at", label=_("Flagged"), sort_key="created_at"),
        StatusColumn("status", label=_("Status")),
    ]
    inspect_view_fields = ["reason", "note", "reporter", "created_at"]
    form_fields = ["resolution_note"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("resolve/<int:pk>/", admin_views.flag_resolve, name="resolve"),
        ]


# ---------------------------------------------------------------------------------------------
# The moderation log


register_permission_policy(ModerationAction, ReadOnlyPermissionPolicy(ModerationAction))


class ModerationLogIndexView(generic.IndexView):
    def get_base_queryset(self):
        from .moderation.queue import moderation_log

        return moderation_log(user=self.request.user)


class WhereColumn(Column):
    def get_value(self, instance):
        if instance.post_id:
            return f"{instance.post.topic.title}, #{instance.post.number}"
        return instance.topic or instance.forum or "—"


class ModerationLogViewSet(ModelViewSet):
    model = ModerationAction
    name = "community_moderation_log"
    url_prefix = "community/moderation-log"
    icon = "list-ul"
    menu_label = _("Moderation log")
    add_to_admin_menu = False
    copy_view_enabled = False
    index_view_class = ModerationLogIndexView
    list_filter = ["verb"]
    ordering = ["-created_at", "-pk"]
    list_per_page = 50
    list_display = [
        DateColumn("created_at", label=_("When"), sort_key="created_at"),
        Column("moderator", label=_("Moderator")),
        Column("get_verb_display", label=_("Action"), sort_key="verb"),
        WhereColumn("where", label=_("Where")),
        Column("forum", label=_("Forum")),
        Column("reason", label=_("Reason")),
        Column("detail", label=_("Detail")),
    ]
    form_fields = ["reason"]


class CommunityViewSetGroup(ModelViewSetGroup):
    items = (ForumViewSet, FlagViewSet, ModerationLogViewSet)
    menu_icon = "group"
    menu_label = _("Community")
    menu_name = "community"
    menu_order = 250


@hooks.register("register_admin_viewset")
def register_community_viewsets():
    return CommunityViewSetGroup()


# ---------------------------------------------------------------------------------------------
# The dashboard


class CommunityPanel(Component):
    """How many flagged posts wait for a moderator, with the ways to them: the admin's list of
    open flags and the site's moderation queue."""

    name = "community"
    order = 150
    template_name = "community/moderation/admin/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        waiting = admin_views.flags_for(self.request.user).filter(resolved_at__isnull=True)
        counts = waiting.aggregate(
            posts=Count("post", distinct=True), forums=Count("post__forum", distinct=True)
        )
        return {
            "posts": counts["posts"],
            "forums": counts["forums"],
            "flags_url": reverse("community_flags:index") + "?status=open",
            "queue_url": reverse("community:moderation"),
        }


@hooks.register("construct_homepage_panels")
def add_community_panel(request, panels):
    if request.user.has_perm("community.change_flag") and permissions.can_moderate_anywhere(
        request.user
    ):
        panels.append(CommunityPanel(request))
