"""Writes of the residential agenda: starring an item, signing up for a study visit and leaving
it, checking trainees in (a facilitator's list or a trainee's session code), and the secret token
of a personal calendar feed. Each runs in one transaction and refuses bad input with a
ValidationError a person can read; nothing is saved when it refuses."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.accounts.types import AnyUser

from .. import permissions
from ..models import (
    AgendaItem,
    AgendaPage,
    Attendance,
    AttendanceSource,
    CalendarFeed,
    EditionPage,
    Enrolment,
    ItemStar,
    VisitSignup,
)
from ..models.agenda import new_feed_token
from ..services import enrolment_refresh_status
from .selectors import attendance_needed, required_attendance

__all__ = [
    "attendance_check_in",
    "attendance_set",
    "feed_token_for",
    "feed_token_regenerate",
    "item_star",
    "residential_refresh",
    "visit_leave",
    "visit_signup",
]


def _edition_of_item(item: AgendaItem) -> EditionPage:
    # An agenda page's parent is its edition: one query, and the page type guarantees it.
    agenda = (
        item.page if isinstance(item.page, AgendaPage) else AgendaPage.objects.get(pk=item.page_id)
    )
    return EditionPage.objects.get(path=agenda.path[: -AgendaPage.steplen])


def _refuse_other_edition(enrolment: Enrolment, item: AgendaItem) -> EditionPage:
    edition = _edition_of_item(item)
    if enrolment.edition_id != edition.pk or not enrolment.is_active:
        raise PermissionDenied(_("Only trainees of this edition can do this."))
    return edition


# Starring -----------------------------------------------------------------------------------


@transaction.atomic
def item_star(*, enrolment: Enrolment, item: AgendaItem, starred: bool) -> bool:
    """Put the item in the trainee's own agenda (or take it out); returns the new state."""
    _refuse_other_edition(enrolment, item)
    if starred:
        ItemStar.objects.get_or_create(enrolment=enrolment, item=item)
    else:
        ItemStar.objects.filter(enrolment=enrolment, item=item).delete()
    return starred


# Study visits -------------------------------------------------------------------------------


def _locked_item(item: AgendaItem) -> AgendaItem:
    """Lock the item's row so that counting its places and taking one is a single step; on
    PostgreSQL a second request waits here until the first has committed."""
    return AgendaItem.objects.select_for_update().get(pk=item.pk)


@transaction.atomic
def visit_signup(
    *, enrolment: Enrolment, item: AgendaItem, on: datetime.date | None = None
) -> VisitSignup:
    edition = _refuse_other_edition(enrolment, item)
    locked = _locked_item(item)
    if not locked.takes_signups:
        raise ValidationError(_("This item takes no sign-ups."))
    if locked.cancelled:
        raise ValidationError(_("This study visit is cancelled."))
    closed = permissions.signup_closed_reason(edition, on=on)
    if closed:
        raise ValidationError(closed)
    if VisitSignup.objects.filter(enrolment=enrolment, item=locked).exists():
        raise ValidationError(_("You have already signed up for this study visit."))
    if VisitSignup.objects.filter(item=locked).count() >= locked.capacity:
        raise ValidationError(
            _("This study visit is full: every place is taken. Leave it starred to follow it.")
        )
    return VisitSignup.objects.create(enrolment=enrolment, item=locked)


@transaction.atomic
def visit_leave(*, enrolment: Enrolment, item: AgendaItem, on: datetime.date | None = None) -> None:
    """Give the place back so that somebody else can take it."""
    edition = _refuse_other_edition(enrolment, item)
    closed = permissions.signup_closed_reason(edition, on=on)
    if closed:
        raise ValidationError(closed)
    deleted, _counts = VisitSignup.objects.filter(enrolment=enrolment, item=item).delete()
    if not deleted:
        raise ValidationError(_("You are not signed up for this study visit."))


# Attendance ---------------------------------------------------------------------------------


def _refuse_before_start(item: AgendaItem, agenda: AgendaPage, now: datetime.datetime) -> None:
    if item.cancelled:
        raise ValidationError(_("This item is cancelled: nobody can attend it."))
    if now < item.starts_at(agenda.tz):
        raise ValidationError(_("This item has not started yet: check people in once it begins."))


