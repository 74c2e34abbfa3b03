"""Who may do what in an academy edition; views, pages, templates, the admin and tests all ask
these. Nothing here names a group: the course team of every edition is whoever Wagtail lets edit
the edition page (course content) or Django lets change enrolments (the cohort), so a site grants
those permissions to the groups it makes; the Editors group has both."""

from __future__ import annotations

import datetime

from allauth.account.models import EmailAddress
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.permission_policies.pages import PagePermissionPolicy

from cms.accounts.types import AnyUser
from cms.request_memory import remembered

from .models import EditionFacilitator, EditionPage, Enrolment, EnrolmentStatus

# Model permissions that make someone part of every edition's cohort team.
VIEW_COHORTS = "learning.view_enrolment"
MANAGE_COHORTS = "learning.change_enrolment"


def _signed_in(user: AnyUser) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_edit_edition(user: AnyUser, edition: EditionPage) -> bool:
    """Wagtail's page permission to edit the edition (and so its modules and lessons)."""
    # The policy keeps the user's page permissions for the request: one query however often asked.
    return _signed_in(user) and PagePermissionPolicy().user_has_permission_for_instance(
        user, "change", edition
    )


def can_edit_course_pages(user: AnyUser) -> bool:
    """May edit some pages: the test for a course page previewed before it has a place in the
    tree, so that no edition can be asked."""
    return _signed_in(user) and PagePermissionPolicy().user_has_permission(user, "change")


def is_facilitator(user: AnyUser, edition: EditionPage) -> bool:
    if not _signed_in(user):
        return False
    # Several checks on one page ask this (may see the cohort, may decide): once per request.
    return remembered(
        f"learning:facilitates:{user.pk}:{edition.pk}",
        lambda: EditionFacilitator.objects.filter(user=user, edition_id=edition.pk).exists(),
    )


def holds_place(user: AnyUser, enrolment: Enrolment | None) -> bool:
    """The enrolment (already loaded) gives the user a trainee's place: accepted or completed."""
    return _signed_in(user) and enrolment is not None and enrolment.is_active


def is_trainee(user: AnyUser, edition: EditionPage) -> bool:
    """Accepted in the edition, or completed it."""
    return (
        _signed_in(user)
        and Enrolment.objects.filter(user=user, edition_id=edition.pk).active().exists()
    )


def can_preview_course(user: AnyUser, edition: EditionPage) -> bool:
    """The course team: sees every module and lesson, released and unlocked or not."""
    return is_facilitator(user, edition) or can_edit_edition(user, edition)


def can_view_course(user: AnyUser, edition: EditionPage) -> bool:
    """Module and lesson pages: trainees of the edition, its facilitators and editors."""
    return is_trainee(user, edition) or can_preview_course(user, edition)


def can_view_cohort(user: AnyUser, edition: EditionPage) -> bool:
    return is_facilitator(user, edition) or (_signed_in(user) and user.has_perm(VIEW_COHORTS))


def _manages_cohort(user: AnyUser, edition: EditionPage) -> bool:
    return is_facilitator(user, edition) or (_signed_in(user) and user.has_perm(MANAGE_COHORTS))


def can_decide_enrolments(user: AnyUser, edition: EditionPage) -> bool:
    return _manages_cohort(user, edition)


def can_mark_attendance(user: AnyUser, edition: EditionPage) -> bool:
    return _manages_cohort(user, edition)


def can_give_feedback(user: AnyUser, edition: EditionPage) -> bool:
    return _manages_cohort(user, edition)


def can_work_on_lessons(user: AnyUser, enrolment: Enrolment | None) -> bool:
    """Complete lessons, answer checks, write reflections: trainees with a place, nobody else
    (a facilitator or editor previews a lesson but has no progress to record)."""
    return holds_place(user, enrolment)


def lesson_work_closed_reason(edition: EditionPage, *, on: datetime.date | None = None) -> str:
    """Why trainees may no longer complete lessons, answer checks or write reflections in the
    edition (today, or ``on`` that day); "" while they may. A finished edition is a record: it
    stays readable, unchanged."""
    if edition.has_finished(on):
        return _(
            "This edition has finished: its lessons stay open to read, but they no longer record "
            "completions, answers or reflections."
        )
    return ""


def attendance_closed_reason(edition: EditionPage, *, on: datetime.date | None = None) -> str:
    """Why nobody may confirm a trainee's residential attendance yet (today, or ``on`` that day);
    "" once the residential course has begun. Taking a confirmation back stays possible."""
    today = on or timezone.localdate()
    if today < edition.residential_start:
        return _(
            "The residential course begins on %(date)s: attendance can be confirmed from that day."
        ) % {"date": date_format(edition.residential_start, "DATE_FORMAT")}
    return ""


def can_take_part_in_agenda(user: AnyUser, enrolment: Enrolment | None) -> bool:
    """Star items, sign up for study visits, check in with a code: trainees with a place."""
    return holds_place(user, enrolment)


def signup_closed_reason(edition: EditionPage, *, on: datetime.date | None = None) -> str:
    """Why study-visit sign-up (and leaving a visit) is closed (today, or ``on`` that day); ""
    while it is open. It closes when the residential course begins."""
    today = on or timezone.localdate()
    if today >= edition.residential_start:
        return _(
            "Sign-up for study visits closed when the residential course began on %(date)s."
        ) % {"date": date_format(edition.residential_start, "DATE_FORMAT")}
    return ""


def has_verified_email(user: AnyUser) -> bool:
    return _signed_in(user) and EmailAddress.objects.filter(user=user, verified=True).exists()


def places_left(edition: EditionPage) -> int | None:
    """Free places now; None when the edition has no limit."""
    if edition.capacity is None:
        return None
    taken = Enrolment.objects.filter(edition=edition).active().count()
    return max(0, edition.capacity - taken)


def apply_refusal(user: AnyUser, edition: EditionPage) -> str:
    """Why the user may not apply to (or enrol in) the edition now; "" when they may."""
    if not _signed_in(user):
        return _("Sign in or create an account to apply.")
    if not has_verified_email(user):
        return _("Confirm your e-mail address before you apply: follow the link we sent you.")
    existing = Enrolment.objects.filter(user=user, edition=edition).first()
    if existing is not None:
        if existing.status == EnrolmentStatus.APPLIED:
            return _("You have already applied to this edition; we will write to you.")
        if existing.is_active:
            return _("You are already enrolled in this edition.")
    if not edition.live:
        return _("This edition is not published.")
    if not edition.enrolment_is_open():
        return _("Applications for this edition are closed.")
    if places_left(edition) == 0:
        return _("This edition is full.")
    return ""
