"""The public certificate page: anyone with the code can check who completed which edition."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import Certificate, EnrolmentStatus
from tests.cms.factories import UserFactory
from tests.html import parse
from tests.learning.factories import EnrolmentFactory

pytestmark = [pytest.mark.django_db, pytest.mark.shared_academy]


@pytest.fixture
def certificate(edition):
    user = UserFactory(first_name="Amira", last_name="Haddad", email="amira@example.org")
    enrolment = EnrolmentFactory(
        user=user,
        edition=edition,
        status=EnrolmentStatus.COMPLETED,
        completed_at=timezone.make_aware(datetime.datetime(2027, 3, 4, 10, 0)),
    )
    return Certificate.objects.create(enrolment=enrolment)


def test_anyone_can_verify_a_certificate_by_its_code(client, certificate, edition):
    response = client.get(reverse("learning:certificate", args=[certificate.code]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Amira Haddad" in html
    assert "Turin 2027" in html
    assert edition.venue in html
    assert edition.residential_start.strftime("%-d %B %Y") in html
    assert "4 March 2027" in html
    assert certificate.code in html


def test_the_page_is_printable_and_kept_out_of_search_engines(client, certificate):
    html = client.get(reverse("learning:certificate", args=[certificate.code])).content.decode()

    robots = parse(html).select_one('meta[name="robots"]')
    assert robots is not None and robots["content"].startswith("noindex")
    assert any("@media print" in style.get_text() for style in parse(html).select("style"))


def test_the_page_does_not_publish_the_e_mail_address(client, certificate):
    html = client.get(reverse("learning:certificate", args=[certificate.code])).content.decode()

    assert "amira@example.org" not in html


@pytest.mark.parametrize("code", ["not-a-real-code", "x" * 200, "%20"])
def test_an_unknown_code_is_not_found(client, certificate, code):
    response = client.get(f"/certificates/{code}/")

    assert response.status_code == 404
    assert "Amira" not in response.content.decode()


def test_certificate_urls_use_the_unguessable_code(certificate):
    assert len(certificate.code) >= 20
    assert reverse("learning:certificate", args=[certificate.code]).endswith(
        f"/certificates/{certificate.code}/"
    )
