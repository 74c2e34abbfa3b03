"""Who may see the course, the cohort and decide enrolments, and who may apply: each role."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from learning.models import Enrolment, EnrolmentStatus
from learning.permissions import (
    apply_refusal,
    can_decide_enrolments,
    can_give_feedback,
    can_mark_attendance,
    can_view_cohort,
    can_view_course,
    is_editor,
    is_facilitator,
    places_left,
)
from tests.cms.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(member, applicant, trainee, other_trainee, facilitator, editor, superuser):
    return {
        "visitor": AnonymousUser(),
        "member": member,
        "applicant": applicant,
        "trainee": trainee,
        "other edition's trainee": other_trainee,
        "facilitator": facilitator,
        "editor": editor,
        "superuser": superuser,
    }


# role -> (course, cohort and decisions)
EXPECTED = {
    "visitor": (False, False),
    "member": (False, False),
    "applicant": (False, False),
    "trainee": (True, False),
    "other edition's trainee": (False, False),
    "facilitator": (True, True),
    "editor": (True, True),
    "superuser": (True, True),
}


@pytest.mark.parametrize("role", EXPECTED)
def test_each_role_sees_what_it_should(people, edition, role):
    person = people[role]
    course, staff = EXPECTED[role]

    assert can_view_course(person, edition) is course
    assert can_view_cohort(person, edition) is staff
    assert can_decide_enrolments(person, edition) is staff
    assert can_mark_attendance(person, edition) is staff
    assert can_give_feedback(person, edition) is staff


def test_editors_are_superusers_or_in_the_editors_group(people):
    assert [role for role, person in people.items() if is_editor(person)] == [
        "editor",
        "superuser",
    ]


def test_a_facilitator_of_one_edition_is_not_one_of_another(facilitator, edition, academy):
    from tests.learning.factories import EditionPageFactory

    other = EditionPageFactory(parent=academy)

    assert is_facilitator(facilitator, edition)
    assert not is_facilitator(facilitator, other)
    assert not can_view_cohort(facilitator, other)
    assert not can_view_course(facilitator, other)


def test_a_trainee_who_completed_keeps_the_course_and_one_who_withdrew_loses_it(trainee, edition):
    enrolment = Enrolment.objects.get(user=trainee)
    enrolment.status = EnrolmentStatus.COMPLETED
    enrolment.save()
    assert can_view_course(trainee, edition)

    enrolment.status = EnrolmentStatus.WITHDRAWN
    enrolment.save()
    assert not can_view_course(trainee, edition)


def test_a_deactivated_facilitator_sees_nothing(facilitator, edition):
    facilitator.is_active = False
    facilitator.save()

    assert not can_view_cohort(facilitator, edition)
    assert not can_view_course(facilitator, edition)


# Applying -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "reason"),
    [
        ("visitor", "Sign in or create an account to apply."),
        ("member", ""),
        ("applicant", "You have already applied to this edition; we will write to you."),
        ("trainee", "You are already enrolled in this edition."),
        ("other edition's trainee", ""),
        ("editor", "Confirm your e-mail address before you apply: follow the link we sent you."),
    ],
)
def test_who_may_apply(people, edition, role, reason):
    assert apply_refusal(people[role], edition) == reason


def test_someone_declined_may_apply_again(applicant, edition):
    Enrolment.objects.filter(user=applicant).update(status=EnrolmentStatus.DECLINED)

    assert apply_refusal(applicant, edition) == ""


def test_a_member_with_an_unverified_address_is_told_to_confirm_it(edition):
    person = UserFactory()

    assert apply_refusal(person, edition).startswith("Confirm your e-mail address")


def test_nobody_applies_after_the_closing_day(member, edition):
    edition.enrolment_closes = timezone.localdate()
    edition.save()
    assert apply_refusal(member, edition) == ""

    edition.enrolment_closes = timezone.localdate() - datetime.timedelta(days=1)
    edition.save()
    assert apply_refusal(member, edition) == "Applications for this edition are closed."


def test_nobody_applies_to_a_full_edition(member, trainee, edition):
    edition.capacity = 2
    edition.save()
    assert places_left(edition) == 1
    assert apply_refusal(member, edition) == ""

    edition.capacity = 1
    edition.save()
    assert places_left(edition) == 0
    assert apply_refusal(member, edition) == "This edition is full."


def test_an_edition_without_a_limit_is_never_full(member, trainee, edition):
    edition.capacity = None
    edition.save()

    assert places_left(edition) is None
    assert apply_refusal(member, edition) == ""


def test_nobody_applies_to_an_unpublished_edition(member, edition):
    edition.unpublish()
    edition.refresh_from_db()

    assert apply_refusal(member, edition) == "This edition is not published."
