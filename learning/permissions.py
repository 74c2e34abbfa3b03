"""Who may do what in an academy edition; views, templates, the admin and tests all ask these."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _

from .models import EditionFacilitator, EditionPage, Enrolment, EnrolmentStatus

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


def is_facilitator(user: AnyUser, edition: EditionPage) -> bool:
    return (
        _signed_in(user)
        and EditionFacilitator.objects.filter(user=user, edition_id=edition.pk).exists()
    )


def is_trainee(user: AnyUser, edition: EditionPage) -> bool:
    """Accepted in the edition, or completed it."""
    return (
        _signed_in(user)
        and Enrolment.objects.filter(user=user, edition_id=edition.pk).active().exists()
    )


def can_view_course(user: AnyUser, edition: EditionPage) -> bool:
    """Module and lesson pages: trainees of the edition, its facilitators and editors."""
    return is_editor(user) or is_facilitator(user, edition) or is_trainee(user, edition)


def can_view_cohort(user: AnyUser, edition: EditionPage) -> bool:
    return is_editor(user) or is_facilitator(user, edition)


def can_decide_enrolments(user: AnyUser, edition: EditionPage) -> bool:
    return is_editor(user) or is_facilitator(user, edition)


def can_mark_attendance(user: AnyUser, edition: EditionPage) -> bool:
    return is_editor(user) or is_facilitator(user, edition)


def can_give_feedback(user: AnyUser, edition: EditionPage) -> bool:
    return is_editor(user) or is_facilitator(user, edition)


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
        if existing.status in {EnrolmentStatus.ACCEPTED, EnrolmentStatus.COMPLETED}:
            return _("You are already enrolled in this edition.")
    if not edition.live:
        return _("This edition is not published.")
    if not edition.enrolment_is_open():
        return _("Applications for this edition are closed.")
    if places_left(edition) == 0:
        return _("This edition is full.")
    return ""
