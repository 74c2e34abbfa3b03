"""The certificate: a public page and a PDF that anyone with the code can check, stating who
completed which edition, the phases completed with their workload, and when."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from learning.certificates_pdf import render_certificate_pdf
from learning.models import Certificate, EnrolmentStatus, LessonCompletion
from learning.selectors.certificates import certificate_record
from tests.cms.factories import UserFactory
from tests.html import links, parse, texts
from tests.learning.factories import EnrolmentFactory

pytestmark = [pytest.mark.django_db, pytest.mark.shared_academy]


def _aware(*args) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(*args))


COMPLETED_AT = _aware(2027, 3, 4, 10, 0)
ATTENDED_AT = _aware(2027, 3, 4, 9, 30)


def _certify(
    edition,
    lessons,
    *,
    first_name="Amira",
    last_name="Haddad",
    attended_at=ATTENDED_AT,
    lesson_keys=("what", "why", "transfer"),
) -> Certificate:
    """A trainee whose facts complete the edition: the required lessons done in February, the
    residential attendance confirmed, the enrolment completed on 4 March 2027."""
    user = UserFactory(first_name=first_name, last_name=last_name, email="holder@example.org")
    enrolment = EnrolmentFactory(
        user=user,
        edition=edition,
        status=EnrolmentStatus.COMPLETED,
        residential_attended_at=attended_at,
        completed_at=COMPLETED_AT,
    )
    for day, key in enumerate(lesson_keys, start=1):
        completion = LessonCompletion.objects.create(enrolment=enrolment, lesson=lessons[key])
        LessonCompletion.objects.filter(pk=completion.pk).update(
            completed_at=_aware(2027, 2, day, 12, 0)
        )
    return Certificate.objects.create(enrolment=enrolment)


@pytest.fixture
def certificate(edition, lessons):
    return _certify(edition, lessons)


def _date(value: datetime.date) -> str:
    return value.strftime("%-d %B %Y")


def _pdf(client, certificate, **headers):
    return client.get(reverse("learning:certificate_pdf", args=[certificate.code]), **headers)


def _pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    # Lines wrap where the page is narrow: compare words, not line breaks.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


# The page ---------------------------------------------------------------------------------------


def test_anyone_can_verify_a_certificate_by_its_code(client, certificate, edition):
    response = client.get(reverse("learning:certificate", args=[certificate.code]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Amira Haddad" in html
    assert "Turin 2027" in html
    assert edition.venue in html
    assert _date(edition.residential_start) in html
    assert "4 March 2027" in html
    assert certificate.code in html


def test_the_page_lists_the_phases_completed_with_their_workload(client, certificate, edition):
    html = client.get(reverse("learning:certificate", args=[certificate.code])).content.decode()

    assert texts(html, "dd ul li") == [
        "Pre-training: 2 online modules, 3 hours of study, completed on 3 February 2027",
        f"Residential course: 6 days in {edition.venue}, completed on 4 March 2027",
    ]


def test_the_page_links_its_pdf(client, certificate):
    html = client.get(reverse("learning:certificate", args=[certificate.code])).content.decode()

    assert ("Download PDF", f"/certificates/{certificate.code}/pdf/") in links(html)


def test_the_page_is_printable_and_kept_out_of_search_engines(client, certificate):
    html = client.get(reverse("learning:certificate", args=[certificate.code])).content.decode()

    robots = parse(html).select_one('meta[name="robots"]')
    assert robots is not None and robots["content"].startswith("noindex")
    assert any("@media print" in style.get_text() for style in parse(html).select("style"))


def test_the_page_does_not_publish_the_e_mail_address(client, certificate):
    html = client.get(reverse("learning:certificate", args=[certificate.code])).content.decode()

    assert "holder@example.org" not in html


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


# The PDF ----------------------------------------------------------------------------------------


def test_the_pdf_is_a_download_named_for_the_edition(client, certificate):
    response = _pdf(client, certificate)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="certificate-turin-2027.pdf"'
    assert response.content.startswith(b"%PDF-")


def test_the_pdf_states_holder_edition_dates_phases_and_where_to_verify(
    client, certificate, edition
):
    text = _pdf_text(_pdf(client, certificate))

    assert "Certificate of completion" in text
    assert "Amira Haddad" in text
    assert "Turin 2027" in text
    assert f"{_date(edition.pre_training_start)} – {_date(edition.follow_up_end)}" in text
    assert f"Residential course at {edition.venue}" in text
    assert f"{_date(edition.residential_start)} – {_date(edition.residential_end)}" in text
    assert "Pre-training" in text
    assert "2 online modules, 3 hours of study" in text
    assert "3 February 2027" in text
    assert f"6 days in {edition.venue}" in text
    assert "Edition completed on 4 March 2027." in text
    assert f"http://testserver/certificates/{certificate.code}/" in text
    assert f"Verification code: {certificate.code}" in text


def test_the_pdf_does_not_carry_the_e_mail_address(client, certificate):
    response = _pdf(client, certificate)
    reader = PdfReader(io.BytesIO(response.content))

    assert "holder@example.org" not in _pdf_text(response)
    assert "holder@example.org" not in repr(dict(reader.metadata))


@pytest.mark.parametrize(
    ("first_name", "last_name"),
    [("Zoë", "Ćosić"), ("Ελένη", "Παπαδοπούλου"), ("Ярослава", "Шевченко")],
)
def test_names_in_any_european_script_print_as_written(
    client, edition, lessons, first_name, last_name
):
    certificate = _certify(edition, lessons, first_name=first_name, last_name=last_name)

    assert f"{first_name} {last_name}" in _pdf_text(_pdf(client, certificate))


def test_a_phase_completed_after_the_completion_date_is_not_listed(client, edition, lessons):
    # Attendance recorded the day after the stated completion: the certificate cannot claim it.
    certificate = _certify(edition, lessons, attended_at=_aware(2027, 3, 5, 9, 0))

    text = _pdf_text(_pdf(client, certificate))
    record = certificate_record(code=certificate.code)

    assert [phase.label for phase in record.phases] == ["Pre-training"]
    assert "4 March 2027" in text
    assert "days in" not in text


def test_every_listed_phase_was_complete_by_the_completion_date(certificate):
    record = certificate_record(code=certificate.code)

    assert [phase.label for phase in record.phases] == ["Pre-training", "Residential course"]
    assert all(phase.completed_on <= record.completed_on for phase in record.phases)


def test_a_phase_with_a_required_lesson_missing_is_not_listed(client, edition, lessons):
    certificate = _certify(edition, lessons, lesson_keys=("what", "why"))

    record = certificate_record(code=certificate.code)

    assert [phase.label for phase in record.phases] == ["Residential course"]
    assert "online modules" not in _pdf_text(_pdf(client, certificate))


@pytest.mark.parametrize("code", ["not-a-real-code", "x" * 200, "%20"])
def test_an_unknown_code_has_no_pdf(client, certificate, code):
    response = client.get(f"/certificates/{code}/pdf/")

    assert response.status_code == 404
    assert b"Amira" not in response.content


def test_the_pdf_is_cached_by_the_browser_only_and_revalidated_by_its_etag(client, certificate):
    first = _pdf(client, certificate)

    assert "private" in first["Cache-Control"]
    assert "public" not in first["Cache-Control"]
    assert first["X-Robots-Tag"] == "noindex, nofollow"
    again = _pdf(client, certificate, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_the_etag_changes_when_the_name_on_the_certificate_changes(client, certificate):
    first = _pdf(client, certificate)
    certificate.enrolment.user.last_name = "Haddad-Rossi"
    certificate.enrolment.user.save()

    again = _pdf(client, certificate, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200
    assert "Amira Haddad-Rossi" in _pdf_text(again)


def test_the_same_certificate_gives_the_same_file(certificate):
    record = certificate_record(code=certificate.code)

    assert render_certificate_pdf(record) == render_certificate_pdf(record)


def test_a_certificate_is_set_once_then_served_from_the_cache(client, certificate, monkeypatch):
    rendered = []

    def counting(record):
        rendered.append(record.code)
        return render_certificate_pdf(record)

    monkeypatch.setattr("learning.views.certificates.render_certificate_pdf", counting)
    first, second = _pdf(client, certificate), _pdf(client, certificate)

    assert rendered == [certificate.code]
    assert first.content == second.content


def test_the_pdf_cannot_be_posted_to(client, certificate):
    response = client.post(reverse("learning:certificate_pdf", args=[certificate.code]))

    assert response.status_code == 405


def test_the_pdf_reads_a_fixed_number_of_queries(
    client, certificate, edition, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        response = _pdf(client, certificate)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


# The dashboard --------------------------------------------------------------------------------


def test_the_holder_finds_the_pdf_on_their_dashboard(client, certificate):
    client.force_login(certificate.enrolment.user)

    html = client.get(reverse("learning:dashboard")).content.decode()

    assert (
        "Download PDF of the certificate for Turin 2027",
        f"/certificates/{certificate.code}/pdf/",
    ) in links(html)
