"""Reads of the residential agenda: the agenda page for a person, the check-in screen of an item,
the items of a personal feed and the attendance counts the residential phase is measured by.
Each reads a fixed number of queries whatever the number of items or trainees."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import timezone

from cms.accounts.types import AnyUser
from cms.models import Person

from . import permissions
from .models import (
    AgendaItem,
    AgendaPage,
    Attendance,
    CalendarFeed,
    EditionPage,
    Enrolment,
    ItemKind,
    ItemStar,
    Place,
    ScheduleChange,
    VisitSignup,
)
from .selectors import ACTIVE_STATUSES, edition_of, enrolment_for, progress_for

# Colours of the type labels, as CSS modifiers; the text label always says the type too.
KIND_TONES = {
    ItemKind.LECTURE: "blue",
    ItemKind.CASE_STUDY: "green",
    ItemKind.OPEN_SPACE: "orange",
    ItemKind.ROLE_PLAY: "purple",
    ItemKind.STUDY_VISIT: "teal",
    ItemKind.GROUP_WORK: "brown",
    ItemKind.PLENARY: "navy",
    ItemKind.BREAK: "grey",
}


def _positive_int(value: str | None) -> int | None:
    # isascii: "²".isdigit() is true but int("²") fails; nine digits fit every id column.
    if value and value.isascii() and value.isdigit() and len(value) < 10:
        return int(value)
    return None


@dataclass(frozen=True)
class AgendaFilters:
    kind: str = ""
    speaker: int | None = None
    place: int | None = None

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> AgendaFilters:
        """Filters from the page's GET parameters; a value that means nothing is ignored."""
        kind = query.get("type", "")
        return cls(
            kind=kind if kind in ItemKind.values else "",
            speaker=_positive_int(query.get("speaker")),
            place=_positive_int(query.get("place")),
        )

    @property
    def active(self) -> bool:
        return bool(self.kind or self.speaker or self.place)

    def matches(self, item: AgendaItem) -> bool:
        if self.kind and item.kind != self.kind:
            return False
        if self.place and item.place_id != self.place:
            return False
        return not self.speaker or any(person.pk == self.speaker for person in item.speakers.all())


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


@dataclass(frozen=True)
class ItemRow:
    item: AgendaItem
    tone: str
    starred: bool = False
    signed_up: bool = False
    attended: bool = False
    places_left: int | None = None
    prework_done: bool | None = None  # None: no pre-work, or nobody to measure it for
    is_now: bool = False
    is_next: bool = False
    changed_at: datetime.datetime | None = None  # the latest published change

    @property
    def full(self) -> bool:
        return self.places_left == 0


@dataclass(frozen=True)
class AgendaView:
    agenda: AgendaPage
    edition: EditionPage
    days: list[tuple[datetime.date, list[ItemRow]]]
    filters: AgendaFilters
    kinds: list[tuple[str, str]]
    speakers: list[Person]
    places: list[Place]
    enrolment: Enrolment | None
    takes_part: bool
    can_check_in: bool
    signup_closed_reason: str
    item_count: int
    running: bool
    feed_url: str = ""
    extra: dict = field(default_factory=dict)


def _now_and_next(
    items: list[AgendaItem], tz: datetime.tzinfo, now: datetime.datetime
) -> tuple[set[int], int | None]:
    current = {
        item.pk
        for item in items
        if not item.cancelled and item.starts_at(tz) <= now < item.ends_at(tz)
    }
    upcoming = [item for item in items if not item.cancelled and item.starts_at(tz) > now]
    return current, (min(upcoming, key=lambda item: item.starts_at(tz)).pk if upcoming else None)


def _prework_states(enrolment: Enrolment, items: list[AgendaItem]) -> dict[int, bool]:
    """Whether the trainee finished each item's pre-work (a module or a lesson)."""
    if not any(item.prework_id for item in items):
        return {}
    progress = progress_for(enrolment=enrolment)
    states = {}
    for item in items:
        if not item.prework_id:
            continue
        lesson = progress.lesson_state(item.prework_id)
        if lesson is not None:
            states[item.pk] = lesson.completed
            continue
        module = progress.module_progress(item.prework_id)
        if module is not None:
            states[item.pk] = module.complete
    return states


def agenda_view(
    *,
    user: AnyUser,
    agenda: AgendaPage,
    filters: AgendaFilters | None = None,
    now: datetime.datetime | None = None,
) -> AgendaView:
    filters = filters or AgendaFilters()
    now = now or timezone.now()
    edition = edition_of(page=agenda)
    items = list(published_items(agenda))
    enrolment = enrolment_for(user=user, edition=edition) if edition else None
    takes_part = permissions.can_take_part_in_agenda(user, enrolment)
    starred = signed_up = attended = set()
    prework: dict[int, bool] = {}
    if takes_part:
        starred = set(
            ItemStar.objects.filter(enrolment=enrolment).values_list("item_id", flat=True)
        )
        signed_up = set(
            VisitSignup.objects.filter(enrolment=enrolment).values_list("item_id", flat=True)
        )
        attended = set(
            Attendance.objects.filter(enrolment=enrolment, present=True).values_list(
                "item_id", flat=True
            )
        )
        prework = _prework_states(enrolment, items)
    changed = dict(
        ScheduleChange.objects.filter(item__page=agenda)
        .values("item_id")
        .annotate(latest=Max("changed_at"))
        .values_list("item_id", "latest")
    )
    tz = agenda.tz
    current, upcoming = _now_and_next(items, tz, now)
    running = bool(
        edition
        and edition.residential_start <= now.astimezone(tz).date() <= edition.residential_end
    )

    days: dict[datetime.date, list[ItemRow]] = defaultdict(list)
    speakers: dict[int, Person] = {}
    places: dict[int, Place] = {}
    for item in items:
        for person in item.speakers.all():
            speakers[person.pk] = person
        if item.place is not None:
            places[item.place.pk] = item.place
        if not filters.matches(item):
            continue
        days[item.date].append(
            ItemRow(
                item=item,
                tone=KIND_TONES.get(item.kind, "grey"),
                starred=item.pk in starred,
                signed_up=item.pk in signed_up,
                attended=item.pk in attended,
                places_left=max(0, item.capacity - item.signup_count)
                if item.takes_signups
                else None,
                prework_done=prework.get(item.pk),
                is_now=running and item.pk in current,
                is_next=running and item.pk == upcoming,
                changed_at=changed.get(item.pk),
            )
        )
    used_kinds = {item.kind for item in items}
    return AgendaView(
        agenda=agenda,
        edition=edition,
        days=sorted(days.items()),
        filters=filters,
        kinds=[(value, label) for value, label in ItemKind.choices if value in used_kinds],
        speakers=sorted(speakers.values(), key=lambda person: person.name),
        places=sorted(places.values(), key=lambda place: place.name),
        enrolment=enrolment,
        takes_part=takes_part,
        can_check_in=bool(edition) and permissions.can_mark_attendance(user, edition),
        signup_closed_reason=permissions.signup_closed_reason(edition) if edition else "",
        item_count=len(items),
        running=running,
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
        .order_by("date", "start")
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
        Enrolment.objects.filter(edition=edition, status__in=ACTIVE_STATUSES)
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
