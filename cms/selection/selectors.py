"""Reads of the selection pipeline; each assembles its answer in a fixed number of queries."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Max, Min, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from cms.models import PolicyField

from .models import (
    Criterion,
    Decision,
    Nomination,
    NominationStatus,
    Review,
    SelectionRound,
)
from .rules import Check, prerequisite_checks

CRITERIA = [criterion.value for criterion in Criterion]


def current_round() -> SelectionRound | None:
    """The open round with the latest reference date, or else the latest round."""
    return SelectionRound.objects.order_by("is_closed", "-reference_date", "-pk").first()


def nominations_for_listing(queryset: QuerySet[Nomination]) -> QuerySet[Nomination]:
    """What the admin listing shows per row, without a query per row."""
    return (
        queryset.select_related("selection_round", "practice_page")
        .prefetch_related(Prefetch("policy_fields", queryset=PolicyField.objects.order_by("name")))
        .annotate(review_count=Count("reviews", distinct=True))
    )


def nomination_detail(*, pk: int) -> Nomination:
    return (
        Nomination.objects.select_related(
            "selection_round", "checked_by", "decided_by", "practice_page"
        )
        .prefetch_related(
            "policy_fields",
            "documents",
            Prefetch("reviews", queryset=Review.objects.select_related("reviewer")),
        )
        .get(pk=pk)
    )


def nomination_checks(nomination: Nomination) -> list[Check]:
    return prerequisite_checks(nomination, reference=nomination.selection_round.reference_date)


def policy_field_spread(*, selection_round: SelectionRound) -> list[dict]:
    """Pre-requisite (e): how many long-listed nominations work in each policy field."""
    fields = PolicyField.objects.annotate(
        long_listed=Count(
            "nominations",
            filter=Q(
                nominations__selection_round=selection_round,
                nominations__status=NominationStatus.LONG_LISTED,
            ),
        )
    ).order_by("-long_listed", "name")
    return [{"field": item, "count": item.long_listed} for item in fields]


@dataclass
class ScoredNomination:
    nomination: Nomination
    averages: dict[str, float | None]
    spreads: dict[str, int | None]
    review_count: int
    score: float | None
    rank: int | None = None
    proposed: bool = False
    note: str = ""
    policy_field_ids: list[int] = field(default_factory=list)

    @property
    def criteria(self) -> list[dict]:
        return [
            {
                "key": criterion.value,
                "label": criterion.label,
                "average": self.averages[criterion.value],
                "spread": self.spreads[criterion.value],
                "percent": round((self.averages[criterion.value] or 0) / 5 * 100),
            }
            for criterion in Criterion
        ]

    @property
    def largest_spread(self) -> int | None:
        values = [value for value in self.spreads.values() if value is not None]
        return max(values) if values else None


def weighted_score(averages: dict[str, float | None], weights: dict[str, int]) -> float | None:
    if any(averages[key] is None for key in CRITERIA):
        return None
    total = sum(weights.values())
    return sum(averages[key] * weights[key] for key in CRITERIA) / total


def nomination_scores(
    *, selection_round: SelectionRound, long_listed_only: bool = True
) -> list[ScoredNomination]:
    """Every nomination of the round with its average, spread and weighted score, best first."""
    aggregates = {}
    for key in CRITERIA:
        aggregates[f"avg_{key}"] = Avg(f"reviews__{key}")
        aggregates[f"min_{key}"] = Min(f"reviews__{key}")
        aggregates[f"max_{key}"] = Max(f"reviews__{key}")
    queryset = selection_round.nominations.all()
    if long_listed_only:
        queryset = queryset.long_listed()
    queryset = (
        queryset.select_related("selection_round", "practice_page")
        .prefetch_related(Prefetch("policy_fields", queryset=PolicyField.objects.order_by("name")))
        .annotate(review_count=Count("reviews"), **aggregates)
        .order_by("practice_name", "pk")
    )
    weights = selection_round.weights
    rows = []
    for nomination in queryset:
        averages = {
            key: (float(getattr(nomination, f"avg_{key}")) if nomination.review_count else None)
            for key in CRITERIA
        }
        spreads = {
            key: (
                getattr(nomination, f"max_{key}") - getattr(nomination, f"min_{key}")
                if nomination.review_count
                else None
            )
            for key in CRITERIA
        }
        rows.append(
            ScoredNomination(
                nomination=nomination,
                averages=averages,
                spreads=spreads,
                review_count=nomination.review_count,
                score=weighted_score(averages, weights),
                policy_field_ids=[item.pk for item in nomination.policy_fields.all()],
            )
        )
    rows.sort(key=lambda row: (row.score is None, -(row.score or 0), row.nomination.practice_name))
    for position, row in enumerate(rows, start=1):
        row.rank = position if row.score is not None else None
    return rows


def proposed_short_list(
    rows: list[ScoredNomination], selection_round: SelectionRound
) -> list[ScoredNomination]:
    """Pinned nominations, then the best scored up to the round's size, capped per policy field.

    A nomination counts towards each of its policy fields and is passed over when any of them
    is full, so that the set spans sectors. Each row's ``note`` says why it is in or out.
    """
    size, cap = selection_round.short_list_size, selection_round.max_per_policy_field
    names = {}
    for row in rows:
        for item in row.nomination.policy_fields.all():
            names[item.pk] = item.name
    chosen: list[ScoredNomination] = []
    per_field: Counter[int] = Counter()
    for row in rows:
        row.proposed = False
        row.note = ""
        decision = row.nomination.decision
        if decision == Decision.PINNED and row.nomination.is_long_listed:
            row.proposed = True
            row.note = _("Pinned: %(reason)s") % {"reason": row.nomination.decision_reason}
            chosen.append(row)
            per_field.update(row.policy_field_ids)
    for row in rows:
        decision = row.nomination.decision
        if decision == Decision.PINNED and row.proposed:
            continue
        if decision == Decision.EXCLUDED:
            row.note = _("Excluded: %(reason)s") % {"reason": row.nomination.decision_reason}
            continue
        if not row.nomination.is_long_listed:
            row.note = _("Not on the long list.")
            continue
        if row.score is None:
            row.note = _("Not scored by every criterion yet.")
            continue
        if len(chosen) >= size:
            row.note = _("Below the short list's size of %(size)d.") % {"size": size}
            continue
        full = [pk for pk in row.policy_field_ids if per_field[pk] >= cap]
        if full:
            row.note = _("%(field)s already has %(cap)d nominations on the short list.") % {
                "field": ", ".join(names[pk] for pk in full),
                "cap": cap,
            }
            continue
        row.proposed = True
        chosen.append(row)
        per_field.update(row.policy_field_ids)
    return chosen


def round_ranking(*, selection_round: SelectionRound) -> dict:
    rows = nomination_scores(selection_round=selection_round)
    short_list = proposed_short_list(rows, selection_round)
    return {
        "selection_round": selection_round,
        "rows": rows,
        "short_list": short_list,
        "spread": policy_field_spread(selection_round=selection_round),
        "weights": [
            {"label": criterion.label, "weight": selection_round.weights[criterion.value]}
            for criterion in Criterion
        ],
    }


def round_summary(*, selection_round: SelectionRound, reviewer=None) -> dict:
    """The dashboard's counts for one round, in one query (two with the reviewer's own)."""
    counts = Nomination.objects.filter(selection_round=selection_round).aggregate(
        total=Count("pk"),
        pending=Count("pk", filter=Q(status=NominationStatus.PENDING)),
        long_listed=Count("pk", filter=Q(status=NominationStatus.LONG_LISTED)),
        not_eligible=Count("pk", filter=Q(status=NominationStatus.NOT_ELIGIBLE)),
        self_nominated=Count("pk", filter=Q(is_self_nomination=True)),
    )
    counts["reviews"] = Review.objects.filter(nomination__selection_round=selection_round).count()
    if reviewer is not None:
        counts["my_reviews"] = Review.objects.filter(
            nomination__selection_round=selection_round, reviewer=reviewer
        ).count()
    return counts


def round_export_rows(*, selection_round: SelectionRound) -> list[list]:
    """One row per nomination of the round: facts, checks, scores and the short-list outcome."""
    rows = nomination_scores(selection_round=selection_round, long_listed_only=False)
    proposed_short_list(rows, selection_round)
    header = [
        "reference",
        "practice",
        "city",
        "country",
        "policy fields",
        "lead organisation",
        "start date",
        "end date",
        "self-nomination",
        "status",
        "(a) goals",
        "(b) local",
        "(c) authorities",
        "(c) reason",
        "(d) dates",
        "(d) reason",
        "reviews",
        *[f"average {key}" for key in CRITERIA],
        *[f"spread {key}" for key in CRITERIA],
        "weighted score",
        "rank",
        "proposed for short list",
        "decision",
        "note",
        "practice page id",
    ]

    def yes_no(value):
        return "needs review" if value is None else ("yes" if value else "no")

    out = [header]
    for row in sorted(rows, key=lambda r: r.nomination.submitted_at):
        nomination = row.nomination
        checks = {check.code: check for check in nomination_checks(nomination)}
        practice = getattr(nomination, "practice_page", None)
        out.append(
            [
                str(nomination.reference),
                nomination.practice_name,
                nomination.city,
                nomination.country,
                "; ".join(item.name for item in nomination.policy_fields.all()),
                nomination.lead_organisation,
                nomination.start_date.isoformat(),
                nomination.end_date.isoformat() if nomination.end_date else "ongoing",
                yes_no(nomination.is_self_nomination),
                nomination.get_status_display(),
                yes_no(checks["a"].met),
                yes_no(checks["b"].met),
                yes_no(checks["c"].met),
                checks["c"].reason,
                yes_no(checks["d"].met),
                checks["d"].reason,
                row.review_count,
                *[
                    "" if row.averages[key] is None else f"{row.averages[key]:.2f}"
                    for key in CRITERIA
                ],
                *["" if row.spreads[key] is None else row.spreads[key] for key in CRITERIA],
                "" if row.score is None else f"{row.score:.2f}",
                row.rank or "",
                yes_no(row.proposed),
                nomination.get_decision_display() if nomination.decision else "",
                row.note,
                practice.pk if practice else "",
            ]
        )
    return out
