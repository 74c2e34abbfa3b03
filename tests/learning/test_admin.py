"""Enrolments and certificates in the Wagtail admin: the listing, its filters and search, the
inspect view, and the bulk accept and decline actions, for editors and for everyone else."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from learning.models import Certificate, EnrolmentStatus
from tests.cms.factories import UserFactory
from tests.html import text
from tests.learning.factories import EnrolmentFactory

pytestmark = [pytest.mark.django_db, pytest.mark.shared_academy]

INDEX = "enrolments:index"


def bulk_url(action: str, *enrolments, next_url: str = "") -> str:
    url = reverse("wagtail_bulk_action", args=["learning", "enrolment", action])
    ids = "&".join(f"id={enrolment.pk}" for enrolment in enrolments)
    return f"{url}?{ids}" + (f"&next={next_url}" if next_url else "")


@pytest.fixture
def enrolments(edition, trainee, applicant):
    UserFactory._meta.model.objects.filter(pk=trainee.pk).update(
        first_name="Tereza", last_name="Novak"
    )
    trainee_enrolment = trainee.enrolments.get()
    trainee_enrolment.residential_attended_at = timezone.now()
    trainee_enrolment.save()
    swede = EnrolmentFactory(
        edition=edition,
        status=EnrolmentStatus.APPLIED,
        user=UserFactory(first_name="Sven", last_name="Nilsson", email="sven@example.org"),
        organisation="Gothenburg city libraries",
        city="Gothenburg",
        country="Sweden",
    )
    return {
        "trainee": trainee_enrolment,
        "applicant": applicant.enrolments.get(),
        "swede": swede,
    }


def test_editors_find_enrolments_under_learning_in_the_admin(client, editor, enrolments):
    client.force_login(editor)
    response = client.get(reverse(INDEX))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Tereza Novak" in html
    assert "Sven Nilsson" in html
    assert "Gothenburg city libraries" in html
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Learning" in menu and reverse(INDEX) in menu


@pytest.mark.parametrize(
    ("params", "shown", "hidden"),
    [
        ("status=applied", "Sven Nilsson", "Tereza Novak"),
        ("country=Sweden", "Sven Nilsson", "Tereza Novak"),
        ("attended=true", "Tereza Novak", "Sven Nilsson"),
        ("attended=false", "Sven Nilsson", "Tereza Novak"),
        ("q=gothenburg", "Sven Nilsson", "Tereza Novak"),
        ("q=novak", "Tereza Novak", "Sven Nilsson"),
        ("edition=0", "Sven Nilsson", None),
        ("status=bogus", "Sven Nilsson", None),
    ],
)
def test_the_listing_filters_and_searches(client, editor, enrolments, params, shown, hidden):
    client.force_login(editor)
    response = client.get(f"{reverse(INDEX)}?{params}")

    assert response.status_code == 200
    html = response.content.decode()
    assert shown in html
    if hidden:
        assert hidden not in html


def test_the_listing_filters_by_edition(client, editor, enrolments, other_trainee):
    client.force_login(editor)
    edition = enrolments["swede"].edition
    html = client.get(f"{reverse(INDEX)}?edition={edition.pk}").content.decode()

    assert "Sven Nilsson" in html
    assert str(other_trainee) not in html


def test_the_inspect_view_shows_the_application(client, editor, enrolments):
    client.force_login(editor)
    response = client.get(reverse("enrolments:inspect", args=[enrolments["swede"].pk]))

    assert response.status_code == 200
    assert enrolments["swede"].motivation in response.content.decode()


@pytest.mark.parametrize("view", ["index", "inspect", "bulk"])
def test_members_cannot_open_the_enrolment_admin(client, member, enrolments, view):
    client.force_login(member)
    url = {
        "index": reverse(INDEX),
        "inspect": reverse("enrolments:inspect", args=[enrolments["swede"].pk]),
        "bulk": bulk_url("accept", enrolments["swede"]),
    }[view]

    response = client.get(url)

    assert response.status_code in {302, 403}
    assert "Sven Nilsson" not in response.content.decode()


def test_members_cannot_accept_in_bulk(
    client, member, enrolments, django_capture_on_commit_callbacks
):
    client.force_login(member)
    # Run the on-commit e-mail too, so that an accepted application would show in the outbox.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(bulk_url("accept", enrolments["swede"]), {"note": ""})

    enrolments["swede"].refresh_from_db()
    assert enrolments["swede"].status == EnrolmentStatus.APPLIED
    assert mail.outbox == []


def test_editors_accept_selected_applications_in_bulk(
    client, editor, enrolments, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    url = bulk_url("accept", enrolments["swede"], enrolments["applicant"], next_url=reverse(INDEX))
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Sven Nilsson" in confirm.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"note": "See you in Turin."})

    assert response.status_code == 302
    for key in ("swede", "applicant"):
        enrolments[key].refresh_from_db()
        assert enrolments[key].status == EnrolmentStatus.ACCEPTED
        assert enrolments[key].decided_by == editor
    assert sorted(m.to[0] for m in mail.outbox) == ["applicant@example.org", "sven@example.org"]
    listing = client.get(response["Location"]).content.decode()
    assert "2 applications accepted" in listing


def test_editors_decline_in_bulk(client, editor, enrolments):
    client.force_login(editor)
    client.post(bulk_url("decline", enrolments["swede"]), {"note": "Places went to city staff."})

    enrolments["swede"].refresh_from_db()
    assert enrolments["swede"].status == EnrolmentStatus.DECLINED
    assert enrolments["swede"].decision_note == "Places went to city staff."


def test_a_full_edition_refuses_the_extra_acceptances_with_a_message(
    client, editor, edition, enrolments
):
    edition.capacity = 2
    edition.save()
    client.force_login(editor)

    response = client.post(
        bulk_url("accept", enrolments["applicant"], enrolments["swede"]), {"note": ""}, follow=True
    )

    statuses = []
    for key in ("applicant", "swede"):
        enrolments[key].refresh_from_db()
        statuses.append(enrolments[key].status)
    assert sorted(statuses) == [EnrolmentStatus.ACCEPTED, EnrolmentStatus.APPLIED]
    html = response.content.decode()
    assert "1 application accepted" in html
    assert "This edition is full" in text(html)


def test_junk_ids_in_a_bulk_action_are_not_a_server_error(client, editor, enrolments):
    client.force_login(editor)
    url = reverse("wagtail_bulk_action", args=["learning", "enrolment", "accept"])

    response = client.get(f"{url}?id=abc&id=99999")

    assert response.status_code in {200, 404}
    # Confirming it decides nobody: junk ids match no enrolment, and no e-mail goes out.
    confirmed = client.post(f"{url}?id=abc&id=99999", {"note": ""})
    assert confirmed.status_code in {200, 302, 404}
    for enrolment in enrolments.values():
        before = enrolment.status
        enrolment.refresh_from_db()
        assert enrolment.status == before
    assert mail.outbox == []


def test_the_edit_form_cannot_change_a_decision(client, editor, enrolments):
    client.force_login(editor)
    swede = enrolments["swede"]
    url = reverse("enrolments:edit", args=[swede.pk])

    client.post(
        url,
        {
            "organisation": "Gothenburg libraries",
            "role": swede.role,
            "city": swede.city,
            "country": swede.country,
            "motivation": swede.motivation,
            "status": EnrolmentStatus.ACCEPTED,
        },
    )

    swede.refresh_from_db()
    assert swede.organisation == "Gothenburg libraries"
    assert swede.status == EnrolmentStatus.APPLIED


def test_certificates_are_listed_read_only(client, editor, superuser, trainee):
    certificate = Certificate.objects.create(enrolment=trainee.enrolments.get())
    client.force_login(editor)
    listing = client.get(reverse("certificates:index"))
    assert listing.status_code == 200
    assert certificate.code in listing.content.decode()

    client.force_login(superuser)
    edit_url = reverse("certificates:edit", args=[certificate.pk])
    assert client.get(edit_url).status_code in {302, 403}
    assert client.get(reverse("certificates:add")).status_code in {302, 403}
    # Not even a superuser rewrites the code an employer verifies, nor issues one by hand.
    code = certificate.code
    assert client.post(edit_url, {"code": "FORGED"}).status_code in {302, 403}
    assert client.post(reverse("certificates:add"), {"code": "FORGED"}).status_code in {302, 403}
    certificate.refresh_from_db()
    assert certificate.code == code
    assert Certificate.objects.count() == 1


def test_select_all_decides_only_the_waiting_applications(client, editor, enrolments):
    client.force_login(editor)
    url = reverse("wagtail_bulk_action", args=["learning", "enrolment", "decline"])

    response = client.post(f"{url}?id=all", {"note": ""}, follow=True)

    for key, status in [
        ("applicant", EnrolmentStatus.DECLINED),
        ("swede", EnrolmentStatus.DECLINED),
        ("trainee", EnrolmentStatus.ACCEPTED),
    ]:
        enrolments[key].refresh_from_db()
        assert enrolments[key].status == status
    assert "2 applications declined" in response.content.decode()
