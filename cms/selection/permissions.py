"""Who may do what in the selection pipeline; views, templates and tests all ask these.

Every answer comes from Django's model permissions (``selection.*``), so a site may grant them
to groups of its own; the migrations grant them to the Editors and Reviewers groups.
"""

import datetime

from cms.accounts.types import AnyUser

from .models import CallForPracticesPage, Nomination

# The group the migrations and the demo give the reviewer's permissions to.
REVIEWERS_GROUP = "Reviewers"


def is_reviewer(user: AnyUser) -> bool:
    """Checks pre-requisites and scores long-listed nominations (superusers included)."""
    return user.has_perm("selection.review_nomination")


def can_nominate(page: CallForPracticesPage, now: datetime.datetime | None = None) -> bool:
    """Anyone, signed in or not, while the call is open."""
    return page.is_open(now)


def can_view_nominations(user: AnyUser) -> bool:
    return user.has_perm("selection.view_nomination")


def can_manage_selection(user: AnyUser) -> bool:
    """Editors run rounds, pin and exclude, promote and export."""
    return user.has_perm("selection.change_selectionround")


def can_check_prerequisites(user: AnyUser, nomination: Nomination) -> bool:
    return (
        (is_reviewer(user) or can_manage_selection(user))
        and can_view_nominations(user)
        and not nomination.selection_round.is_closed
    )


def can_review(user: AnyUser, nomination: Nomination | None = None) -> bool:
    if not (is_reviewer(user) and user.has_perm("selection.add_review")):
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
