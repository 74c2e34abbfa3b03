"""Who may do what in an academy edition; views, templates, the admin and tests all ask these."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _

from .models import Enrolment, EnrolmentStatus, ProgrammeFacilitator, ProgrammePage

EDITORS_GROUP = "Editors"

AnyUser = AbstractBaseUser | AnonymousUser


def _signed_in(user: AnyUser) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_editor(user: AnyUser) -> bool:
    """Superusers and members of the Editors group."""
    if not _signed_in(user):
        return False
    if user.is_superuser:
        return True
    # Cached on the user object: a page asks several times per request.
    if not hasattr(user, "_learning_is_editor"):
        user._learning_is_editor = user.groups.filter(name=EDITORS_GROUP).exists()
    return user._learning_is_editor


def is_facilitator(user: AnyUser, programme: ProgrammePage) -> bool:
    return (
        _signed_in(user)
        and ProgrammeFacilitator.objects.filter(user=user, programme_id=programme.pk).exists()
    )


def is_trainee(user: AnyUser, programme: ProgrammePage) -> bool:
    """Accepted in the edition, or completed it."""
    return (
        _signed_in(user)
        and Enrolment.objects.filter(user=user, programme_id=programme.pk).active().exists()
    )


def can_view_course(user: AnyUser, programme: ProgrammePage) -> bool:
    """Module and lesson pages: trainees of the edition, its facilitators and editors."""
    return is_editor(user) or is_facilitator(user, programme) or is_trainee(user, programme)


def can_view_cohort(user: AnyUser, programme: ProgrammePage) -> bool:
    return is_editor(user) or is_facilitator(user, programme)


def can_decide_enrolments(user: AnyUser, programme: ProgrammePage) -> bool:
    return is_editor(user) or is_facilitator(user, programme)


def can_mark_attendance(user: AnyUser, programme: ProgrammePage) -> bool:
    return is_editor(user) or is_facilitator(user, programme)


def can_give_feedback(user: AnyUser, programme: ProgrammePage) -> bool:
    return is_editor(user) or is_facilitator(user, programme)


def has_verified_email(user: AnyUser) -> bool:
    return _signed_in(user) and EmailAddress.objects.filter(user=user, verified=True).exists()


def places_left(programme: ProgrammePage) -> int | None:
    """Free places now; None when the edition has no limit."""
    if programme.capacity is None:
        return None
    taken = Enrolment.objects.filter(programme=programme).active().count()
    return max(0, programme.capacity - taken)


def apply_refusal(user: AnyUser, programme: ProgrammePage) -> str:
    """Why the user may not apply to (or enrol in) the edition now; "" when they may."""
    if not _signed_in(user):
        return _("Sign in or create an account to apply.")
    if not has_verified_email(user):
        return _("Confirm your e-mail address before you apply: follow the link we sent you.")
    existing = Enrolment.objects.filter(user=user, programme=programme).first()
    if existing is not None:
        if existing.status == EnrolmentStatus.APPLIED:
            return _("You have already applied to this edition; we will write to you.")
        if existing.status in {EnrolmentStatus.ACCEPTED, EnrolmentStatus.COMPLETED}:
            return _("You are already enrolled in this edition.")
    if not programme.live:
        return _("This edition is not published.")
    if not programme.enrolment_is_open():
        return _("Applications for this edition are closed.")
    if places_left(programme) == 0:
        return _("This edition is full.")
    return ""
