"""Accounts through django-allauth: e-mail sign-up and verification, login, logout, reset, rate limits."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from tests.cms.factories import UserFactory
from tests.html import element, field_value, headings, links, parse, text_of, texts

pytestmark = pytest.mark.django_db

User = get_user_model()
PASSWORD = "correct-horse-battery"
CONFIRM_LINK = re.compile(r"https?://[^/\s]+(/accounts/confirm-email/[^/\s]+/)")


def sign_up(client, email: str, password: str = PASSWORD):
    return client.post(
        "/accounts/signup/",
        {"email": email, "password1": password, "password2": password},
        follow=True,
    )


def log_in(client, email: str, password: str = PASSWORD):
    return client.post("/accounts/login/", {"login": email, "password": password}, follow=True)


def confirmation_path(message) -> str:
    match = CONFIRM_LINK.search(message.body)
    assert match, f"no confirmation link in the e-mail:\n{message.body}"
    return match.group(1)


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_signup_creates_an_unverified_account_and_sends_a_confirmation_link(client, home):
    response = sign_up(client, "newcomer@example.org")

    assert response.status_code == 200
    assert headings(response, "h1", "main") == ["Verify Your Email Address"]
    user = User.objects.get(email="newcomer@example.org")
    assert user.check_password(PASSWORD)
    address = EmailAddress.objects.get(user=user)
    assert address.email == "newcomer@example.org"
    assert not address.verified
    assert not is_logged_in(client)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["newcomer@example.org"]
    assert "/accounts/confirm-email/" in message.body


def test_following_the_confirmation_link_verifies_the_address(client, home):
    sign_up(client, "newcomer@example.org")
    path = confirmation_path(mail.outbox[0])

    page = client.get(path)
    assert page.status_code == 200
    assert "newcomer@example.org" in text_of(page, "main")
    assert not EmailAddress.objects.get(email="newcomer@example.org").verified

    client.post(path, follow=True)

    assert EmailAddress.objects.get(email="newcomer@example.org").verified


def test_login_by_email_only_after_verification(client, home):
    sign_up(client, "newcomer@example.org")
    path = confirmation_path(mail.outbox[0])
    mail.outbox.clear()

    response = log_in(client, "newcomer@example.org")
    assert not is_logged_in(client)
    assert headings(response, "h1", "main") == ["Verify Your Email Address"]
    # The link was sent a moment ago; the "1/3m/key" rate limit keeps allauth from resending it.
    assert mail.outbox == []

    client.post(path)
    client.logout()
    response = log_in(client, "newcomer@example.org")

    assert is_logged_in(client)
    assert int(client.session["_auth_user_id"]) == User.objects.get(email="newcomer@example.org").pk
    assert response.redirect_chain[-1][0] == "/"
    assert "Log out" in text_of(response, "header")


def test_login_is_case_insensitive_on_the_address(client, home, member):
    log_in(client, "Member@Example.org")
    assert is_logged_in(client)


def test_wrong_password_re_renders_the_form_with_an_error(client, home, member):
    response = client.post(
        "/accounts/login/", {"login": member.email, "password": "not-the-password"}
    )

    assert response.status_code == 200
    assert "The email address and/or password you specified are not correct." in text_of(
        response, "main"
    )
    assert element(response, 'main input[name="password"]')["type"] == "password"
    assert field_value(response, "login") == "member@example.org"
    assert not is_logged_in(client)


def test_logout_needs_a_post(client, home, member):
    client.force_login(member)

    page = client.get("/accounts/logout/")
    assert page.status_code == 200
    assert "Log out" in texts(page, "main button")
    assert is_logged_in(client), "a GET (e.g. a prefetched link) must not log anyone out"

    response = client.post("/accounts/logout/", follow=True)
    assert not is_logged_in(client)
    assert response.redirect_chain[-1][0] == "/"
    assert ("Log in", "/accounts/login/") in links(response, "header")


def test_password_reset_sends_a_reset_link(client, home, member):
    response = client.post("/accounts/password/reset/", {"email": member.email}, follow=True)

    assert response.status_code == 200
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [member.email]
    match = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/[^\s]+/)", message.body)
    assert match, message.body
    form = client.get(match.group(1), follow=True)
    assert form.status_code == 200
    assert element(form, 'main input[name="password1"]')["type"] == "password"


def test_password_reset_for_an_unknown_address_sends_nothing_revealing(client, home, member):
    response = client.post(
        "/accounts/password/reset/", {"email": "stranger@example.org"}, follow=True
    )
    assert response.status_code == 200
    # Enumeration prevention: the page looks the same; the stranger's mail says no account exists.
    assert all("/accounts/password/reset/key/" not in m.body for m in mail.outbox)
    known = Client().post("/accounts/password/reset/", {"email": member.email}, follow=True)
    assert text_of(response, "main") == text_of(known, "main")


@pytest.mark.parametrize(
    ("path", "title", "heading"),
    [
        ("/accounts/login/", "Log in", "Log in"),
        ("/accounts/signup/", "Sign up", "Sign up"),
        ("/accounts/password/reset/", "Reset your password", "Reset your password"),
    ],
)
def test_account_pages_render_inside_the_site_layout(client, home, path, title, heading):
    response = client.get(path)

    assert response.status_code == 200
    document = parse(response)
    # The site's own frame: the skip link first, the header with the site's menus, the footer.
    assert links(response)[0] == ("Skip to main content", "#main")
    assert ("Integration Academy", "/") in links(response, "header")
    assert "Partners" in headings(response, "h2", "footer")
    main = element(response, "main")
    assert (main["id"], main["tabindex"]) == ("main", "-1")
    assert text_of(response, "title") == f"{title} · Integration Academy"
    assert document.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert "account-page" in document.body["class"]
    # The page's own heading sits inside main, where the skip link lands.
    assert headings(response) == [heading]
    assert headings(response, "h1", "main") == [heading]


def test_repeated_failed_logins_for_one_address_are_throttled(client, home, member):
    for _ in range(5):
        response = client.post("/accounts/login/", {"login": member.email, "password": "wrong"})
        assert "Too many failed login attempts" not in text_of(response)

    response = client.post("/accounts/login/", {"login": member.email, "password": "wrong"})
    assert "Too many failed login attempts. Try again later." in text_of(response, "main")

    # Even the right password is refused while the address is throttled.
    response = client.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert "Too many failed login attempts. Try again later." in text_of(response, "main")
    assert not is_logged_in(client)


def test_throttling_one_address_leaves_others_alone(client, home, member):
    other = UserFactory(email="other@example.org", verified=True)
    for _ in range(6):
        client.post("/accounts/login/", {"login": member.email, "password": "wrong"})

    log_in(client, other.email)
    assert is_logged_in(client)


def test_signup_with_a_used_address_creates_no_second_account(client, home, member):
    response = sign_up(client, "MEMBER@example.org", password="another-long-passphrase")

    assert User.objects.filter(email__iexact="member@example.org").count() == 1
    assert EmailAddress.objects.filter(email__iexact="member@example.org").count() == 1
    assert not is_logged_in(client)
    member.refresh_from_db()
    assert member.check_password(PASSWORD)
    # allauth's enumeration prevention: the page does not tell a stranger the address is taken,
    # the address's owner is told by e-mail, with the way back in.
    assert headings(response, "h1", "main") == ["Verify Your Email Address"]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["member@example.org"]
    assert "Account Already Exists" in message.subject
    assert "an account using that email address already exists" in message.body
    assert "/accounts/password/reset/" in message.body


def test_signup_rejects_a_weak_or_mismatched_password(client, home):
    response = client.post(
        "/accounts/signup/",
        {"email": "newcomer@example.org", "password1": "12345678", "password2": "12345678"},
    )
    assert response.status_code == 200
    assert "This password is too common." in text_of(response, "main")

    response = client.post(
        "/accounts/signup/",
        {"email": "newcomer@example.org", "password1": PASSWORD, "password2": PASSWORD + "x"},
    )
    assert "You must type the same password each time." in text_of(response, "main")
    assert not User.objects.filter(email="newcomer@example.org").exists()
    assert mail.outbox == []


class TestUserModel:
    def test_has_no_username_and_logs_in_by_email(self):
        field_names = {field.name for field in User._meta.get_fields()}
        assert "username" not in field_names
        assert User.USERNAME_FIELD == "email"
        assert User.REQUIRED_FIELDS == []

    def test_create_user_normalises_the_domain_and_hashes_the_password(self):
        user = User.objects.create_user("Someone@EXAMPLE.org", "a-long-passphrase")

        assert user.pk is not None
        assert user.email == "Someone@example.org"
        assert user.password != "a-long-passphrase"
        assert user.check_password("a-long-passphrase")
        assert user.is_active
        assert not user.is_staff
        assert not user.is_superuser

    def test_create_user_without_a_password_cannot_log_in(self):
        user = User.objects.create_user("nopass@example.org")
        assert not user.has_usable_password()

    def test_create_user_needs_an_email(self):
        with pytest.raises(ValueError, match="e-mail address is required"):
            User.objects.create_user("", "a-long-passphrase")

    def test_email_is_unique(self):
        from django.db import IntegrityError, transaction

        User.objects.create_user("twice@example.org")
        with pytest.raises(IntegrityError), transaction.atomic():
            User.objects.create_user("twice@example.org")

    def test_create_superuser(self):
        admin = User.objects.create_superuser("boss@example.org", "a-long-passphrase")
        assert admin.is_staff
        assert admin.is_superuser
        assert admin.check_password("a-long-passphrase")

    @pytest.mark.parametrize("flag", ["is_staff", "is_superuser"])
    def test_create_superuser_refuses_to_drop_a_flag(self, flag):
        with pytest.raises(ValueError, match="must have is_staff and is_superuser"):
            User.objects.create_superuser("boss@example.org", "a-long-passphrase", **{flag: False})
        assert not User.objects.filter(email="boss@example.org").exists()

    def test_str_is_the_full_name_or_the_email(self):
        assert str(User(email="a@example.org", first_name="Ada", last_name="Lovelace")) == (
            "Ada Lovelace"
        )
        assert str(User(email="a@example.org")) == "a@example.org"


SIGN_IN_WORDS = re.compile(r"sign[ -]?(in|out)|signed (in|out)", re.IGNORECASE)


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/accounts/logout/",
    ],
)
def test_account_pages_say_log_in_as_the_header_does(client, home, member, path):
    if path == "/accounts/logout/":
        client.force_login(member)
    response = client.get(path)

    words = text_of(response, "main")
    assert not SIGN_IN_WORDS.search(words), words
    assert not SIGN_IN_WORDS.search(text_of(response, "title"))


def test_the_log_in_page_speaks_of_logging_in_and_styles_its_fields(client, home):
    response = client.get("/accounts/login/")

    assert headings(response, "h1", "main") == ["Log in"]
    assert texts(response, "main form button") == ["Log in"]
    assert ("Sign up", "/accounts/signup/") in links(response, "main")
    assert ("Forgot your password?", "/accounts/password/reset/") in links(response, "main")
    # Each field is laid out by the site's field template, labelled in sentence case, no colon.
    remember = str(element(response, "main form .form-field--checkbox"))
    assert text_of(remember, "label") == "Remember me"
    assert element(remember, "input")["name"] == "remember"
    labels = texts(response, "main form .form-field > label")
    assert labels == ["Email (required)", "Password (required)", "Remember me"]
    assert "nomination-form" in element(response, "main form")["class"]


def test_log_in_and_out_messages_use_the_same_words(client, home, member):
    response = log_in(client, member.email)
    assert f"You are logged in as {member.get_full_name()}." in text_of(response)

    response = client.post("/accounts/logout/", follow=True)
    assert "You have logged out." in text_of(response)


def test_signup_points_to_log_in(client, home):
    response = client.get("/accounts/signup/")
    assert headings(response, "h1", "main") == ["Sign up"]
    assert ("Log in", "/accounts/login/") in links(response, "main")
    assert texts(response, "main form button") == ["Sign up"]
