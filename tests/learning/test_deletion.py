"""Deleting a person keeps the learning records that must outlive them (see tests/test_deletion.py
for the decision per relation)."""

import pytest
from django.contrib.auth import get_user_model

from learning.models import Certificate, Enrolment, EnrolmentStatus, Reflection
from tests.cms.factories import UserFactory
from tests.html import text
from tests.learning.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def alumnus_with_certificate(edition):
    person = UserFactory(email="alumnus@example.org", first_name="Ada", last_name="Lovelace")
    enrolment = EnrolmentFactory(user=person, edition=edition, status=EnrolmentStatus.COMPLETED)
    certificate = Certificate.objects.create(enrolment=enrolment)
    return person, certificate


def test_the_admin_refuses_to_delete_a_person_with_a_certificate_and_says_why(
    client, superuser, alumnus_with_certificate
):
    person, certificate = alumnus_with_certificate
    client.force_login(superuser)

    response = client.post(f"/admin/users/delete/{person.pk}/", follow=True)

    assert get_user_model().objects.filter(pk=person.pk).exists()
    page = text(response)
    assert "Ada Lovelace cannot be deleted" in page
    assert "1 enrolment" in page
    assert "untick “Active”" in page
    client.logout()
    verification = client.get(f"/certificates/{certificate.code}/")
    assert verification.status_code == 200
    assert "Ada Lovelace" in text(verification)


def test_a_person_without_records_is_deleted_as_before(client, superuser):
    person = UserFactory(email="nobody@example.org")
    client.force_login(superuser)

    client.post(f"/admin/users/delete/{person.pk}/")

    assert not get_user_model().objects.filter(pk=person.pk).exists()


def test_deleting_a_facilitator_keeps_their_decisions_and_feedback_without_the_name(
    edition, trainee, facilitator, lessons
):
    enrolment = Enrolment.objects.get(user=trainee)
    Enrolment.objects.filter(pk=enrolment.pk).update(decided_by=facilitator)
    reflection = Reflection.objects.create(
        enrolment=enrolment,
        lesson=lessons["what"],
        block_id="b",
        text="Mine",
        feedback="Well argued",
        feedback_by=facilitator,
    )

    facilitator.delete()

    enrolment.refresh_from_db()
    reflection.refresh_from_db()
    assert enrolment.decided_by is None
    assert (reflection.feedback, reflection.feedback_by) == ("Well argued", None)
    assert not edition.facilitators.exists()
