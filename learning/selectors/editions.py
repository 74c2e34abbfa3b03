"""Editions and a person's place in them: the edition to promote now, an edition by its address
or by a page below it, someone's enrolment, and the editions that wait for their course team."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from cms.accounts.types import AnyUser

from ..models import EditionPage, Enrolment, Phase, Reflection

__all__ = [
    "EditionBacklog",
    "FacilitatedEdition",
    "current_edition",
    "edition_by_slug",
    "edition_of",
    "editions_in_progress",
    "enrolment_for",
    "facilitated_editions",
]


def current_edition() -> EditionPage | None:
    """The live edition whose follow-up has not ended, the earliest residential first; else the
    latest edition. One query: the home page asks on every request."""
    running = Q(follow_up_end__gte=timezone.localdate())
    return (
        EditionPage.objects.live()
        .annotate(is_running=ExpressionWrapper(running, output_field=BooleanField()))
        .order_by(
            "-is_running",
            # Running editions by their residential start, earliest first; the others tie here
            # and fall through to the latest residential start.
            Case(When(running, then=F("residential_start"))).asc(nulls_last=True),
            "-residential_start",
            "-pk",
        )
        .first()
    )


def edition_of(*, page: Page) -> EditionPage | None:
    """The edition a module or lesson page belongs to (itself for an edition), in one query."""
    # Every ancestor's path is a prefix of the page's own: no walk up the tree needed.
    paths = [page.path[: Page.steplen * level] for level in range(1, page.depth + 1)]
    return EditionPage.objects.filter(path__in=paths).first()


def edition_by_slug(*, slug: str, include_drafts: bool = False) -> EditionPage | None:
    """An edition by the slug in its URL; the course team also reaches editions not yet live."""
    editions = EditionPage.objects.all() if include_drafts else EditionPage.objects.live()
    return editions.filter(slug=slug).order_by("path").first()


def enrolment_for(*, user: AnyUser, edition: EditionPage) -> Enrolment | None:
    if not user.is_authenticated:
        return None
    enrolment = (
        Enrolment.objects.filter(user=user, edition=edition).select_related("certificate").first()
    )
    if enrolment is not None:
        enrolment.edition = edition
    return enrolment


# What waits for the course team ----------------------------------------------------------------


def _count_per_edition(queryset, edition_field: str) -> Coalesce:
    """The number of rows of ``queryset`` for the outer edition, as a subquery (0 when none)."""
    counted = (
        queryset.filter(**{edition_field: OuterRef("pk")})
        .order_by()
        .values(edition_field)
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _reflections_waiting():
    """Reflections shared by trainees holding a place that have no feedback yet."""
    return Reflection.objects.filter(
        enrolment__in=Enrolment.objects.active(), shared_with_facilitators=True, feedback=""
    )


@dataclass(frozen=True)
class FacilitatedEdition:
    """An edition the person facilitates, with what waits for them in its cohort."""

    edition: EditionPage
    pending_applications: int
    reflections_waiting: int


def facilitated_editions(*, user: AnyUser) -> list[FacilitatedEdition]:
    """Every edition the user facilitates, the latest residential course first, each with its
    applications waiting for a decision and its shared reflections that have no feedback yet.
    One query, however many editions."""
    if not user.is_authenticated:
        return []
    editions = (
        EditionPage.objects.filter(facilitators__user=user)
        .annotate(
            pending_count=_count_per_edition(Enrolment.objects.pending(), "edition"),
            waiting_count=_count_per_edition(_reflections_waiting(), "enrolment__edition"),
        )
        .distinct()
        .order_by("-residential_start", "-pk")
    )
    return [
        FacilitatedEdition(
            edition=edition,
            pending_applications=edition.pending_count,
            reflections_waiting=edition.waiting_count,
        )
        for edition in editions
    ]


def _date(value: datetime.date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


@dataclass(frozen=True)
class EditionBacklog:
    """An edition still open or running, with what waits for its course team."""

    edition: EditionPage
    pending_applications: int
    reflections_waiting: int

    def stage(self, today: datetime.date | None = None) -> str:
        """Where the edition stands today, in a few words."""
        today = today or timezone.localdate()
        edition = self.edition
        if today < edition.pre_training_start:
            return _("Starts on %(date)s") % {"date": _date(edition.pre_training_start)}
        for phase, (starts, ends) in edition.phase_dates().items():
            if starts <= today <= ends:
                return str(Phase(phase).label)
        return _("Between phases")


def editions_in_progress(*, today: datetime.date | None = None) -> list[EditionBacklog]:
    """Every live edition whose follow-up has not ended (open for applications or running), the
    soonest residential course first, each with its applications waiting for a decision and its
    shared reflections without feedback. One query, however many editions."""
    today = today or timezone.localdate()
    editions = (
        EditionPage.objects.live()
        .filter(follow_up_end__gte=today)
        .annotate(
            pending_count=_count_per_edition(Enrolment.objects.pending(), "edition"),
            waiting_count=_count_per_edition(_reflections_waiting(), "enrolment__edition"),
        )
        .order_by("residential_start", "pk")
    )
    return [
        EditionBacklog(
            edition=edition,
            pending_applications=edition.pending_count,
            reflections_waiting=edition.waiting_count,
        )
        for edition in editions
    ]
