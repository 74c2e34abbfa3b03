"""Who may do what in the selection pipeline; views, templates and tests all ask these."""

import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser

from .models import CallForPracticesPage, Nomination

REVIEWERS_GROUP = "Reviewers"

AnyUser = AbstractBaseUser | AnonymousUser


def is_reviewer(user: AnyUser) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    # Cached on the user object: the admin asks several times per request.
    if not hasattr(user, "_selection_is_reviewer"):
        user._selection_is_reviewer = user.groups.filter(name=REVIEWERS_GROUP).exists()
    return user._selection_is_reviewer


def can_nominate(page: CallForPracticesPage, now: datetime.datetime | None = None) -> bool:
    """Anyone, signed in or not, while the call is open."""
    return page.is_open(now)


def can_view_nominations(user: AnyUser) -> bool:
    return user.has_perm("cms.view_nomination")


def can_manage_selection(user: AnyUser) -> bool:
    """Editors run rounds, pin and exclude, promote and export."""
    return user.has_perm("cms.change_selectionround")


def can_check_prerequisites(user: AnyUser, nomination: Nomination) -> bool:
    return (
        (is_reviewer(user) or can_manage_selection(user))
        and can_view_nominations(user)
        and not nomination.selection_round.is_closed
    )


def can_review(user: AnyUser, nomination: Nomination | None = None) -> bool:
    if not (is_reviewer(user) and user.has_perm("cms.add_review")):
        return False
    if nomination is None:
        return True
    return nomination.is_long_listed and not nomination.selection_round.is_closed


def can_decide(user: AnyUser, nomination: Nomination) -> bool:
    return can_manage_selection(user) and not nomination.selection_round.is_closed


def can_promote(user: AnyUser) -> bool:
    return can_manage_selection(user) and user.has_perm("wagtailadmin.access_admin")


def can_export(user: AnyUser) -> bool:
    return can_manage_selection(user)


def can_view_ranking(user: AnyUser) -> bool:
    return can_view_nominations(user)
