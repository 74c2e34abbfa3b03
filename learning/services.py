"""Writes of the learning app: enrol, decide, withdraw, complete a lesson, answer a knowledge check
or a reflection prompt, confirm attendance, issue the certificate. Each runs in one transaction and
refuses bad input with a ValidationError whose message a trainee or facilitator can read."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms.accounts.types import AnyUser
from cms.links import absolute_url, page_absolute_url
from cms.tasks import send_email

from . import permissions
from .knowledge_checks import (
    CHECK,
    REFLECTION,
    CheckResult,
    QuestionResult,
    check_ids,
    find_block,
    grade,
    standing,
)
from .models import (
    MAX_REFLECTION_LENGTH,
    Certificate,
    CheckAttempt,
    EditionPage,
    Enrolment,
    EnrolmentMode,
    EnrolmentStatus,
    LessonCompletion,
    LessonPage,
    Reflection,
)
from .selectors.course import LessonState
from .selectors.lessons import lesson_activity
from .selectors.progress import progress_for

__all__ = [
    "CheckResult",
    "QuestionResult",
    "check_submit",
    "enrolment_accept",
    "enrolment_apply",
    "enrolment_decline",
    "enrolment_refresh_status",
    "enrolment_withdraw",
    "lesson_complete",
    "reflection_feedback",
    "reflection_save",
    "residential_attendance_set",
]

# E-mail -------------------------------------------------------------------------------------


def _send_enrolment_email(enrolment: Enrolment, template: str, subject: str) -> None:
    edition = enrolment.edition
    edition_url = page_absolute_url(edition)
    context = {
        "enrolment": enrolment,
        "edition": edition,
        "person": enrolment.user,
        "edition_url": edition_url,
        "dashboard_url": absolute_url(reverse("learning:dashboard")),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    send_email.enqueue(
        subject=subject,
        body=render_to_string(f"learning/email/{template}.txt", context),
        recipients=[enrolment.user.email],
    )


def _notify_on_commit(enrolment: Enrolment, template: str, subject: str, *, notify: bool) -> None:
    # The demo command passes notify=False: its invented people need no mail.
    if not notify:
        return
    transaction.on_commit(lambda: _send_enrolment_email(enrolment, template, subject))


# Enrolment ----------------------------------------------------------------------------------


def _locked_edition(pk: int) -> EditionPage:
    """Lock the edition's row so that counting its places and taking one is a single step; on
    PostgreSQL a second request waits here until the first has committed."""
    return EditionPage.objects.select_for_update().get(pk=pk)


def _is_full(edition: EditionPage) -> bool:
    if edition.capacity is None:
        return False
    return Enrolment.objects.filter(edition=edition).active().count() >= edition.capacity


@transaction.atomic
def enrolment_apply(
    *,
    user: AnyUser,
    edition: EditionPage,
    organisation: str,
    role: str,
    city: str,
    country: str,
    motivation: str = "",
    notify: bool = True,
) -> Enrolment:
    """Apply to an edition, or enrol at once when it is open to everyone. A person who withdrew or
    was declined applies again with the same enrolment."""
    edition = _locked_edition(edition.pk)
    refusal = permissions.apply_refusal(user, edition)
    if refusal:
        raise ValidationError(refusal)
    enrolment = Enrolment.objects.select_for_update().filter(
        user=user, edition=edition
    ).first() or Enrolment(user=user, edition=edition)
    now = timezone.now()
    enrolment.edition = edition
    enrolment.organisation = organisation.strip()
    enrolment.role = role.strip()
    enrolment.city = city.strip()
    enrolment.country = country.strip()
    enrolment.motivation = motivation.strip()
    enrolment.decided_by = None
    enrolment.decision_note = ""
    enrolment.withdrawn_at = None
    if enrolment.pk:
        enrolment.applied_at = now
    if edition.enrolment_mode == EnrolmentMode.OPEN:
        enrolment.status = EnrolmentStatus.ACCEPTED
        enrolment.decided_at = now
    else:
        enrolment.status = EnrolmentStatus.APPLIED
        enrolment.decided_at = None
    enrolment.full_clean()
    try:
        with transaction.atomic():
            enrolment.save()
    except IntegrityError as error:
        # Two submissions of the same form at once: the first one won.
        raise ValidationError(_("You have already applied to this edition.")) from error

    if enrolment.status == EnrolmentStatus.ACCEPTED:
        _notify_on_commit(
            enrolment,
            "enrolled",
            _("You are enrolled in %(edition)s") % {"edition": edition.title},
            notify=notify,
        )
    else:
        _notify_on_commit(
            enrolment,
            "applied",
            _("We received your application to %(edition)s") % {"edition": edition.title},
            notify=notify,
        )
    return enrolment


def _locked_enrolment(enrolment: Enrolment) -> Enrolment:
    # of=("self",): lock the enrolment only, not the joined user and page rows, so that the
    # lock order stays "edition, then enrolment" everywhere and two requests cannot deadlock.
    return (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("user", "edition")
        .get(pk=enrolment.pk)
    )


def _sync(target: Enrolment, source: Enrolment) -> Enrolment:
    """Copy the saved state onto the caller's instance, so it does not show stale values."""
    for field in (
        "status",
        "decided_at",
        "decided_by_id",
        "decision_note",
        "withdrawn_at",
        "residential_attended_at",
        "completed_at",
    ):
        setattr(target, field, getattr(source, field))
    return target


