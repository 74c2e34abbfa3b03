"""The permission rules of the selection pipeline, answered for each role."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.utils import timezone

from cms.selection import permissions
from cms.selection.models import NominationStatus

from .factories import NominationFactory

pytestmark = pytest.mark.django_db

RULES = ["view", "manage", "check", "review", "decide", "promote", "export"]
EXPECTED = {
    "visitor": set(),
    "member": set(),
    "editor": {"view", "manage", "check", "decide", "promote", "export"},
    "reviewer": {"view", "check", "review"},
}


def answers(user, nomination) -> set[str]:
    rules = {
        "view": permissions.can_view_nominations(user),
        "manage": permissions.can_manage_selection(user),
        "check": permissions.can_check_prerequisites(user, nomination),
        "review": permissions.can_review(user, nomination),
        "decide": permissions.can_decide(user, nomination),
        "promote": permissions.can_promote(user),
        "export": permissions.can_export(user),
    }
    return {name for name, allowed in rules.items() if allowed}


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_each_role_may_do_what_the_design_says(role, member, editor, reviewer, selection_round):
    user = {"visitor": AnonymousUser(), "member": member, "editor": editor, "reviewer": reviewer}[
        role
    ]
    nomination = NominationFactory(selection_round=selection_round)
    assert answers(user, nomination) == EXPECTED[role]


def test_a_closed_round_freezes_checks_reviews_and_decisions(editor, reviewer, selection_round):
    nomination = NominationFactory(selection_round=selection_round)
    selection_round.is_closed = True
    selection_round.save()
    assert answers(reviewer, nomination) == {"view"}
    assert answers(editor, nomination) == {"view", "manage", "promote", "export"}


def test_reviewers_score_only_long_listed_nominations(reviewer, selection_round):
    pending = NominationFactory(selection_round=selection_round, status=NominationStatus.PENDING)
    assert not permissions.can_review(reviewer, pending)


def test_anyone_may_nominate_while_the_call_is_open(call_page):
    assert permissions.can_nominate(call_page)
    assert not permissions.can_nominate(
        call_page, now=call_page.closes_at + datetime.timedelta(seconds=1)
    )
    assert not permissions.can_nominate(
        call_page, now=call_page.opens_at - datetime.timedelta(seconds=1)
    )
    call_page.selection_round = None
    assert not permissions.can_nominate(call_page, now=timezone.now())


def test_a_group_of_any_name_may_hold_the_reviewer_permissions(member, selection_round):
    """Reviewing is a permission, not the name of a group: a site may make its own groups."""
    nomination = NominationFactory(
        selection_round=selection_round, status=NominationStatus.LONG_LISTED
    )
    assert answers(member, nomination) == set()
    panel = Group.objects.create(name="External panel")
    panel.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="selection",
            codename__in=["review_nomination", "view_nomination", "add_review"],
        )
    )
    member.groups.add(panel)
    member = type(member).objects.get(pk=member.pk)  # a fresh object: Django caches permissions
    assert permissions.is_reviewer(member)
    assert answers(member, nomination) == {"view", "check", "review"}


def test_leaving_the_reviewers_group_takes_the_reviewer_permissions_away(reviewer):
    assert permissions.is_reviewer(reviewer)
    reviewer.groups.clear()
    reviewer = type(reviewer).objects.get(pk=reviewer.pk)
    assert not permissions.is_reviewer(reviewer)


def test_an_inactive_reviewer_or_superuser_is_not_a_reviewer(reviewer, superuser):
    assert permissions.is_reviewer(superuser)
    for user in (reviewer, superuser):
        user.is_active = False
        user.save()
        assert not permissions.is_reviewer(type(user).objects.get(pk=user.pk))
