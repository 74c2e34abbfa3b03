"""Filters of the admin's enrolment listing."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from .models import EditionPage, Enrolment, EnrolmentStatus


def _countries():
    values = Enrolment.objects.order_by("country").values_list("country", flat=True).distinct()
    return [(value, value) for value in values]


class EnrolmentFilterSet(WagtailFilterSet):
    edition = django_filters.ModelChoiceFilter(
        label=_("Edition"),
        queryset=EditionPage.objects.order_by("-residential_start"),
        empty_label=_("Any edition"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=EnrolmentStatus.choices, empty_label=_("Any status")
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"), choices=_countries, empty_label=_("Any country")
    )
    attended = django_filters.BooleanFilter(
        label=_("Attended the residential course"), method="filter_attended"
    )

    class Meta:
        model = Enrolment
        fields: list[str] = []

    def filter_attended(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(residential_attended_at__isnull=not value)
