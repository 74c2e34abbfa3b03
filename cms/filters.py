"""The practice index's filters: each one optional, combinable, and kept in the URL."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from cms.models import PolicyField, PracticePage
from cms.models.practices import PracticeStatus


def _distinct_values(field: str):
    def choices():
        values = (
            PracticePage.objects.live()
            .public()
            .order_by(field)
            .values_list(field, flat=True)
            .distinct()
        )
        return [(value, value) for value in values]

    return choices


class PracticeFilter(django_filters.FilterSet):
    city = django_filters.ChoiceFilter(
        label=_("City"), choices=_distinct_values("city"), empty_label=_("Any city")
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=_distinct_values("country"), empty_label=_("Any country")
    )
    policy_field = django_filters.ModelChoiceFilter(
        label=_("Policy field"),
        field_name="policy_fields",
        to_field_name="slug",
        queryset=PolicyField.objects.all(),
        empty_label=_("Any policy field"),
    )
    tag = django_filters.ModelChoiceFilter(
        label=_("Tag"),
        field_name="tags",
        to_field_name="slug",
        queryset=Tag.objects.filter(cms_practicetag_items__isnull=False)
        .distinct()
        .order_by("name"),
        empty_label=_("Any tag"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=PracticeStatus.choices,
        method="filter_status",
        empty_label=_("Live or closed"),
        widget=forms.Select,
    )

    class Meta:
        model = PracticePage
        fields: list[str] = []

    def filter_status(self, queryset, name, value):
        return queryset.with_status(value)