def _record_decision(
    enrolment: Enrolment, status: EnrolmentStatus, *, decided_by: AnyUser, note: str
) -> None:
    enrolment.status = status
    enrolment.decided_at = timezone.now()
    enrolment.decided_by = decided_by
    enrolment.decision_note = note.strip()
    enrolment.full_clean()
    enrolment.save()


@transaction.atomic
def enrolment_accept(
    *, enrolment: Enrolment, decided_by: AnyUser, note: str = "", notify: bool = True
) -> Enrolment:
    edition = _locked_edition(enrolment.edition_id)
    locked = _locked_enrolment(enrolment)
    if locked.status == EnrolmentStatus.ACCEPTED:
        raise ValidationError(_("This application has already been accepted."))
    if locked.status not in {EnrolmentStatus.APPLIED, EnrolmentStatus.DECLINED}:
        raise ValidationError(
            _("Only an application awaiting a decision can be accepted; this one is “%(status)s”.")
            % {"status": locked.get_status_display()}
        )
    if _is_full(edition):
        raise ValidationError(_("This edition is full: there is no place left to accept anyone."))
    locked.edition = edition
    _record_decision(locked, EnrolmentStatus.ACCEPTED, decided_by=decided_by, note=note)
    _notify_on_commit(
        locked,
        "accepted",
        _("Your application to %(edition)s is accepted") % {"edition": edition.title},
        notify=notify,
    )
    _sync(enrolment, locked)
    return locked


@transaction.atomic
def enrolment_decline(
    *, enrolment: Enrolment, decided_by: AnyUser, note: str = "", notify: bool = True
) -> Enrolment:
    locked = _locked_enrolment(enrolment)
    if locked.status == EnrolmentStatus.DECLINED:
        raise ValidationError(_("This application has already been declined."))
    if locked.status not in {EnrolmentStatus.APPLIED, EnrolmentStatus.ACCEPTED}:
        raise ValidationError(
            _("Only an application or an accepted place can be declined; this one is “%(status)s”.")
            % {"status": locked.get_status_display()}
        )
    _record_decision(locked, EnrolmentStatus.DECLINED, decided_by=decided_by, note=note)
    _notify_on_commit(
        locked,
        "declined",
        _("Your application to %(edition)s") % {"edition": locked.edition.title},
        notify=notify,
    )
    _sync(enrolment, locked)
    return locked


@transaction.atomic
def enrolment_withdraw(*, enrolment: Enrolment) -> Enrolment:
    """The trainee or applicant gives up their place (or application)."""
    locked = _locked_enrolment(enrolment)
    if locked.status not in {EnrolmentStatus.APPLIED, EnrolmentStatus.ACCEPTED}:
        raise ValidationError(
            _(
                "Only an application or an accepted place can be withdrawn; this one is “%(status)s”."
            )
            % {"status": locked.get_status_display()}
        )
    locked.status = EnrolmentStatus.WITHDRAWN
    locked.withdrawn_at = timezone.now()
    locked.save(update_fields=["status", "withdrawn_at"])
    _sync(enrolment, locked)
    return locked


# Lessons ------------------------------------------------------------------------------------


def _refuse_if_finished(enrolment: Enrolment, on: datetime.date | None) -> None:
    reason = permissions.lesson_work_closed_reason(enrolment.edition, on=on)
    if reason:
        raise ValidationError(reason)


