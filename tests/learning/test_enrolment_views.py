"""Applying to an edition and withdrawing from it, through the site."""

import datetime

import pytest
from django.utils import timezone

from learning.models import Enrolment, EnrolmentMode, EnrolmentStatus
from tests.cms.factories import UserFactory
from tests.html import form_errors, parse
from tests.learning.factories import EnrolmentFactory

pytestmark = [pytest.mark.django_db, pytest.mark.shared_academy]

APPLY = "/learning/turin-2027/apply/"
WITHDRAW = "/learning/turin-2027/withdraw/"
ANSWERS = {
    "organisation": "City of Vejle",
    "role": "Integration coordinator",
    "city": "Vejle",
    "country": "Denmark",
    "motivation": "Our job centre pilots mentoring; I want to compare it with other cities.",
}


def test_visitor_is_sent_to_log_in_first(client, edition):
    response = client.get(APPLY)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_unknown_edition_is_not_found(client, member):
    client.force_login(member)
    assert client.get("/learning/nowhere/apply/").status_code == 404
    assert client.get("/learning/nowhere/withdraw/").status_code == 404


def test_form_shows_the_guidance_and_labelled_fields(client, edition, member):
    edition.application_help = "<p>Tell us about a measure your city runs.</p>"
    edition.save_revision().publish()
    client.force_login(member)

    html = client.get(APPLY).content.decode()

    assert "Tell us about a measure your city runs." in html
    form = parse(html).find("input", attrs={"name": "organisation"}).find_parent("form")
    for name in ANSWERS:
        field = form.select_one(f'[name="{name}"]')
        assert field is not None and form.select_one(f'label[for="{field["id"]}"]')
    assert form.select_one('[name="organisation"]')["maxlength"] == "200"
    assert form.select_one('[name="motivation"]')["maxlength"] == "5000"


def test_member_applies_and_is_told_what_happens_next(client, edition, member):
    client.force_login(member)

    response = client.post(APPLY, ANSWERS, follow=True)

    assert response.redirect_chain[-1][0] == edition.url
    html = response.content.decode()
    assert "your application to Turin 2027 has been received" in html
    assert "Your application is being considered" in html
    enrolment = Enrolment.objects.get(user=member)
    assert enrolment.status == EnrolmentStatus.APPLIED and enrolment.city == "Vejle"


def test_open_edition_enrols_at_once(client, edition, lessons, member):
    edition.enrolment_mode = EnrolmentMode.OPEN
    edition.save_revision().publish()
    client.force_login(member)

    html = client.post(APPLY, ANSWERS, follow=True).content.decode()

    assert "You are enrolled in Turin 2027" in html and "Continue: What functions" in html
    assert Enrolment.objects.get(user=member).status == EnrolmentStatus.ACCEPTED


def test_applying_twice_is_refused_and_saves_nothing_new(client, edition, applicant):
    client.force_login(applicant)
    before = Enrolment.objects.get(user=applicant)

    response = client.post(APPLY, {**ANSWERS, "city": "Elsewhere"})

    assert response.status_code == 400
    assert "You have already applied to this edition" in response.content.decode()
    after = Enrolment.objects.get(user=applicant)
    assert after.city == before.city and after.applied_at == before.applied_at


def test_full_edition_refuses_with_a_clear_message(client, edition, member):
    edition.capacity = 1
    edition.save_revision().publish()
    EnrolmentFactory(edition=edition, status=EnrolmentStatus.ACCEPTED)
    client.force_login(member)

    assert "This edition is full." in client.get(APPLY).content.decode()
    response = client.post(APPLY, ANSWERS)

    assert response.status_code == 400 and "This edition is full." in response.content.decode()
    assert not Enrolment.objects.filter(user=member).exists()


def test_closed_edition_refuses(client, edition, member):
    edition.enrolment_closes = timezone.localdate() - datetime.timedelta(days=2)
    edition.save_revision().publish()
    client.force_login(member)

    response = client.post(APPLY, ANSWERS)

    assert "Applications for this edition are closed." in response.content.decode()
    assert not Enrolment.objects.filter(user=member).exists()


def test_unverified_member_is_asked_to_confirm_their_address(client, edition):
    person = UserFactory(email="unconfirmed@example.org")
    client.force_login(person)

    response = client.post(APPLY, ANSWERS)

    assert response.status_code == 400
    assert "Confirm your e-mail address" in response.content.decode()
    assert not Enrolment.objects.filter(user=person).exists()


def test_missing_or_overlong_answers_are_explained(client, edition, member):
    client.force_login(member)

    response = client.post(APPLY, {**ANSWERS, "organisation": "", "city": "x" * 101})

    assert response.status_code == 400
    html = response.content.decode()
    errors = form_errors(html)
    assert "This field is required." in errors
    assert any("at most 100 characters" in error for error in errors)
    assert not Enrolment.objects.exists()


def test_applicant_withdraws_after_confirming(client, edition, applicant):
    client.force_login(applicant)

    confirm = client.get(WITHDRAW).content.decode()
    assert "Withdraw from Turin 2027?" in confirm and "Yes, withdraw" in confirm
    html = client.post(WITHDRAW, follow=True).content.decode()

    assert "You have withdrawn from Turin 2027" in html
    assert Enrolment.objects.get(user=applicant).status == EnrolmentStatus.WITHDRAWN


def test_trainee_withdraws_and_may_apply_again(client, edition, trainee):
    client.force_login(trainee)
    client.post(WITHDRAW)
    assert Enrolment.objects.get(user=trainee).status == EnrolmentStatus.WITHDRAWN

    client.post(APPLY, ANSWERS)

    assert Enrolment.objects.get(user=trainee).status == EnrolmentStatus.APPLIED


def test_withdrawing_twice_says_there_is_nothing_to_withdraw(client, edition, applicant):
    client.force_login(applicant)
    client.post(WITHDRAW)

    response = client.post(WITHDRAW)

    assert response.status_code == 400
    assert "Only an application or an accepted place can be withdrawn" in (
        response.content.decode()
    )


@pytest.mark.parametrize("role", ["member", "other_trainee", "facilitator", "editor"])
def test_withdraw_without_an_enrolment_here_is_not_found(client, edition, trainee, role, request):
    client.force_login(request.getfixturevalue(role))
    assert client.get(WITHDRAW).status_code == 404
    assert client.post(WITHDRAW).status_code == 404
    assert Enrolment.objects.get(user=trainee).status == EnrolmentStatus.ACCEPTED


def test_visitor_cannot_withdraw(client, edition, trainee):
    assert client.post(WITHDRAW).status_code == 302
    assert Enrolment.objects.get(user=trainee).status == EnrolmentStatus.ACCEPTED


def test_a_burst_of_applications_is_slowed_down_and_nothing_is_saved(
    client, edition, member, settings
):
    settings.POST_RATE_LIMITS = {**settings.POST_RATE_LIMITS, "learning:apply": 2}
    client.force_login(member)
    # Two refused posts (missing answers) use up the allowance.
    for _ in range(2):
        assert client.post(APPLY, {}).status_code == 400

    response = client.post(APPLY, ANSWERS)

    assert response.status_code == 429
    assert "Please slow down" in response.content.decode()
    assert not Enrolment.objects.filter(user=member).exists()
    # Reading the form is never limited.
    assert client.get(APPLY).status_code == 200
