"""What learning offers the community, and the only part of learning it may import besides the
models it points at and the phase providers: people's standing in the academy's editions (who is
a trainee, an alumnus or a facilitator of which edition), the editions that have people, and the
one write a community step needs (a follow-up post may complete an enrolment). Every read runs a
fixed number of queries whatever the number of people or editions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from cms.accounts.types import AnyUser

from .models import EditionFacilitator, EditionPage, Enrolment, EnrolmentStatus
from .services import enrolment_refresh_status

__all__ = [
    "Standing",
    "editions_with_people",
    "follow_up_step_taken",
    "latest_enrolment_details",
    "people_of_edition",
    "standing_of",
    "standings_of",
]


@dataclass(frozen=True)
class Standing:
    """What a person is in the academy's editions, by edition id: the community's permissions are
    built on it without reading the learning tables themselves."""

    trainee_of: frozenset[int] = frozenset()
    alumnus_of: frozenset[int] = frozenset()
    facilitator_of: frozenset[int] = frozenset()

    @property
    def is_alumnus(self) -> bool:
        return bool(self.alumnus_of)


def standing_of(*, user: AnyUser) -> Standing:
    """Two queries: the person's places (accepted or completed) and the editions they facilitate."""
    if not user.is_authenticated:
        return Standing()
    trainee_of, alumnus_of = set(), set()
    for edition_id, attended in (
        Enrolment.objects.filter(user=user)
        .active()
        .values_list("edition_id", "residential_attended_at")
    ):
        trainee_of.add(edition_id)
        if attended is not None:
            alumnus_of.add(edition_id)
    facilitator_of = set(
        EditionFacilitator.objects.filter(user=user).values_list("edition_id", flat=True)
    )
    return Standing(frozenset(trainee_of), frozenset(alumnus_of), frozenset(facilitator_of))


def standings_of(*, user_ids: Iterable[int]) -> dict[int, Standing]:
    """``standing_of`` for many people at once, in two queries."""
    ids = list(set(user_ids))
    trainee_of: dict[int, set[int]] = defaultdict(set)
    alumnus_of: dict[int, set[int]] = defaultdict(set)
    facilitator_of: dict[int, set[int]] = defaultdict(set)
    if ids:
        for user_id, edition_id, attended in (
            Enrolment.objects.filter(user_id__in=ids)
            .active()
            .values_list("user_id", "edition_id", "residential_attended_at")
        ):
            trainee_of[user_id].add(edition_id)
            if attended is not None:
                alumnus_of[user_id].add(edition_id)
        for user_id, edition_id in EditionFacilitator.objects.filter(user_id__in=ids).values_list(
            "user_id", "edition_id"
        ):
            facilitator_of[user_id].add(edition_id)
    return {
        user_id: Standing(
            frozenset(trainee_of[user_id]),
            frozenset(alumnus_of[user_id]),
            frozenset(facilitator_of[user_id]),
        )
        for user_id in ids
    }


def follow_up_step_taken(*, user: AnyUser, edition_id: int) -> None:
    """The person took a follow-up step in the edition (a post in its cohort forum, or one
    restored): their place, while it may still be completed, is completed once every phase is."""
    enrolment = (
        Enrolment.objects.filter(user=user, edition_id=edition_id, status=EnrolmentStatus.ACCEPTED)
        .select_related("edition")
        .first()
    )
    if enrolment is not None:
        enrolment_refresh_status(enrolment=enrolment)


def latest_enrolment_details(*, user: AnyUser) -> dict[str, str] | None:
    """What the person said about their work when they last applied to an edition (organisation,
    role, city, country), to start their community profile with; None without an enrolment."""
    if not user.is_authenticated:
        return None
    return (
        Enrolment.objects.filter(user=user)
        .order_by("-applied_at", "-pk")
        .values("organisation", "role", "city", "country")
        .first()
    )


def people_of_edition(*, edition_id: int) -> set[int]:
    """The ids of the people who hold a place in the edition (trainees and alumni) or
    facilitate it, in two queries."""
    trainees = Enrolment.objects.filter(edition_id=edition_id).active().values_list("user_id")
    facilitators = EditionFacilitator.objects.filter(edition_id=edition_id).values_list("user_id")
    return {user_id for (user_id,) in trainees} | {user_id for (user_id,) in facilitators}


def editions_with_people() -> list[EditionPage]:
    """Every edition that has trainees, alumni or facilitators, the newest first, with only what
    a list of names needs loaded: one query."""
    return list(
        EditionPage.objects.filter(
            Q(pk__in=Enrolment.objects.active().values("edition_id"))
            | Q(pk__in=EditionFacilitator.objects.values("edition_id"))
        )
        .only("pk", "title", "slug", "residential_start")
        .order_by("-residential_start", "title")
    )
