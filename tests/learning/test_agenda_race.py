"""The last places of a study visit taken by several trainees at the same moment: the item's row
is locked while its places are counted, so the last place is never given twice. Needs
PostgreSQL's row locks; SQLite serialises every write anyway and cannot show the race."""

import time

import pytest
from django.db import connection

from learning.agenda.services import visit_signup
from learning.models import Enrolment, ItemKind, VisitSignup
from tests.learning.factories import AgendaItemFactory, AgendaPageFactory, EnrolmentFactory
from tests.learning.test_capacity_race import run_at_once

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the sign-up race needs PostgreSQL row locks (select_for_update); "
        f"this run uses {connection.vendor}",
    ),
]


@pytest.fixture
def slow_count(monkeypatch):
    """Widen the gap between counting the places and taking one, so that without the lock every
    thread would count the same free places."""
    original = VisitSignup.objects.create

    def create(*args, **kwargs):
        time.sleep(0.05)
        return original(*args, **kwargs)

    monkeypatch.setattr(VisitSignup.objects, "create", create)


def test_eight_trainees_sign_up_at_once_for_the_last_two_places(edition, trainee, slow_count):
    edition.capacity = None
    edition.save()
    visit = AgendaItemFactory(
        page=AgendaPageFactory(parent=edition),
        kind=ItemKind.STUDY_VISIT,
        capacity=3,
        required=False,
    )
    visit_signup(enrolment=Enrolment.objects.get(user=trainee), item=visit)
    racers = [EnrolmentFactory(edition=edition) for _ in range(8)]

    outcomes = run_at_once(
        [
            lambda enrolment=enrolment: visit_signup(enrolment=enrolment, item=visit)
            for enrolment in racers
        ]
    )

    assert outcomes.count("ok") == 2
    assert all("This study visit is full" in outcome for outcome in outcomes if outcome != "ok")
    assert VisitSignup.objects.filter(item=visit).count() == 3
