"""The unsubscribe link of the e-mails: works without signing in, changes nothing when merely
opened, stops the e-mails when confirmed or posted by a mail client's one-click button, and
explains a broken or stale link instead of failing."""

import pytest
from django.contrib.auth import get_user_model
from django.core import signing
from django.test import Client
from django.urls import reverse

from community.models import EmailFrequency, MemberProfile
from community.notifications import emails
from tests.cms.factories import UserFactory
from tests.html import parse, text

pytestmark = pytest.mark.django_db


def url_for(token: str) -> str:
    return reverse("community:unsubscribe", args=[token])


def frequency_of(user) -> str:
    return MemberProfile.objects.get(user=user).email_frequency


@pytest.fixture
def alumnus(community_world):
    return community_world.alumnus


@pytest.fixture
def link(alumnus) -> str:
    return url_for(emails.unsubscribe_token(alumnus))


@pytest.fixture
def csrf_client() -> Client:
    """A client that checks CSRF tokens like a browser request would be checked."""
    return Client(enforce_csrf_checks=True)


def test_opening_the_link_asks_and_changes_nothing(client, alumnus, link):
    response = client.get(link)
    assert response.status_code == 200
    assert "Stop community e-mails?" in text(response)
    form = parse(response).select_one("main form")
    assert form["method"] == "post"
    assert text(str(form)) == "Yes, stop the e-mails"
    assert response["X-Robots-Tag"] == "noindex"
    assert frequency_of(alumnus) == EmailFrequency.IMMEDIATE


def test_confirming_stops_the_emails_without_signing_in(csrf_client, alumnus, link):
    response = csrf_client.post(link)
    assert response.status_code == 200
    assert "You will get no more community e-mails" in text(response)
    assert frequency_of(alumnus) == EmailFrequency.NONE


def test_a_mail_clients_one_click_post_works(csrf_client, alumnus, link):
    response = csrf_client.post(
        link,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert frequency_of(alumnus) == EmailFrequency.NONE


def test_it_stops_a_daily_digest_too_and_an_old_link_keeps_working(csrf_client, alumnus):
    old_link = url_for(emails.unsubscribe_token(alumnus))
    MemberProfile.objects.filter(user=alumnus).update(email_frequency=EmailFrequency.DAILY)
    csrf_client.post(old_link)
    assert frequency_of(alumnus) == EmailFrequency.NONE
    # Turned on again later: the link from an old mail still stops them.
    MemberProfile.objects.filter(user=alumnus).update(email_frequency=EmailFrequency.IMMEDIATE)
    csrf_client.post(old_link)
    assert frequency_of(alumnus) == EmailFrequency.NONE


def test_someone_without_a_profile_yet_can_unsubscribe(csrf_client, community_world):
    person = UserFactory(email="newcomer@example.org", verified=True)
    csrf_client.post(url_for(emails.unsubscribe_token(person)))
    assert frequency_of(person) == EmailFrequency.NONE


def test_the_link_only_touches_the_person_it_names(csrf_client, community_world, link):
    csrf_client.post(link)
    others = MemberProfile.objects.exclude(user=community_world.alumnus)
    assert set(others.values_list("email_frequency", flat=True)) == {EmailFrequency.IMMEDIATE}


def test_the_page_works_for_someone_signed_in_as_another_person(client, community_world, link):
    client.force_login(community_world.member)
    client.post(link)
    assert frequency_of(community_world.alumnus) == EmailFrequency.NONE
    assert frequency_of(community_world.member) == EmailFrequency.IMMEDIATE


def tampered(token: str) -> str:
    value, signature = token.rsplit(":", 1)
    return f"{value}:{'A' if signature[0] != 'A' else 'B'}{signature[1:]}"


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda user: tampered(emails.unsubscribe_token(user)), id="tampered"),
        pytest.param(lambda user: emails.unsubscribe_token(user)[:-5], id="cut short"),
        pytest.param(lambda user: "not-a-token", id="nonsense"),
        pytest.param(lambda user: signing.dumps(user.pk), id="signed for something else"),
        pytest.param(
            lambda user: signing.dumps("everyone", salt=emails.UNSUBSCRIBE_SALT),
            id="names no person",
        ),
        pytest.param(
            lambda user: signing.dumps(True, salt=emails.UNSUBSCRIBE_SALT),
            id="a yes for a pk",
        ),
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_broken_link_is_explained_and_changes_nothing(csrf_client, alumnus, make, method):
    response = getattr(csrf_client, method)(url_for(make(alumnus)))
    assert response.status_code == 400
    assert "This link does not work" in text(response)
    assert "Copy the whole link from the e-mail" in text(response)
    assert set(MemberProfile.objects.values_list("email_frequency", flat=True)) == {
        EmailFrequency.IMMEDIATE
    }


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_link_of_a_deleted_account_says_so(csrf_client, community_world, method):
    person = UserFactory(email="leaving@example.org", verified=True)
    token = emails.unsubscribe_token(person)
    get_user_model().objects.filter(pk=person.pk).delete()
    response = getattr(csrf_client, method)(url_for(token))
    assert response.status_code == 404
    assert "This account no longer exists" in text(response)


def test_other_community_forms_still_need_their_csrf_token(csrf_client, alumnus):
    csrf_client.force_login(alumnus)
    response = csrf_client.post(reverse("community:preferences"), {"email_frequency": "none"})
    assert response.status_code == 403
    assert frequency_of(alumnus) == EmailFrequency.IMMEDIATE


def test_the_settings_page_can_turn_emails_on_again(client, alumnus, link):
    client.post(link)
    client.force_login(alumnus)
    client.post(reverse("community:preferences"), {"email_frequency": "daily"})
    assert frequency_of(alumnus) == EmailFrequency.DAILY
