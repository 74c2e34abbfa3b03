"""Writes of the selection pipeline: nominate, check, review, pin or exclude, promote."""

import datetime
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _
from wagtail.rich_text import RichText

from cms.models import PolicyField, PracticeIndexPage, PracticePage
from cms.tasks import send_email

from .models import (
    NOMINATION_FIELDS,
    CallForPracticesPage,
    Criterion,
    Decision,
    Nomination,
    NominationDocument,
    Review,
    SelectionRound,
)
from .rules import prerequisite_checks, status_from_checks


def _refresh_status(nomination: Nomination) -> None:
    checks = prerequisite_checks(nomination, reference=nomination.selection_round.reference_date)
    nomination.status = status_from_checks(checks)


def _send_confirmation(nomination: Nomination) -> None:
    # The call the nomination came through, for its closing day and when news can be expected.
    call = CallForPracticesPage.objects.filter(selection_round=nomination.selection_round).first()
    context = {"nomination": nomination, "call": call, "site_name": settings.WAGTAIL_SITE_NAME}
    send_email.enqueue(
        subject=_("We received your nomination: %(name)s") % {"name": nomination.practice_name},
        body=render_to_string("selection/email/nomination_received.txt", context),
        recipients=[nomination.contact_email],
    )


def _already_filed(nomination: Nomination) -> Nomination | None:
    return Nomination.objects.filter(
        selection_round=nomination.selection_round,
        contact_email__iexact=nomination.contact_email,
        practice_name__iexact=nomination.practice_name,
    ).first()


@transaction.atomic
def nomination_submit(
    *,
    selection_round: SelectionRound,
    data: dict,
    policy_fields: Iterable[PolicyField],
    local_level: bool | None,
    documents: Iterable[UploadedFile] = (),
    notify: bool = True,
) -> Nomination:
    """Record a nomination from the public call and confirm it to the nominator by e-mail.

    Idempotent: the same practice sent again by the same contact in the round (a double click, a
    second tab, two requests at once) returns the nomination already filed, and no second mail.
    """
    if selection_round.is_closed:
        raise ValidationError(_("This selection round is closed."))
    nomination = Nomination(
        selection_round=selection_round,
        local_level=local_level,
        **{name: data[name] for name in NOMINATION_FIELDS if name in data},
    )
    existing = _already_filed(nomination)
    if existing is not None:
        return existing
    _refresh_status(nomination)
    # The uniqueness rule is enforced by the insert below, which also settles a race.
    nomination.full_clean(validate_constraints=False)
    nomination.validate_constraints(exclude={"selection_round", "contact_email", "practice_name"})
    try:
        with transaction.atomic():
            nomination.save()
    except IntegrityError:
        existing = _already_filed(nomination)
        if existing is None:
            raise
        return existing
    nomination.policy_fields.set(policy_fields)
    for upload in documents:
        document = NominationDocument(nomination=nomination, file=upload)
        document.full_clean()
        document.save()
    if notify:
        transaction.on_commit(lambda: _send_confirmation(nomination))
    return nomination


@transaction.atomic
def nomination_status_refresh(*, nomination: Nomination) -> Nomination:
    """Recompute the stored status after the nomination was edited in the admin."""
    _refresh_status(nomination)
    nomination.save(update_fields=["status"])
    return nomination


@transaction.atomic
def round_statuses_refresh(*, selection_round: SelectionRound) -> int:
    """Recompute every nomination's status, e.g. after the reference date moved."""
    changed = []
    for nomination in selection_round.nominations.select_related("selection_round"):
        before = nomination.status
        _refresh_status(nomination)
        if nomination.status != before:
            changed.append(nomination)
    Nomination.objects.bulk_update(changed, ["status"])
    return len(changed)


@transaction.atomic
def round_close(*, selection_round: SelectionRound) -> SelectionRound:
    """Freeze a round: checks, reviews and short-list decisions can no longer change."""
    selection_round.is_closed = True
    selection_round.full_clean()
    selection_round.save(update_fields=["is_closed"])
    return selection_round


@transaction.atomic
def nomination_check(
    *,
    nomination: Nomination,
    checked_by,
    clear_goals: bool | None,
    clear_goals_note: str,
    local_level: bool | None,
    local_level_note: str,
    authorities_verdict: bool | None = None,
    authorities_note: str = "",
    dates_verdict: bool | None = None,
    dates_note: str = "",
) -> Nomination:
    """Record a reviewer's answers to pre-requisites (a) and (b), and their verdicts on (c) and
    (d) where the nominator's answers do not settle them (None leaves them to the answers)."""
    nomination = (
        Nomination.objects.select_for_update()
        .select_related("selection_round")
        .get(pk=nomination.pk)
    )
    if nomination.selection_round.is_closed:
        raise ValidationError(_("This selection round is closed; its checks can no longer change."))
    nomination.clear_goals = clear_goals
    nomination.clear_goals_note = clear_goals_note
    nomination.local_level = local_level
    nomination.local_level_note = local_level_note
    nomination.authorities_verdict = authorities_verdict
    nomination.authorities_note = authorities_note
    nomination.dates_verdict = dates_verdict
    nomination.dates_note = dates_note
    nomination.checked_by = checked_by
    _refresh_status(nomination)
    nomination.full_clean()
    nomination.save()
    return nomination


def _reviewable(nomination: Nomination) -> None:
    if nomination.selection_round.is_closed:
        raise ValidationError(_("This selection round is closed; reviews can no longer change."))
    if not nomination.is_long_listed:
        raise ValidationError(_("Only long-listed nominations are scored."))