@transaction.atomic
def attendance_set(
    *,
    item: AgendaItem,
    by: AnyUser,
    marks: dict[int, bool],
    now: datetime.datetime | None = None,
) -> int:
    """A facilitator records who was present (True) or absent (False), by enrolment pk; returns
    how many marks were saved. Enrolments outside the edition's cohort are refused."""
    edition = _edition_of_item(item)
    if not permissions.can_mark_attendance(by, edition):
        raise PermissionDenied(_("Only the edition's facilitators can check people in."))
    _refuse_before_start(item, item.page, now or timezone.now())
    cohort = {
        enrolment.pk: enrolment
        for enrolment in Enrolment.objects.active().filter(edition=edition, pk__in=list(marks))
    }
    if set(marks) - set(cohort):
        raise ValidationError(_("Only trainees of this edition can be checked in."))
    existing = {
        attendance.enrolment_id: attendance
        for attendance in Attendance.objects.filter(item=item, enrolment_id__in=list(marks))
    }
    new, changed = [], []
    for pk, present in marks.items():
        attendance = existing.get(pk)
        if attendance is None:
            new.append(
                Attendance(
                    enrolment_id=pk,
                    item=item,
                    present=present,
                    source=AttendanceSource.FACILITATOR,
                    recorded_by=by,
                )
            )
        elif attendance.present != present:
            attendance.present = present
            attendance.source = AttendanceSource.FACILITATOR
            attendance.recorded_by = by
            attendance.recorded_at = timezone.now()
            changed.append(attendance)
    Attendance.objects.bulk_create(new)
    Attendance.objects.bulk_update(changed, ["present", "source", "recorded_by", "recorded_at"])
    for pk, present in marks.items():
        if present:
            residential_refresh(enrolment=cohort[pk])
    return len(new) + len(changed)


@transaction.atomic
def attendance_check_in(
    *, enrolment: Enrolment, item: AgendaItem, code: str, now: datetime.datetime | None = None
) -> Attendance:
    """A trainee checks in with the code a facilitator shows in the room, while the item runs."""
    _refuse_other_edition(enrolment, item)
    now = now or timezone.now()
    agenda = item.page
    if item.cancelled:
        raise ValidationError(_("This item is cancelled: nobody can attend it."))
    if not item.starts_at(agenda.tz) <= now < item.ends_at(agenda.tz):
        raise ValidationError(
            _("Check-in with a code is open only while the item runs (%(start)s to %(end)s).")
            % {"start": item.start.strftime("%H:%M"), "end": item.end.strftime("%H:%M")}
        )
    if code.strip().upper() != item.session_code:
        raise ValidationError(
            _("This code is not the one shown in the room. Check it and try again.")
        )
    attendance, _created = Attendance.objects.update_or_create(
        enrolment=enrolment,
        item=item,
        defaults={"present": True, "source": AttendanceSource.CODE, "recorded_by": enrolment.user},
    )
    residential_refresh(enrolment=enrolment)
    return attendance


@transaction.atomic
def residential_refresh(*, enrolment: Enrolment) -> None:
    """Once a trainee has attended the edition's threshold of required items, record the
    residential course as attended (which makes them an alumnus) and complete the edition if
    every other phase is done. A recorded attendance is never taken back here: a facilitator
    takes it back from the cohort page."""
    if enrolment.residential_attended_at is not None:
        return
    counts = required_attendance(edition=enrolment.edition, enrolment_pks=[enrolment.pk])
    if not counts.required_total:
        return
    needed = attendance_needed(edition=enrolment.edition, required_total=counts.required_total)
    if counts.attended.get(enrolment.pk, 0) >= needed:
        Enrolment.objects.filter(pk=enrolment.pk, residential_attended_at__isnull=True).update(
            residential_attended_at=timezone.now()
        )
        enrolment.refresh_from_db(fields=["residential_attended_at"])
        enrolment_refresh_status(enrolment=enrolment)


# Personal feed ------------------------------------------------------------------------------


def feed_token_for(*, enrolment: Enrolment) -> str:
    feed, _created = CalendarFeed.objects.get_or_create(enrolment=enrolment)
    return feed.token


@transaction.atomic
def feed_token_regenerate(*, enrolment: Enrolment) -> str:
    """A new secret address; the old one stops working at once."""
    feed, _created = CalendarFeed.objects.select_for_update().get_or_create(enrolment=enrolment)
    feed.token = new_feed_token()
    feed.save(update_fields=["token", "created_at"])
    return feed.token