def _open_lesson(
    enrolment: Enrolment, lesson: LessonPage, on: datetime.date | None = None
) -> LessonState:
    """The lesson's state for this trainee; refuses what they may not work on now."""
    if not enrolment.is_active:
        raise ValidationError(_("Only accepted trainees of this edition can work on its lessons."))
    _refuse_if_finished(enrolment, on)
    state = progress_for(enrolment=enrolment).lesson_state(lesson)
    if state is None:
        raise ValidationError(_("This lesson is not part of your edition."))
    if state.locked:
        raise ValidationError(state.lock_reason)
    return state


def _record_completion(enrolment: Enrolment, lesson: LessonPage) -> LessonCompletion:
    # get_or_create under the unique constraint: a double click or two tabs give one record
    # (it catches the IntegrityError of the losing insert and returns the winner's row).
    completion, _created = LessonCompletion.objects.get_or_create(
        enrolment=enrolment,
        lesson=lesson,
        defaults={"revision_id": lesson.live_revision_id},
    )
    return completion


@transaction.atomic
def lesson_complete(
    *, enrolment: Enrolment, lesson: LessonPage, on: datetime.date | None = None
) -> LessonCompletion:
    """Mark a lesson done now. A second call returns the first record. ``on`` is the day the work
    is recorded for (today unless history is being recorded, as the demo's 2014 cohort is):
    nothing is recorded for a day after the edition finished."""
    if not enrolment.is_active:
        raise ValidationError(_("Only accepted trainees of this edition can complete its lessons."))
    _refuse_if_finished(enrolment, on)
    existing = LessonCompletion.objects.filter(enrolment=enrolment, lesson=lesson).first()
    if existing is not None:
        return existing
    _open_lesson(enrolment, lesson, on)
    missing = lesson_activity(enrolment=enrolment, lesson=lesson).missing
    if missing:
        raise ValidationError(missing)
    completion = _record_completion(enrolment, lesson)
    enrolment_refresh_status(enrolment=enrolment)
    return completion


def _complete_if_ready(enrolment: Enrolment, lesson: LessonPage) -> None:
    """A lesson with a knowledge check completes itself once nothing else is missing."""
    if not check_ids(lesson):
        return
    if LessonCompletion.objects.filter(enrolment=enrolment, lesson=lesson).exists():
        return
    if lesson_activity(enrolment=enrolment, lesson=lesson).missing:
        return
    _record_completion(enrolment, lesson)
    enrolment_refresh_status(enrolment=enrolment)


@transaction.atomic
def check_submit(
    *,
    enrolment: Enrolment,
    lesson: LessonPage,
    block_id: str,
    answers: dict[str, list[str]],
    on: datetime.date | None = None,
) -> CheckResult:
    """Grade and store an attempt at a knowledge check; passing it may complete the lesson. A
    passed check, or one whose attempts are used up, takes no more."""
    _open_lesson(enrolment, lesson, on)
    block = find_block(lesson, CHECK, block_id)
    if block is None:
        raise ValidationError(
            _(
                "This knowledge check is no longer part of the lesson. Reload the page and try again."
            )
        )
    # Counting the attempts and adding one is a single step: with the enrolment's row locked, a
    # second submission at the same moment waits here and then counts the first.
    _locked_enrolment(enrolment)
    so_far = standing(
        block.value,
        list(CheckAttempt.objects.filter(enrolment=enrolment, lesson=lesson, block_id=block_id)),
    )
    if so_far.passed:
        raise ValidationError(_("You have already passed this check."))
    if so_far.used_up:
        raise ValidationError(
            ngettext(
                "You have used your only attempt at this check.",
                "You have used all %(count)d attempts at this check.",
                so_far.max_attempts,
            )
            % {"count": so_far.max_attempts}
        )
    graded = grade(block.value, answers)
    attempt = CheckAttempt(
        enrolment=enrolment,
        lesson=lesson,
        block_id=block_id,
        answers={result.question_id: result.chosen_ids for result in graded.questions},
        score=graded.score,
        passed=graded.passed,
    )
    attempt.full_clean()
    attempt.save()
    if graded.passed or so_far.attempts_left == 1:
        # A pass, or the last attempt (which counts as done whatever its score).
        _complete_if_ready(enrolment, lesson)
    return CheckResult(
        attempt=attempt, score=graded.score, passed=graded.passed, questions=graded.questions
    )


