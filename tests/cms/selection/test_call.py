"""The public call: nominating while open, bad input refused cleanly, spam and floods kept out."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from django.utils.dateformat import format as date_format

from cms.selection.forms import NominationForm
from cms.selection.models import Nomination, NominationDocument, NominationStatus
from tests.html import text

from . import documents
from .call_form import (
    alerts,
    errors_described_by,
    label_of,
    legend_of_group,
    nomination_form,
    visible_text,
)
from .documents import upload

pytestmark = pytest.mark.django_db


def valid_data(fields, **overrides) -> dict:
    data = {
        "practice_name": "Neighbourhood welcome walks",
        "city": "Vejle",
        "country": "Denmark",
        "local_level": "yes",
        "lead_organisation": "Vejle Municipality",
        "involves_public_authorities": "yes",
        "public_authorities": "Vejle Municipality\nRegion of Southern Denmark",
        "policy_fields": [fields["housing"].pk, fields["health"].pk],
        "start_date": "2018-05-01",
        "end_date": "",
        "ongoing": "on",
        "goals": "Newcomers know their neighbourhood and its services within three months.",
        "description": "Residents walk newcomers through the area once a week.",
        "results": "Four hundred walks so far.",
        "funding": "Municipal budget.",
        "links": "https://example.org/walks",
        "contact_name": "Mette Example",
        "contact_email": "mette@example.org",
        "is_self_nomination": "on",
    }
    data.update(overrides)
    return data


def test_visitor_nominates_a_practice_and_gets_a_confirmation(
    client, call_page, fields, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(call_page.url, valid_data(fields))

    assert response.status_code == 302
    assert response["Location"].endswith("/call-for-practices/thanks/")
    nomination = Nomination.objects.get()
    assert nomination.practice_name == "Neighbourhood welcome walks"
    assert nomination.selection_round == call_page.selection_round
    assert nomination.end_date is None and nomination.local_level is True
    assert nomination.is_self_nomination
    assert set(nomination.policy_fields.values_list("slug", flat=True)) == {"housing", "health"}
    # (a) still needs a reviewer, so the nomination waits for its checks.
    assert nomination.status == NominationStatus.PENDING
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["mette@example.org"]
    assert "Neighbourhood welcome walks" in mail.outbox[0].subject
    assert str(nomination.reference) in mail.outbox[0].body
    thanks = client.get(response["Location"])
    assert "Thank you for your nomination" in visible_text(thanks)


def test_every_answer_the_form_asks_for_is_stored_on_the_nomination(client, call_page, fields):
    """A question added to the call's form that names a field of the nomination reaches it:
    each answer comes back from the saved nomination as the form cleaned it."""
    data = valid_data(fields, start_date_is_approximate="on", end_date="2023-06-30", ongoing="")
    form = NominationForm(data)
    assert form.is_valid(), form.errors
    columns = {field.name: field for field in Nomination._meta.concrete_fields}
    related = {field.name for field in Nomination._meta.many_to_many}
    answers = [name for name in form.fields if name in columns or name in related]
    assert {"practice_name", "local_level", "policy_fields", "is_self_nomination"} <= set(answers)

    response = client.post(call_page.url, data)

    assert response.status_code == 302
    nomination = Nomination.objects.get()
    for name in answers:
        expected = form.cleaned_data[name]
        if name in related:
            assert set(getattr(nomination, name).all()) == set(expected), name
            continue
        # An answer left at the field's default would pass unnoticed if it were dropped.
        assert expected not in (columns[name].get_default(), ""), (
            f"give {name} an answer other than its default in this test"
        )
        assert getattr(nomination, name) == expected, name


def test_every_question_of_the_form_is_on_the_call_page(client, call_page, fields):
    """The page lays the questions out one by one: a question added to the form must be laid
    out too, or nobody could answer it."""
    form = nomination_form(client.get(call_page.url))
    shown = {field["name"] for field in form.find_all(["input", "select", "textarea"])}

    assert set(NominationForm().fields) <= shown


def test_signed_in_member_nominates_too(client, member, call_page, fields):
    client.force_login(member)
    response = client.post(call_page.url, valid_data(fields))
    assert response.status_code == 302
    assert Nomination.objects.count() == 1


def test_form_has_labelled_fields_and_a_csrf_token(client, call_page, fields):
    form = nomination_form(client.get(call_page.url))
    assert form is not None
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    assert label_of(form, "id_practice_name") == "Practice name (required)"
    assert label_of(form, "id_contact_email") == "Contact e-mail (required)"
    assert legend_of_group(form, "policy_fields").startswith("Policy fields")


def test_documents_of_the_allowed_types_are_stored(client, call_page, fields):
    pdf = upload("plan.pdf", documents.PDF, content_type="application/pdf")
    odt = upload("budget.odt", documents.odt(), content_type="application/vnd.oasis")
    docx = upload("report.docx", documents.docx())
    data = valid_data(fields, documents=[pdf, odt, docx])
    response = client.post(call_page.url, data)
    assert response.status_code == 302
    stored = {d.filename: d.content_type for d in NominationDocument.objects.all()}
    assert stored == {
        "budget.odt": "application/vnd.oasis.opendocument.text",
        "plan.pdf": "application/pdf",
        "report.docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    }


def test_a_large_document_written_to_a_temporary_file_is_checked_too(client, call_page, fields):
    # Uploads above FILE_UPLOAD_MAX_MEMORY_SIZE reach the form as temporary files on disk.
    padding = {"word/media/scan.bin": b"\0" * (3 * 1024 * 1024)}
    large = documents.archive({**documents.docx_entries(), **padding})
    response = client.post(
        call_page.url, valid_data(fields, documents=[upload("plan.docx", large)])
    )
    assert response.status_code == 302
    assert NominationDocument.objects.get().file.read() == large


@pytest.mark.parametrize(
    ("name", "content", "claimed_type"),
    [
        pytest.param("report.pdf", documents.HTML, "application/pdf", id="html-as-pdf"),
        pytest.param(
            "image.odt", documents.SVG, "application/vnd.oasis.opendocument.text", id="svg-as-odt"
        ),
        pytest.param("letter.docx", documents.HTML, "application/msword", id="html-as-docx"),
        pytest.param("budget.odt", documents.docx(), "", id="docx-as-odt"),
        pytest.param("report.docx", documents.odt(), "", id="odt-as-docx"),
        pytest.param(
            "sheet.odt",
            documents.odf("application/vnd.oasis.opendocument.spreadsheet"),
            "",
            id="spreadsheet-as-odt",
        ),
        pytest.param(
            "archive.docx",
            documents.archive({"index.html": documents.HTML}),
            "",
            id="zip-as-docx",
        ),
        pytest.param(
            "plan.pdf", b"PK\x03\x04 not really an archive", "application/pdf", id="broken-zip"
        ),
    ],
)
def test_a_document_whose_content_is_not_its_type_is_refused_and_nothing_saved(
    client, call_page, fields, name, content, claimed_type
):
    pdf = upload("plan-b.pdf", documents.PDF, content_type="application/pdf")
    disguised = upload(name, content, content_type=claimed_type or "application/octet-stream")
    response = client.post(call_page.url, valid_data(fields, documents=[pdf, disguised]))
    assert response.status_code == 400
    kind = name.rsplit(".", 1)[-1].upper()
    message = f"“{name}” is not really a {kind} file"
    assert message in " ".join(response.context["form"].errors["documents"])
    # The form comes back with the message tied to the file input, the texts kept.
    form = nomination_form(response)
    shown, errors_id = errors_described_by(form, "documents")
    assert errors_id == "id_documents-errors"
    assert message in " ".join(shown)
    assert form.find("input", attrs={"name": "practice_name"})["value"] == (
        "Neighbourhood welcome walks"
    )
    assert Nomination.objects.count() == 0
    assert NominationDocument.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"start_date": "2020-01-01", "end_date": "2019-01-01", "ongoing": ""},
            "end_date",
            "The end date cannot be before the start date.",
        ),
        (
            {"start_date": (timezone.localdate() + datetime.timedelta(days=1)).isoformat()},
            "start_date",
            "The start date cannot be in the future.",
        ),
        ({"contact_email": "not-an-address"}, "contact_email", "Enter a valid email address."),
        ({"ongoing": ""}, "end_date", "Give the end date, or tick"),
        ({"end_date": "2023-01-01"}, "end_date", "not both"),
        ({"policy_fields": []}, "policy_fields", "Choose at least one policy field."),
        ({"links": "javascript:alert(1)"}, "links", "is not a web address"),
        ({"description": "x" * 8001}, "description", "at most 8000 characters"),
        ({"local_level": ""}, "local_level", "This field is required."),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_saved(
    client, call_page, fields, overrides, field, message
):
    response = client.post(call_page.url, valid_data(fields, **overrides))
    assert response.status_code == 400
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    # The message is shown next to its field and tied to it for screen readers.
    messages, errors_id = errors_described_by(nomination_form(response), field)
    assert errors_id == f"id_{field}-errors"
    assert message in " ".join(messages)
    assert f"id_{field}-errors" in str(form[field]) or field in {"policy_fields", "local_level"}
    assert Nomination.objects.count() == 0


def test_a_document_of_another_type_or_too_big_is_refused(client, call_page, fields):
    exe = SimpleUploadedFile("tool.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(call_page.url, valid_data(fields, documents=[exe]))
    assert response.status_code == 400
    assert "is not a PDF, DOCX or ODT file" in " ".join(
        response.context["form"].errors["documents"]
    )

    big = SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024 + 1))
    response = client.post(call_page.url, valid_data(fields, documents=[big]))
    assert response.status_code == 400
    assert "10 MB at most" in " ".join(response.context["form"].errors["documents"])
    assert Nomination.objects.count() == 0
    assert NominationDocument.objects.count() == 0


def test_fifty_megabytes_of_text_is_a_clean_refusal_not_a_server_error(client, call_page, fields):
    response = client.post(call_page.url, valid_data(fields, description="x" * (50 * 1024 * 1024)))
    assert response.status_code == 413
    assert any("too large" in alert for alert in alerts(response))
    assert Nomination.objects.count() == 0


def _csrf_client(call_page) -> tuple[Client, str]:
    client = Client(enforce_csrf_checks=True)
    client.get(call_page.url)
    return client, client.cookies["csrftoken"].value


def test_fifty_megabytes_with_csrf_checks_on_gives_the_form_back_with_what_to_do(call_page, fields):
    client, token = _csrf_client(call_page)
    data = valid_data(fields, description="x" * (50 * 1024 * 1024), csrfmiddlewaretoken=token)
    response = client.post(call_page.url, data)
    assert response.status_code == 413
    (alert,) = alerts(response)
    assert "The nomination was too large to receive" in alert
    assert "2.5 MB at most" in alert
    assert "nothing was saved" in alert
    # The form is there to fill in again, with a fresh token that a normal post goes through with.
    form = nomination_form(response)
    assert form is not None
    token = form.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    assert Nomination.objects.count() == 0
    response = client.post(call_page.url, valid_data(fields, csrfmiddlewaretoken=token))
    assert response.status_code == 302
    assert Nomination.objects.count() == 1


def test_an_oversized_post_with_files_and_csrf_checks_on_is_answered_the_same(call_page, fields):
    client, token = _csrf_client(call_page)
    pdf = upload("plan.pdf", documents.PDF, content_type="application/pdf")
    data = valid_data(
        fields, goals="y" * (3 * 1024 * 1024), documents=[pdf], csrfmiddlewaretoken=token
    )
    response = client.post(call_page.url, data)
    assert response.status_code == 413
    assert any("too large" in alert for alert in alerts(response))
    assert NominationDocument.objects.count() == 0


def test_the_oversized_answer_does_not_let_a_normal_post_skip_the_csrf_check(call_page, fields):
    client, _token = _csrf_client(call_page)
    response = client.post(call_page.url, valid_data(fields))
    assert response.status_code == 403
    assert Nomination.objects.count() == 0


def test_an_oversized_post_to_another_page_keeps_djangos_refusal(call_page, fields):
    client, token = _csrf_client(call_page)
    thanks = call_page.url + call_page.reverse_subpage("thanks")
    data = {"description": "x" * (3 * 1024 * 1024), "csrfmiddlewaretoken": token}
    response = client.post(thanks, data)
    assert response.status_code == 400
    assert "We could not read what was sent" in text(response)


def test_an_oversized_post_to_a_closed_call_says_it_is_closed(call_page, fields):
    client, token = _csrf_client(call_page)  # the form was open when it was filled in
    call_page.selection_round.is_closed = True
    call_page.selection_round.save()
    data = valid_data(fields, description="x" * (3 * 1024 * 1024), csrfmiddlewaretoken=token)
    response = client.post(call_page.url, data)
    assert response.status_code == 403
    assert any("This call is closed" in alert for alert in alerts(response))
    assert nomination_form(response) is None


def test_honeypot_filled_in_saves_nothing_but_looks_accepted(client, call_page, fields):
    response = client.post(call_page.url, valid_data(fields, website="http://spam.example"))
    assert response.status_code == 302
    assert response["Location"].endswith("/call-for-practices/thanks/")
    assert Nomination.objects.count() == 0


def test_one_address_may_send_five_nominations_an_hour(client, call_page, fields, settings):
    assert settings.POST_RATE_LIMITS["selection:nominations"] == 5
    for number in range(5):
        response = client.post(
            call_page.url, valid_data(fields, practice_name=f"Practice {number}")
        )
        assert response.status_code == 302
    response = client.post(call_page.url, valid_data(fields, practice_name="One too many"))
    assert response.status_code == 429
    assert any("Too many nominations" in alert for alert in alerts(response))
    # It says when the hour's window ends, in words and in the header.
    assert 1 <= int(response["Retry-After"]) <= 3600
    assert any("minutes at the latest" in alert for alert in alerts(response))
    assert Nomination.objects.count() == 5
    other = Client(REMOTE_ADDR="192.0.2.9")
    assert other.post(call_page.url, valid_data(fields)).status_code == 302
    assert Nomination.objects.count() == 6


def test_the_nomination_limit_is_tuned_in_post_rate_limits(client, call_page, fields, settings):
    settings.POST_RATE_LIMITS = {**settings.POST_RATE_LIMITS, "selection:nominations": 1}
    # A nomination the form refuses does not count.
    assert client.post(call_page.url, valid_data(fields, city="")).status_code == 400
    assert client.post(call_page.url, valid_data(fields)).status_code == 302
    response = client.post(call_page.url, valid_data(fields, practice_name="Second"))
    assert response.status_code == 429
    assert Nomination.objects.count() == 1


def test_closed_call_says_when_it_closed_and_refuses_submissions(client, call_page, fields):
    call_page.opens_at = timezone.now() - datetime.timedelta(days=30)
    call_page.closes_at = timezone.now() - datetime.timedelta(days=1)
    call_page.save()
    response = client.get(call_page.url)
    closed_on = date_format(timezone.localtime(call_page.closes_at), "j F Y")
    assert f"This call closed on {closed_on}." in visible_text(response)
    assert nomination_form(response) is None
    response = client.post(call_page.url, valid_data(fields))
    assert response.status_code == 403
    assert any("This call is closed" in alert for alert in alerts(response))
    assert nomination_form(response) is None
    assert Nomination.objects.count() == 0


def test_a_closed_round_closes_the_call(client, call_page, fields):
    call_page.selection_round.is_closed = True
    call_page.selection_round.save()
    response = client.post(call_page.url, valid_data(fields))
    assert response.status_code == 403
    assert any("This call is closed" in alert for alert in alerts(response))
    assert Nomination.objects.count() == 0
