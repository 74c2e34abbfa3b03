"""Every link in every mail starts with the site's configured public address, never the host a
request or a fresh Wagtail Site happens to carry."""

import re

import pytest
from django.core import mail

from learning import services
from learning.models import EnrolmentMode, EnrolmentStatus
from tests.cms.factories import UserFactory
from tests.learning.conftest import verified
from tests.learning.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db

BASE = "https://academy.example.org"
LINK = re.compile(r"https?://[^\s\"'<>]+")


@pytest.fixture(autouse=True)
def public_address(settings):
    settings.WAGTAILADMIN_BASE_URL = BASE


def links_in_outbox() -> list[str]:
    return [link for message in mail.outbox for link in LINK.findall(message.body)]


def assert_links_on_the_public_site(expected: set[str]):
    links = links_in_outbox()
    assert links, "the mails hold no link at all"
    assert all(link.startswith(BASE + "/") for link in links), links
    assert expected <= set(links)


def test_enrolment_mails_link_the_edition_and_my_learning_on_the_public_site(
    edition, django_capture_on_commit_callbacks
):
    edition_link = f"{BASE}{edition.url}"
    dashboard_link = f"{BASE}/learning/dashboard/"
    applicant, declined = verified("applicant@example.org"), UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        application = services.enrolment_apply(
            user=applicant,
            edition=edition,
            organisation="City",
            role="Officer",
            city="Ghent",
            country="Belgium",
        )
        services.enrolment_accept(enrolment=application, decided_by=UserFactory())
        services.enrolment_decline(
            enrolment=EnrolmentFactory(
                user=declined, edition=edition, status=EnrolmentStatus.APPLIED
            ),
            decided_by=UserFactory(),
        )

    assert len(mail.outbox) == 3
    assert_links_on_the_public_site({edition_link, dashboard_link})


def test_the_open_enrolment_mail_links_the_public_site(edition, django_capture_on_commit_callbacks):
    edition.enrolment_mode = EnrolmentMode.OPEN
    edition.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.enrolment_apply(
            user=verified("newcomer@example.org"),
            edition=edition,
            organisation="City",
            role="Officer",
            city="Ghent",
            country="Belgium",
        )

    assert len(mail.outbox) == 1
    assert_links_on_the_public_site({f"{BASE}{edition.url}", f"{BASE}/learning/dashboard/"})


def test_account_mails_link_the_public_site(client, home, member):
    password = "correct-horse-battery"
    client.post(
        "/accounts/signup/",
        {"email": "new@example.org", "password1": password, "password2": password},
    )
    client.post("/accounts/password/reset/", {"email": member.email})

    assert len(mail.outbox) == 2
    links = links_in_outbox()
    assert any("/accounts/confirm-email/" in link for link in links)
    assert any("/accounts/password/reset/key/" in link for link in links)
    assert_links_on_the_public_site(set())