@transaction.atomic
def reflection_save(
    *,
    enrolment: Enrolment,
    lesson: LessonPage,
    block_id: str,
    text: str,
    shared: bool,
    on: datetime.date | None = None,
) -> Reflection:
    """Write or rewrite the trainee's answer to a reflection prompt."""
    _open_lesson(enrolment, lesson, on)
    if find_block(lesson, REFLECTION, block_id) is None:
        raise ValidationError(
            _(
                "This reflection prompt is no longer part of the lesson. Reload the page and try again."
            )
        )
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise ValidationError(_("Write your reflection before you save it."))
    if len(text) > MAX_REFLECTION_LENGTH:
        raise ValidationError(
            _("Keep your reflection to %(limit)s characters at most; this one has %(count)s.")
            % {"limit": f"{MAX_REFLECTION_LENGTH:,}", "count": f"{len(text):,}"}
        )
    reflection = Reflection.objects.select_for_update().filter(
        enrolment=enrolment, lesson=lesson, block_id=block_id
    ).first() or Reflection(enrolment=enrolment, lesson=lesson, block_id=block_id)
    reflection.text = text
    reflection.shared_with_facilitators = bool(shared)
    reflection.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            reflection.save()
    except IntegrityError:
        # Saved from two tabs at once: update the row the other request created.
        reflection = Reflection.objects.get(enrolment=enrolment, lesson=lesson, block_id=block_id)
        reflection.text = text
        reflection.shared_with_facilitators = bool(shared)
        reflection.save()
    _complete_if_ready(enrolment, lesson)
    return reflection


@transaction.atomic
def reflection_feedback(*, reflection: Reflection, by: AnyUser, text: str) -> Reflection:
    """A facilitator or editor answers a reflection the trainee shared."""
    locked = (
        Reflection.objects.select_for_update(of=("self",))
        .select_related("enrolment__edition")
        .get(pk=reflection.pk)
    )
    if not permissions.can_give_feedback(by, locked.enrolment.edition):
        raise PermissionDenied(_("Only the edition's facilitators can give feedback."))
    if not locked.shared_with_facilitators:
        raise ValidationError(_("This reflection is private: feedback is only for shared ones."))
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise ValidationError(_("Write your feedback before you send it."))
    if len(text) > MAX_REFLECTION_LENGTH:
        raise ValidationError(
            _("Keep your feedback to %(limit)s characters at most.")
            % {"limit": f"{MAX_REFLECTION_LENGTH:,}"}
        )
    locked.feedback = text
    locked.feedback_by = by
    locked.feedback_at = timezone.now()
    locked.save(update_fields=["feedback", "feedback_by", "feedback_at", "updated_at"])
    return locked


# Attendance and certificates ----------------------------------------------------------------


@transaction.atomic
def residential_attendance_set(
    *, enrolment: Enrolment, by: AnyUser, attended: bool, on: datetime.date | None = None
) -> Enrolment:
    """A facilitator confirms (or takes back) that a trainee attended the residential course;
    attending makes them an alumnus and may complete the edition. Nobody can have attended a
    course that has not begun (today, or ``on`` that day); taking it back is always possible."""
    locked = _locked_enrolment(enrolment)
    if not permissions.can_mark_attendance(by, locked.edition):
        raise PermissionDenied(_("Only the edition's facilitators can confirm attendance."))
    if not locked.is_active:
        raise ValidationError(_("Only accepted trainees can attend the residential course."))
    if attended:
        not_yet = permissions.attendance_closed_reason(locked.edition, on=on)
        if not_yet:
            raise ValidationError(not_yet)
        if locked.residential_attended_at is None:
            locked.residential_attended_at = timezone.now()
    else:
        if locked.status == EnrolmentStatus.COMPLETED:
            raise ValidationError(
                _("This trainee has completed the edition; their attendance stays confirmed.")
            )
        locked.residential_attended_at = None
    locked.save(update_fields=["residential_attended_at"])
    _sync(enrolment, locked)
    enrolment_refresh_status(enrolment=enrolment)
    return enrolment


@transaction.atomic
def enrolment_refresh_status(*, enrolment: Enrolment) -> Certificate | None:
    """Complete the enrolment and issue its certificate once every tracked phase is complete.
    Returns the enrolment's certificate, if it has one; never takes a completion back."""
    locked = _locked_enrolment(enrolment)
    if locked.status == EnrolmentStatus.ACCEPTED:
        if not progress_for(enrolment=locked).complete:
            return None
        locked.status = EnrolmentStatus.COMPLETED
        locked.completed_at = timezone.now()
        locked.save(update_fields=["status", "completed_at"])
        _sync(enrolment, locked)
    if locked.status != EnrolmentStatus.COMPLETED:
        return None
    certificate, _created = Certificate.objects.get_or_create(enrolment=locked)
    return certificate
