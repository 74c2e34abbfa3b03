"""Filters of the admin's nomination listing."""

import django_filters
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from cms.filters import distinct_value_choices
from cms.models import PolicyField

from .models import Nomination, NominationStatus, SelectionRound


class MyReview(models.TextChoices):
    TO_DO = "todo", _("Long-listed, not reviewed by me")
    DONE = "done", _("Reviewed by me")


class NominationFilterSet(WagtailFilterSet):
    selection_round = django_filters.ModelChoiceFilter(
        label=_("Round"), queryset=SelectionRound.objects.all(), empty_label=_("Any round")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=NominationStatus.choices, empty_label=_("Any status")
    )
    city = django_filters.ChoiceFilter(
        label=_("City"),
        choices=distinct_value_choices(Nomination.objects.all, "city"),
        empty_label=_("Any city"),
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        choices=distinct_value_choices(Nomination.objects.all, "country"),
        empty_label=_("Any country"),
    )
    policy_field = django_filters.ModelChoiceFilter(
        label=_("Policy field"),
        field_name="policy_fields",
        queryset=PolicyField.objects.order_by("name"),
        empty_label=_("Any policy field"),
    )
    long_listed = django_filters.BooleanFilter(label=_("Long-listed"), method="filter_long_listed")

    my_review = django_filters.ChoiceFilter(
        label=_("My review"),
        choices=MyReview.choices,
        method="filter_my_review",
        empty_label=_("Any"),
    )

    class Meta:
        model = Nomination
        fields: list[str] = []

    def filter_long_listed(self, queryset, name, value):
        if value is None:
            return queryset
        if value:
            return queryset.filter(status=NominationStatus.LONG_LISTED)
        return queryset.exclude(status=NominationStatus.LONG_LISTED)

    def filter_my_review(self, queryset, name, value):
        user = getattr(self.request, "user", None)
        if not value or user is None or not user.is_authenticated:
            return queryset
        if value == MyReview.DONE:
            return queryset.filter(reviews__reviewer=user)
        return queryset.filter(status=NominationStatus.LONG_LISTED).exclude(reviews__reviewer=user)
