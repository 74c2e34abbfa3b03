"""Requests that used to end in a server error, and limits that must count each visitor alone:
the 429 page for every source of a 429, NUL bytes in any part of a request, and the client's
address behind trusted proxies."""

from urllib.parse import urlencode

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from cms import ratelimit
from tests.cms.factories import UserFactory
from tests.html import form_errors, text

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
User = get_user_model()


def assert_is_the_429_page(response):
    assert response.status_code == 429
    page = text(response, "main")
    assert "Please slow down" in page
    assert "nothing was saved" in page
    assert "try again" in page.lower()


# allauth's limits answer with the root URLconf's handler429 -------------------------------------


def test_the_twelfth_sign_up_from_one_address_gets_the_429_page(client, home):
    """The configured limit (10 an hour per address), from fresh sessions, through the real view."""
    statuses = []
    for number in range(12):
        client.cookies.clear()
        response = client.post(
            "/accounts/signup/",
            {"email": f"new{number}@example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
        statuses.append(response.status_code)

    assert statuses[:10] == [302] * 10
    assert statuses[10:] == [429, 429]
    assert set(User.objects.values_list("email", flat=True)) == {
        f"new{number}@example.org" for number in range(10)
    }
    assert_is_the_429_page(response)
    assert "Wait a few minutes" in text(response, "main")


@pytest.fixture
def tight_limits(settings):
    """One request a minute for each of allauth's limits, so that the second is refused."""
    settings.ACCOUNT_RATE_LIMITS = {
        "login": "1/m/ip",
        "signup": "1/m/ip",
        "reset_password": "1/m/ip",
        "reset_password_from_key": "1/m/ip",
        "change_password": "1/m/user",
        "manage_email": "1/m/user",
        "login_failed": "100/m/ip",
        "confirm_email": "1/3m/key",
    }


@pytest.fixture
def verified_member(db):
    user = UserFactory(email="someone@example.org", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/accounts/login/", {"login": "someone@example.org", "password": "wrong"}),
        ("/accounts/password/reset/", {"email": "someone@example.org"}),
        ("/accounts/password/reset/key/1-set-password/", {"password1": "x", "password2": "x"}),
    ],
    ids=["login", "password reset", "password reset from key"],
)
def test_each_anonymous_allauth_limit_renders_the_429_page(
    client, home, tight_limits, verified_member, path, data
):
    client.post(path, data)
    response = client.post(path, data)

    assert_is_the_429_page(response)


@pytest.mark.parametrize(
    ("path", "data"),
    [
        (
            "/accounts/password/change/",
            {"oldpassword": "wrong", "password1": "x", "password2": "x"},
        ),
        ("/accounts/email/", {"email": "another@example.org", "action_add": ""}),
    ],
    ids=["password change", "e-mail change"],
)
def test_each_signed_in_allauth_limit_renders_the_429_page(
    client, home, tight_limits, verified_member, path, data
):
    client.force_login(verified_member)
    client.post(path, data)
    response = client.post(path, data)

    assert_is_the_429_page(response)


def test_our_own_limit_says_how_long_to_wait(rf, home):
    request = rf.post("/")
    request.user = AnonymousUser()
    response = ratelimit.too_many(request, window=60 * 60)

    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 3600
    assert "minutes at the latest" in text(response, "main") or "in a minute" in text(
        response, "main"
    )


# NUL bytes -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/certificates/%00/",
        "/learning/%00/apply/",
        "/learning/a%00b/withdraw/",
        "/learning/%00/cohort/",
        "/learning/%00/cohort/?format=csv",
        "/academy/%00/",
    ],
)
def test_a_nul_byte_in_the_address_is_a_bad_request(client, home, path):
    response = client.get(path)

    assert response.status_code == 400
    assert "We could not read what was sent" in text(response)


def test_a_nul_byte_in_the_address_of_a_post_is_a_bad_request(client, home, verified_member):
    client.force_login(verified_member)
    response = client.post("/learning/%00/cohort/enrolments/1/decide/", {"decision": "accept"})

    assert response.status_code == 400
    assert "We could not read what was sent" in text(response)


def test_a_nul_byte_in_a_form_is_a_form_error(client, home):
    """Forms refuse NUL themselves, with a message, whatever the encoding of the body."""
    response = client.post("/accounts/login/", {"login": "a\x00b@example.org", "password": "x"})

    assert response.status_code == 200
    assert "Null characters are not allowed." in form_errors(response)

    response = client.post(
        "/accounts/login/",
        urlencode({"login": "a\x00b@example.org", "password": "x"}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert "Null characters are not allowed." in form_errors(response)
    assert "Null characters are not allowed." in form_errors(response)


# The client's address behind proxies --------------------------------------------------------------


def proxied(address: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": address}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    request = RequestFactory().post("/", **extra)
    request.user = AnonymousUser()
    return request


def test_without_trusted_proxies_the_connection_address_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 0

    # A forged header changes nothing.
    assert ratelimit.client_address(proxied("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_behind_one_proxy_the_address_it_appended_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 1

    assert ratelimit.client_address(proxied("10.0.0.2", "198.51.100.1")) == "198.51.100.1"
    # What the client wrote itself, left of the proxy's entry, is ignored.
    assert (
        ratelimit.client_address(proxied("10.0.0.2", "192.0.2.99, 198.51.100.1")) == "198.51.100.1"
    )
    # A request that did not pass through the proxy (no header, or garbage) keeps its own address.
    assert ratelimit.client_address(proxied("10.0.0.2")) == "10.0.0.2"
    assert ratelimit.client_address(proxied("10.0.0.2", "not-an-address")) == "10.0.0.2"


def test_behind_two_proxies_the_second_entry_from_the_right_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 2

    request = proxied("10.0.0.3", "192.0.2.99, 198.51.100.1, 10.0.0.2")
    assert ratelimit.client_address(request) == "198.51.100.1"


def test_our_limit_counts_proxied_visitors_apart(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    first = proxied("10.0.0.2", "198.51.100.1")
    second = proxied("10.0.0.2", "198.51.100.2")
    for _ in range(3):
        ratelimit.count(first, scope="test", window=3600)

    assert not ratelimit.allowed(first, scope="test", limit=3, window=3600)
    assert ratelimit.allowed(second, scope="test", limit=3, window=3600)


def test_our_limit_counts_direct_visitors_apart(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    first, second = proxied("198.51.100.1"), proxied("198.51.100.2")
    for _ in range(3):
        ratelimit.count(first, scope="test", window=3600)

    assert not ratelimit.allowed(first, scope="test", limit=3, window=3600)
    assert ratelimit.allowed(second, scope="test", limit=3, window=3600)


def test_allauth_limits_count_proxied_visitors_apart(client, home, settings, tight_limits):
    settings.TRUSTED_PROXY_COUNT = 1

    def sign_up(number: int, address: str):
        client.cookies.clear()
        return client.post(
            "/accounts/signup/",
            {"email": f"p{number}@example.org", "password1": PASSWORD, "password2": PASSWORD},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=address,
        )

    assert sign_up(1, "198.51.100.1").status_code == 302
    assert sign_up(2, "198.51.100.1").status_code == 429
    # Another visitor behind the same proxy still has their own allowance.
    assert sign_up(3, "198.51.100.2").status_code == 302
    assert set(User.objects.values_list("email", flat=True)) == {
        "p1@example.org",
        "p3@example.org",
    }
