"""The last places of an edition taken by several people at the same moment: the edition's row is
locked while places are counted, so the capacity holds. Needs PostgreSQL's row locks; SQLite
serialises every write anyway and cannot show the race."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from learning import services
from learning.models import Enrolment, EnrolmentMode, EnrolmentStatus
from tests.learning.conftest import verified
from tests.learning.factories import EnrolmentFactory

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the capacity race needs PostgreSQL row locks (select_for_update); "
        f"this run uses {connection.vendor}",
    ),
]

APPLICATION = {
    "organisation": "City of Gothenburg",
    "role": "Housing officer",
    "city": "Gothenburg",
    "country": "Sweden",
    "motivation": "",
}


@pytest.fixture
def slow_save(monkeypatch):
    """Widen the gap between counting the places and saving the enrolment, so that without the
    lock every thread would count the same free places."""
    original = Enrolment.full_clean

    def full_clean(self, *args, **kwargs):
        time.sleep(0.05)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Enrolment, "full_clean", full_clean)


def run_at_once(jobs):
    """Run each job in its own thread (so its own database connection), all released together."""
    barrier = threading.Barrier(len(jobs))
    outcomes = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            job()
            outcomes[index] = "ok"
        except ValidationError as error:
            outcomes[index] = " ".join(error.messages)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_eight_people_enrol_at_once_for_the_last_two_places(edition, trainee, slow_save):
    edition.enrolment_mode = EnrolmentMode.OPEN
    edition.capacity = 4
    edition.save()
    EnrolmentFactory(edition=edition, status=EnrolmentStatus.ACCEPTED)  # with trainee: 2 taken
    people = [verified(f"racer{number}@example.org") for number in range(8)]

    outcomes = run_at_once(
        [
            lambda person=person: services.enrolment_apply(
                user=person, edition=edition, **APPLICATION
            )
            for person in people
        ]
    )

    assert outcomes.count("ok") == 2
    assert outcomes.count("This edition is full.") == 6
    assert Enrolment.objects.filter(edition=edition).active().count() == 4
    assert Enrolment.objects.filter(user__in=people).count() == 2


def test_two_facilitators_accept_different_applicants_for_the_last_place(
    edition, trainee, facilitator, editor, slow_save
):
    edition.capacity = 2
    edition.save()
    applications = [
        EnrolmentFactory(edition=edition, status=EnrolmentStatus.APPLIED) for _ in range(4)
    ]
    deciders = [facilitator, editor, facilitator, editor]

    outcomes = run_at_once(
        [
            lambda enrolment=enrolment, by=by: services.enrolment_accept(
                enrolment=enrolment, decided_by=by
            )
            for enrolment, by in zip(applications, deciders, strict=True)
        ]
    )

    assert outcomes.count("ok") == 1
    assert Enrolment.objects.filter(edition=edition).active().count() == 2
    assert Enrolment.objects.filter(edition=edition).pending().count() == 3


def test_one_person_submitting_twice_at_once_gets_one_enrolment(edition, slow_save):
    edition.enrolment_mode = EnrolmentMode.OPEN
    edition.save()
    person = verified("double-click@example.org")

    outcomes = run_at_once(
        [
            lambda: services.enrolment_apply(user=person, edition=edition, **APPLICATION)
            for _ in range(3)
        ]
    )

    assert outcomes.count("ok") == 1
    assert Enrolment.objects.filter(user=person).count() == 1
