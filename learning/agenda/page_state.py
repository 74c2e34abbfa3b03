"""The agenda page's state: its items by day as a person sees them (starred, booked, attended,
what runs now and next, pre-work done or not), the filters, and what the person may do there.
A fixed number of queries whatever the number of items."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Max
from django.utils import timezone

from cms.accounts.types import AnyUser
from cms.models import Person

from .. import permissions
from ..models import (
    AgendaItem,
    AgendaPage,
    Attendance,
    EditionPage,
    Enrolment,
    ItemKind,
    ItemStar,
    Place,
    ScheduleChange,
    VisitSignup,
)
from ..selectors.editions import edition_of, enrolment_for
from ..selectors.progress import progress_for
from .selectors import published_items

__all__ = [
    "KIND_TONES",
    "AgendaFilters",
    "AgendaPageState",
    "ItemRow",
    "agenda_page_state",
]

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
class AgendaPageState:
    """The agenda page as one person sees it, and what they may do there."""

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


def agenda_page_state(
    *,
    user: AnyUser,
    agenda: AgendaPage,
    filters: AgendaFilters | None = None,
    now: datetime.datetime | None = None,
) -> AgendaPageState:
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
    return AgendaPageState(
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