def _save_scores(review: Review, *, comment: str, **scores: int) -> Review:
    """A review's score of each qualifying feature, and its comment, checked and saved."""
    for criterion in Criterion:
        setattr(review, criterion.value, scores[criterion.value])
    review.comment = comment
    review.full_clean()
    review.save()
    return review


@transaction.atomic
def review_create(
    *,
    nomination: Nomination,
    reviewer,
    innovation: int,
    success: int,
    sustainability: int,
    transferability: int,
    comment: str = "",
) -> Review:
    _reviewable(nomination)
    if Review.objects.filter(nomination=nomination, reviewer=reviewer).exists():
        raise ValidationError(
            _("You have already reviewed this nomination; change your review instead.")
        )
    return _save_scores(
        Review(nomination=nomination, reviewer=reviewer),
        innovation=innovation,
        success=success,
        sustainability=sustainability,
        transferability=transferability,
        comment=comment,
    )


@transaction.atomic
def review_update(
    *,
    review: Review,
    innovation: int,
    success: int,
    sustainability: int,
    transferability: int,
    comment: str = "",
) -> Review:
    _reviewable(review.nomination)
    return _save_scores(
        review,
        innovation=innovation,
        success=success,
        sustainability=sustainability,
        transferability=transferability,
        comment=comment,
    )


def _decide(*, nomination: Nomination, decided_by, decision: str, reason: str) -> Nomination:
    if nomination.selection_round.is_closed:
        raise ValidationError(_("This selection round is closed; its short list is final."))
    if decision and not nomination.is_long_listed:
        raise ValidationError(_("Only long-listed nominations can be pinned or excluded."))
    if decision and not reason.strip():
        raise ValidationError({"decision_reason": _("Give a reason for the decision.")})
    nomination.decision = decision
    nomination.decision_reason = reason.strip()
    nomination.decided_by = decided_by if decision else None
    nomination.full_clean()
    nomination.save(update_fields=["decision", "decision_reason", "decided_by"])
    return nomination


@transaction.atomic
def nomination_pin(*, nomination: Nomination, decided_by, reason: str) -> Nomination:
    """Put a nomination on the proposed short list whatever its rank."""
    return _decide(
        nomination=nomination, decided_by=decided_by, decision=Decision.PINNED, reason=reason
    )


@transaction.atomic
def nomination_exclude(*, nomination: Nomination, decided_by, reason: str) -> Nomination:
    """Keep a nomination off the proposed short list whatever its rank."""
    return _decide(
        nomination=nomination, decided_by=decided_by, decision=Decision.EXCLUDED, reason=reason
    )


@transaction.atomic
def nomination_decision_clear(*, nomination: Nomination, decided_by) -> Nomination:
    return _decide(nomination=nomination, decided_by=decided_by, decision=Decision.NONE, reason="")


def _rounded(value: float | None) -> int | None:
    if value is None:
        return None
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _unique_slug(index: PracticeIndexPage, name: str) -> str:
    base = slugify(name)[:70] or "practice"
    taken = set(index.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{escape(part.strip())}</p>" for part in text.split("\n\n") if part.strip())


@transaction.atomic
def nomination_promote(
    *, nomination: Nomination, promoted_by, on: datetime.date | None = None
) -> tuple[PracticePage, bool]:
    """Turn a short-listed nomination into a draft practice profile; a second call returns it."""
    from .selectors import nomination_scores, proposed_short_list

    nomination = (
        Nomination.objects.select_for_update()
        .select_related("selection_round")
        .get(pk=nomination.pk)
    )
    existing = PracticePage.objects.filter(source_nomination=nomination).first()
    if existing is not None:
        return existing, False
    index = PracticeIndexPage.objects.first()
    if index is None:
        raise ValidationError(_("Create the practice index before promoting nominations."))
    rows = nomination_scores(selection_round=nomination.selection_round)
    short_listed = {
        row.nomination.pk for row in proposed_short_list(rows, nomination.selection_round)
    }
    if nomination.pk not in short_listed:
        raise ValidationError(_("Only nominations on the proposed short list can be promoted."))
    row = next(row for row in rows if row.nomination.pk == nomination.pk)

    page = PracticePage(
        title=nomination.practice_name,
        slug=_unique_slug(index, nomination.practice_name),
        live=False,
        city=nomination.city,
        country=nomination.country,
        lead_organisation=nomination.lead_organisation,
        public_authorities=nomination.public_authorities,
        start_date=nomination.start_date,
        end_date=nomination.end_date,
        summary=Truncator(" ".join(nomination.description.split())).chars(600),
        body=[("paragraph", RichText(_paragraphs(nomination.description)))],
        achievements_and_failures=_paragraphs(nomination.results),
        source_nomination=nomination,
    )
    for criterion in Criterion:
        average = row.averages[criterion.value]
        setattr(page, f"{criterion.value}_rating", _rounded(average))
        if average is not None:
            setattr(
                page,
                f"{criterion.value}_justification",
                _("Average of %(count)d reviews in %(round)s: %(average).1f out of 5.")
                % {
                    "count": row.review_count,
                    "round": nomination.selection_round.name,
                    "average": average,
                },
            )
    page.policy_fields = list(nomination.policy_fields.all())
    index.add_child(instance=page)
    # A draft may stay incomplete (an unscored feature has no rating yet); what publishing needs
    # is checked when an editor publishes it.
    page.save_revision(user=promoted_by, log_action=True, clean=False)
    return page, True
