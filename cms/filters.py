"""The practice index's filters: each one optional, combinable, and kept in the URL; and the
choices of a filter by a field's distinct values, which the admin's nomination filters use too."""

from collections.abc import Callable

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from cms.models import PolicyField, PracticePage
from cms.models.practices import PracticeStatus


def distinct_value_choices(rows: Callable[[], QuerySet], field: str) -> Callable[[], list]:
    """The choices of a filter by ``field``: each value it holds among ``rows()``, in order, read
    each time the form is built, so a new city shows up without a restart."""

    def choices() -> list[tuple[str, str]]:
        values = rows().order_by(field).values_list(field, flat=True).distinct()
        return [(value, value) for value in values]

    return choices


def _live_practices() -> QuerySet:
    return PracticePage.objects.live().public()


class PracticeFilter(django_filters.FilterSet):
    city = django_filters.ChoiceFilter(
        label=_("City"),
        choices=distinct_value_choices(_live_practices, "city"),
        empty_label=_("Any city"),
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        choices=distinct_value_choices(_live_practices, "country"),
        empty_label=_("Any country"),
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
