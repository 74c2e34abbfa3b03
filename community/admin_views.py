"""The community's admin views beyond the viewsets' own: the flags' filters, the inspect view with
its "hide" and "keep" buttons, and the view they post to, which resolves through the same
moderation verb as the site's queue."""

from __future__ import annotations

import django_filters
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views import generic
from wagtail.permissions import policy_registry

from . import moderation, permissions
from .models import Flag, FlagReason, FlagResolution
from .moderation import forms

OPEN, RESOLVED = "open", "resolved"


def flags_for(user) -> Flag:
    """The flags of the forums the person moderates, open ones marked for the ordering."""
    return (
        Flag.objects.filter(post__forum__in=permissions.moderated_forums(user))
        .annotate(
            is_open=ExpressionWrapper(Q(resolved_at__isnull=True), output_field=BooleanField())
        )
        .select_related("post__topic__forum", "reporter", "resolved_by")
    )


class FlagFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"),
        choices=[(OPEN, gettext_lazy("Open")), (RESOLVED, gettext_lazy("Resolved"))],
        empty_label=gettext_lazy("Open and resolved"),
        method="filter_status",
    )
    reason = django_filters.ChoiceFilter(
        label=gettext_lazy("Reason"),
        choices=FlagReason.choices,
        empty_label=gettext_lazy("Any reason"),
    )

    class Meta:
        model = Flag
        fields: list[str] = []

    def filter_status(self, queryset, name, value):
        if value == OPEN:
            return queryset.filter(resolved_at__isnull=True)
        if value == RESOLVED:
            return queryset.filter(resolved_at__isnull=False)
        return queryset


class FlagIndexView(generic.IndexView):
    def get_base_queryset(self):
        return flags_for(self.request.user)


class FlagInspectView(generic.InspectView):
    template_name = "community/moderation/admin/flag_inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(flags_for(self.request.user), pk=self.kwargs[self.pk_url_kwarg])

    def get_context_data(self, **kwargs):
        flag = self.object
        policy = policy_registry.get_by_type(Flag)
        return {
            **super().get_context_data(**kwargs),
            "flag": flag,
            "post": flag.post,
            "can_resolve": flag.resolved_at is None
            and policy.user_has_permission(self.request.user, "resolve")
            and permissions.can_moderate_forum(self.request.user, flag.post.topic.forum),
            "resolve_url": reverse("community_flags:resolve", args=[flag.pk]),
            "open_count": Flag.objects.open().filter(post=flag.post).count(),
        }


@require_POST
def flag_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    """Hide or keep the flagged post; every open flag of the post is resolved."""
    if not policy_registry.get_by_type(Flag).user_has_permission(request.user, "resolve"):
        raise PermissionDenied
    flag = get_object_or_404(flags_for(request.user), pk=pk)
    inspect = reverse("community_flags:inspect", args=[flag.pk])
    form = forms.ResolveForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return HttpResponseRedirect(inspect)
    hide = form.cleaned_data["decision"] == forms.HIDE
    try:
        count = moderation.flag_resolve(
            moderator=request.user,
            flag=flag,
            resolution=FlagResolution.HIDDEN if hide else FlagResolution.KEPT,
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return HttpResponseRedirect(inspect)
    if hide:
        message = ngettext(
            "The post is hidden; %(count)d flag resolved.",
            "The post is hidden; %(count)d flags resolved.",
            count,
        )
    else:
        message = ngettext(
            "The post stays; %(count)d flag resolved.",
            "The post stays; %(count)d flags resolved.",
            count,
        )
    messages.success(request, message % {"count": count})
    return HttpResponseRedirect(reverse("community_flags:index"))
