"""Reads of the residential agenda: its published items, the week summed up for the edition page,
the check-in screen of an item, the attendance counts the residential phase is measured by, the
items of a personal feed and the schedule's changelog. Each reads a fixed number of queries
whatever the number of items or trainees."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from cms.models import Person

from ..models import (
    AgendaItem,
    AgendaPage,
    Attendance,
    CalendarFeed,
    EditionPage,
    Enrolment,
    ItemKind,
    ScheduleChange,
)

__all__ = [
    "AgendaSummary",
    "AttendanceCount",
    "CheckInRow",
    "agenda_of",
    "agenda_summary",
    "attendance_needed",
    "check_in_rows",
    "feed_tokens",
    "item_by_pk",
    "personal_items",
    "published_items",
    "required_attendance",
    "residential_attendance_annotations",
    "schedule_changes",
]


def published_items(agenda: AgendaPage) -> QuerySet[AgendaItem]:
    """The agenda's items as published, with what the page shows of each, in time order."""
    return (
        AgendaItem.objects.filter(page=agenda)
        .select_related("place", "practice", "prework")
        .prefetch_related(
            Prefetch("speakers", queryset=Person.objects.order_by("name")),
            "materials",
        )
        .annotate(signup_count=Count("signups", distinct=True))
        .order_by("date", "start", "sort_order", "pk")
    )


def agenda_of(*, edition: EditionPage, live_only: bool = True) -> AgendaPage | None:
    pages = AgendaPage.objects.child_of(edition)
    if live_only:
        pages = pages.live()
    return pages.first()


@dataclass(frozen=True)
class AgendaSummary:
    agenda: AgendaPage
    days: int
    kinds: list[str]
    visit_sites: list[str]


def agenda_summary(*, edition: EditionPage) -> AgendaSummary | None:
    """What the residential week holds, for the edition page: two queries."""
    agenda = agenda_of(edition=edition)
    if agenda is None:
        return None
    items = list(
        AgendaItem.objects.filter(page=agenda, cancelled=False)
        .select_related("place")
        # The agenda page's own order: two visits that start together are named as it lists
        # them, not in whichever order the database returns a tie.
        .order_by("date", "start", "sort_order", "pk")
    )
    kinds = {item.kind for item in items}
    sites = []
    for item in items:
        if item.kind == ItemKind.STUDY_VISIT and item.place and item.place.name not in sites:
            sites.append(item.place.name)
    return AgendaSummary(
        agenda=agenda,
        days=len({item.date for item in items}),
        kinds=[str(label) for value, label in ItemKind.choices if value in kinds],
        visit_sites=sites,
    )


# Check-in -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckInRow:
    enrolment: Enrolment
    present: bool | None  # None: not recorded yet


def item_by_pk(*, pk: int) -> AgendaItem | None:
    return AgendaItem.objects.select_related("page", "place").filter(pk=pk).first()


def check_in_rows(*, edition: EditionPage, item: AgendaItem) -> list[CheckInRow]:
    """The edition's cohort with each trainee's attendance of ``item``: two queries."""
    enrolments = list(
        Enrolment.objects.active()
        .filter(edition=edition)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__email")
    )
    marks = dict(
        Attendance.objects.filter(item=item, enrolment__in=enrolments).values_list(
            "enrolment_id", "present"
        )
    )
    return [
        CheckInRow(enrolment=enrolment, present=marks.get(enrolment.pk)) for enrolment in enrolments
    ]


# Attendance counts --------------------------------------------------------------------------


@dataclass(frozen=True)
class AttendanceCount:
    required_total: int
    attended: dict[int, int]  # enrolment pk -> required items attended


def required_attendance(*, edition: EditionPage, enrolment_pks: Iterable[int]) -> AttendanceCount:
    """The edition's required, not cancelled, items and how many each enrolment attended: two
    queries whatever the size of the cohort."""
    required = AgendaItem.objects.filter(
        page__in=AgendaPage.objects.child_of(edition).live(), required=True, cancelled=False
    )
    total = required.count()
    attended: dict[int, int] = {}
    pks = list(enrolment_pks)
    if total and pks:
        attended = dict(
            Attendance.objects.filter(enrolment_id__in=pks, present=True, item__in=required)
            .values("enrolment_id")
            .annotate(count=Count("pk"))
            .values_list("enrolment_id", "count")
        )
    return AttendanceCount(required_total=total, attended=attended)


def attendance_needed(*, edition: EditionPage, required_total: int) -> int:
    """How many required items a trainee attends to complete the residential course."""
    return math.ceil(required_total * edition.attendance_threshold / 100)


def residential_attendance_annotations() -> dict:
    """Annotations for an Enrolment queryset: the required items of its edition's live agenda
    (``agenda_required_total``) and how many of them it attended (``agenda_required_attended``),
    so that a list of enrolments in different editions needs no query per enrolment."""
    required = {
        "page__path__startswith": OuterRef("edition__path"),
        "page__depth": OuterRef("edition__depth") + 1,
        "page__live": True,
        "required": True,
        "cancelled": False,
    }
    items = AgendaItem.objects.filter(**required)
    attended = Attendance.objects.filter(
        enrolment=OuterRef("pk"),
        present=True,
        **{f"item__{lookup}": value for lookup, value in required.items()},
    )

    def count(queryset):
        return Coalesce(
            Subquery(
                queryset.order_by()
                .annotate(group=Value(1))
                .values("group")
                .annotate(total=Count("pk"))
                .values("total")[:1],
                output_field=models.IntegerField(),
            ),
            0,
        )

    return {
        "agenda_required_total": count(items),
        "agenda_required_attended": count(attended),
    }


# Personal feed ------------------------------------------------------------------------------


def personal_items(*, enrolment: Enrolment) -> tuple[AgendaPage | None, list[AgendaItem]]:
    """The trainee's own agenda: required items, visits they signed up for, items they starred."""
    agenda = agenda_of(edition=enrolment.edition)
    if agenda is None:
        return None, []
    items = (
        published_items(agenda)
        .filter(Q(required=True) | Q(signups__enrolment=enrolment) | Q(stars__enrolment=enrolment))
        .distinct()
    )
    return agenda, list(items)


def feed_tokens(*, enrolment_pks: list[int]) -> dict[int, str]:
    """The personal feed token of each enrolment that has one, in one query."""
    if not enrolment_pks:
        return {}
    return dict(
        CalendarFeed.objects.filter(enrolment_id__in=enrolment_pks).values_list(
            "enrolment_id", "token"
        )
    )


def schedule_changes(*, agenda: AgendaPage) -> list[ScheduleChange]:
    """The agenda's changelog, the latest first: one query."""
    return list(
        ScheduleChange.objects.filter(item__page=agenda)
        .select_related("item")
        .order_by("-changed_at", "-pk")
    )
