"""The cohort page and its CSV export: who may see them, what they show, how they sort and
filter, the decisions, attendance and feedback posted from them, and their query budgets."""

import csv
import datetime
import io

import pytest
from bs4 import Tag
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from learning.models import (
    CheckAttempt,
    EditionPage,
    Enrolment,
    EnrolmentStatus,
    LessonCompletion,
    Reflection,
)
from learning.views import cohort_table
from tests.cms.factories import UserFactory
from tests.html import cells_by_heading, links, parse, squash, table_rows, text
from tests.learning.conftest import verified
from tests.learning.factories import (
    EditionPageFactory,
    EnrolmentFactory,
    FacilitatorFactory,
    LessonPageFactory,
    ModulePageFactory,
    knowledge_check,
)

pytestmark = [pytest.mark.django_db, pytest.mark.shared_academy]


def cohort_url(edition, section: str = "cohort", **params) -> str:
    url = reverse(f"learning:{section}", args=[edition.slug])
    if params:
        url += "?" + "&".join(f"{key}={value}" for key, value in params.items())
    return url


def trainee_url(edition, enrolment) -> str:
    return reverse("learning:cohort_trainee", args=[edition.slug, enrolment.pk])


def complete(enrolment, *lessons) -> None:
    for lesson in lessons:
        LessonCompletion.objects.create(enrolment=enrolment, lesson=lesson)


def body(response) -> str:
    """The response's text, whether it was sent whole (a page) or streamed (the CSV)."""
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body(response))))


def progress_rows(html) -> dict[str, dict[str, Tag]]:
    """The progress table as a facilitator reads it: each trainee's cells by column heading,
    keyed by the trainee's name."""
    rows = cells_by_heading(parse(html).select_one("table"), strict=True)
    return {
        squash(cells["Trainee"].select_one(".cohort-person").get_text()): cells for cells in rows
    }


def cell_text(cell: Tag) -> str:
    return squash(cell.get_text(" "))


@pytest.fixture
def other_facilitator(academy):
    other = EditionPageFactory(parent=academy, title="Vienna 2028", slug="vienna-2028")
    user = verified("other-facilitator@example.org")
    FacilitatorFactory(edition=other, user=user)
    return user


@pytest.fixture
def people(member, applicant, trainee, other_trainee, other_facilitator, facilitator, editor):
    return {
        "anonymous": None,
        "member": member,
        "applicant": applicant,
        "trainee": trainee,
        "other edition's trainee": other_trainee,
        "other edition's facilitator": other_facilitator,
        "facilitator": facilitator,
        "editor": editor,
    }


@pytest.fixture
def amira(edition, lessons):
    """A trainee from Milan who finished the first module."""
    user = UserFactory(first_name="Amira", last_name="Haddad", email="amira@example.org")
    enrolment = EnrolmentFactory(
        user=user,
        edition=edition,
        organisation="Milan social policy department",
        city="Milan",
        country="Italy",
    )
    complete(enrolment, lessons["what"], lessons["why"])
    return enrolment


@pytest.fixture
def bram(edition, lessons):
    """A trainee from Ghent who has just started."""
    user = UserFactory(first_name="Bram", last_name="Verhoeven", email="bram@example.org")
    enrolment = EnrolmentFactory(
        user=user,
        edition=edition,
        organisation="City of Ghent",
        city="Ghent",
        country="Belgium",
    )
    complete(enrolment, lessons["what"])
    return enrolment


def as_role(client, people, role):
    if people[role] is not None:
        client.force_login(people[role])
    return client


ROLES = [
    "anonymous",
    "member",
    "applicant",
    "trainee",
    "other edition's trainee",
    "other edition's facilitator",
    "facilitator",
    "editor",
]
ALLOWED = {"facilitator", "editor"}


@pytest.mark.parametrize("export", [False, True], ids=["page", "csv"])
@pytest.mark.parametrize("role", ROLES)
def test_only_the_editions_facilitators_and_editors_see_the_cohort(
    client, people, edition, amira, role, export
):
    params = {"format": "csv"} if export else {}
    response = as_role(client, people, role).get(cohort_url(edition, **params))

    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    elif role in ALLOWED:
        assert response.status_code == 200
        assert "Amira Haddad" in body(response)
        assert response["Content-Type"].startswith("text/csv" if export else "text/html")
    else:
        assert response.status_code == 403
        assert "Amira" not in body(response)


@pytest.mark.parametrize("role", ["facilitator", "editor"])
def test_an_unknown_edition_is_not_found(client, people, edition, role):
    response = as_role(client, people, role).get("/learning/no-such-edition/cohort/")

    assert response.status_code == 404


def test_the_matrix_shows_each_trainee_by_module_and_phase(
    client, facilitator, edition, module_one, module_two, amira, bram
):
    client.force_login(facilitator)
    html = client.get(cohort_url(edition)).content.decode()

    rows = progress_rows(html)
    assert set(rows) == {"Amira Haddad", "Bram Verhoeven"}
    amira_row, bram_row = rows["Amira Haddad"], rows["Bram Verhoeven"]
    assert cell_text(amira_row["Trainee"]) == "Amira Haddad Milan, Italy"
    assert cell_text(amira_row["Organisation"]) == "Milan social policy department"
    # Amira finished the first module: a full bar and its text; Bram is half way.
    assert cell_text(amira_row[module_one.title]) == "100% (2 of 2)"
    assert amira_row[module_one.title].select_one("[style]")["style"] == "width: 100%"
    assert cell_text(bram_row[module_one.title]) == "50% (1 of 2)"
    assert cell_text(amira_row[module_two.title]) == "0% (0 of 1)"
    assert cell_text(amira_row["Residential course"]).startswith("Not attended")
    assert cell_text(amira_row["Follow-up"]) == "Not tracked yet"


def names_in_order(html: str, *names: str) -> list[str]:
    shown = text(html)
    return sorted(names, key=shown.index)


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["Amira Haddad", "Bram Verhoeven"]),
        ("-name", ["Bram Verhoeven", "Amira Haddad"]),
        ("organisation", ["Bram Verhoeven", "Amira Haddad"]),
        ("-progress", ["Amira Haddad", "Bram Verhoeven"]),
        ("progress", ["Bram Verhoeven", "Amira Haddad"]),
    ],
)
def test_the_cohort_sorts_by_name_organisation_and_progress(
    client, facilitator, edition, amira, bram, sort, expected
):
    client.force_login(facilitator)
    html = client.get(cohort_url(edition, sort=sort)).content.decode()

    assert names_in_order(html, "Amira Haddad", "Bram Verhoeven") == expected


def test_the_cohort_sorts_by_a_module(client, facilitator, edition, module_one, amira, bram):
    client.force_login(facilitator)
    html = client.get(cohort_url(edition, sort=f"module-{module_one.pk}")).content.decode()
    assert names_in_order(html, "Amira Haddad", "Bram Verhoeven") == [
        "Bram Verhoeven",
        "Amira Haddad",
    ]
    sorted_by = parse(html).select('th[aria-sort="ascending"]')
    assert [cell_text(heading) for heading in sorted_by] == [module_one.title]


@pytest.mark.parametrize(
    ("params", "shown", "hidden"),
    [
        ({"country": "Italy"}, "Amira Haddad", "Bram Verhoeven"),
        ({"q": "ghent"}, "Bram Verhoeven", "Amira Haddad"),
        ({"q": "haddad"}, "Amira Haddad", "Bram Verhoeven"),
        ({"status": "completed"}, None, "Amira Haddad"),
    ],
)
def test_the_cohort_filters_by_country_status_and_text(
    client, facilitator, edition, amira, bram, params, shown, hidden
):
    client.force_login(facilitator)
    html = client.get(cohort_url(edition, **params)).content.decode()
    table = text(html, "section[aria-labelledby=progress-heading]")

    if shown:
        assert shown in table
    assert hidden not in table


@pytest.mark.parametrize(
    "params",
    [
        {"sort": "password"},
        {"sort": "module-999999"},
        {"sort": "-"},
        {"status": "deleted"},
        {"country": "Atlantis"},
        {"q": "x" * 500},
        {"format": "xlsx"},
        {"sort": "name%00"},
        {"page": "-1"},
    ],
)
def test_bad_parameters_are_ignored(client, facilitator, edition, amira, bram, params):
    client.force_login(facilitator)
    response = client.get(cohort_url(edition, **params))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Amira Haddad" in html and "Bram Verhoeven" in html


def test_the_filters_stay_in_the_links(client, facilitator, edition, amira, bram):
    client.force_login(facilitator)
    html = client.get(cohort_url(edition, country="Italy")).content.decode()

    assert ("Trainee", "?country=Italy&sort=-name") in links(html)
    assert ("Download these rows as CSV", "?country=Italy&format=csv") in links(html)


def test_the_csv_has_the_same_rows_and_columns_as_the_page(
    client, facilitator, edition, module_one, module_two, amira, bram
):
    client.force_login(facilitator)
    response = client.get(cohort_url(edition, format="csv", sort="-progress"))

    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="cohort-turin-2027.csv"' in response["Content-Disposition"]
    header, *rows = read_csv(response)
    assert header[:7] == [
        "Name",
        "E-mail",
        "Organisation",
        "City",
        "Country",
        "Status",
        "Overall (%)",
    ]
    assert header[7:9] == [f"Module: {module_one.title} (%)", f"Module: {module_two.title} (%)"]
    assert header[9:] == [
        "Pre-training (%)",
        "Residential course",
        "Follow-up",
        "Check attempts",
    ]
    assert [row[0] for row in rows] == ["Amira Haddad", "Bram Verhoeven"]
    amira_row = dict(zip(header, rows[0], strict=True))
    assert amira_row["Country"] == "Italy"
    assert amira_row[f"Module: {module_one.title} (%)"] == "100"
    assert amira_row[f"Module: {module_two.title} (%)"] == "0"
    assert amira_row["Residential course"] == "Not attended"
    assert amira_row["Follow-up"] == "Not tracked yet"


def test_the_csv_follows_the_filters(client, facilitator, edition, amira, bram):
    client.force_login(facilitator)
    response = client.get(cohort_url(edition, format="csv", country="Belgium"))

    assert [row[0] for row in read_csv(response)[1:]] == ["Bram Verhoeven"]


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_the_csv_neutralises_spreadsheet_formulas(client, facilitator, edition, lessons, start):
    EnrolmentFactory(
        edition=edition,
        user=UserFactory(first_name=f"{start}cmd", last_name="Evil"),
        organisation=f'{start}HYPERLINK("http://example.com","click")',
        city=f"{start}1+1",
    )
    client.force_login(facilitator)
    header, row = read_csv(client.get(cohort_url(edition, format="csv")))

    values = dict(zip(header, row, strict=True))
    assert values["Organisation"] == f'\'{start}HYPERLINK("http://example.com","click")'
    assert values["City"] == f"'{start}1+1"
    assert values["Name"].startswith(f"'{start}cmd")


def test_the_sections_are_linked_and_the_waiting_applications_lead_to_theirs(
    client, facilitator, edition, amira, applicant
):
    client.force_login(facilitator)
    html = client.get(cohort_url(edition)).content.decode()

    sections = links(html, "nav.cohort-sections")
    assert sections == [
        ("Progress", cohort_url(edition)),
        ("Applications", cohort_url(edition, "cohort_applications")),
        ("Shared reflections", cohort_url(edition, "cohort_reflections")),
    ]
    assert parse(html).select_one("nav.cohort-sections [aria-current]").get_text() == "Progress"
    assert (
        "1 application waits for a decision.",
        cohort_url(edition, "cohort_applications") + "#applications-heading",
    ) in links(html)


def test_each_trainee_name_leads_to_their_record(client, facilitator, edition, amira, bram):
    client.force_login(facilitator)
    html = client.get(cohort_url(edition)).content.decode()

    assert ("Amira Haddad", trainee_url(edition, amira)) in links(html, "table")
    assert ("Bram Verhoeven", trainee_url(edition, bram)) in links(html, "table")


def test_the_progress_shows_one_page_at_a_time_and_keeps_the_filters(
    client, facilitator, edition, amira, bram, monkeypatch
):
    monkeypatch.setattr(cohort_table, "ROWS_PER_PAGE", 1)
    client.force_login(facilitator)

    first = client.get(cohort_url(edition, sort="-name")).content.decode()
    second = client.get(cohort_url(edition, sort="-name", page=2)).content.decode()

    assert list(progress_rows(first)) == ["Bram Verhoeven"]
    assert list(progress_rows(second)) == ["Amira Haddad"]
    assert "2 trainees shown." in text(first)
    assert ("Next", "?sort=-name&page=2") in links(first, "nav.pagination")
    # The CSV is the whole filtered set, whatever page the facilitator is on.
    assert ("Download these rows as CSV", "?sort=-name&format=csv") in links(second)


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("phase-pre_training", ["Bram Verhoeven", "Amira Haddad"]),
        ("-phase-pre_training", ["Amira Haddad", "Bram Verhoeven"]),
        ("-phase-residential", ["Bram Verhoeven", "Amira Haddad"]),
    ],
)
def test_the_cohort_sorts_by_a_phase(client, facilitator, edition, amira, bram, sort, expected):
    Enrolment.objects.filter(pk=bram.pk).update(residential_attended_at=timezone.now())
    client.force_login(facilitator)

    html = client.get(cohort_url(edition, sort=sort)).content.decode()

    assert names_in_order(html, "Amira Haddad", "Bram Verhoeven") == expected


def test_the_cohort_filters_those_who_have_a_phase_left_to_do(
    client, facilitator, edition, amira, bram
):
    Enrolment.objects.filter(pk=bram.pk).update(residential_attended_at=timezone.now())
    client.force_login(facilitator)

    html = client.get(cohort_url(edition, incomplete="residential")).content.decode()
    exported = read_csv(client.get(cohort_url(edition, incomplete="residential", format="csv")))

    assert list(progress_rows(html)) == ["Amira Haddad"]
    assert [row[0] for row in exported[1:]] == ["Amira Haddad"]


def test_the_csv_counts_each_trainees_check_attempts(
    client, facilitator, edition, lessons, amira, bram
):
    for score in (40, 100):
        CheckAttempt.objects.create(
            enrolment=amira, lesson=lessons["why"], block_id="check", score=score, passed=score > 50
        )
    client.force_login(facilitator)

    header, *rows = read_csv(client.get(cohort_url(edition, format="csv")))

    attempts = {row[0]: dict(zip(header, row, strict=True))["Check attempts"] for row in rows}
    assert attempts == {"Amira Haddad": "2", "Bram Verhoeven": "0"}


# ----------------------------------------------------------------------- decisions


def decide(client, edition, enrolment, decision, note=""):
    return client.post(
        reverse("learning:cohort_decide", args=[edition.slug, enrolment.pk]),
        {"decision": decision, "note": note},
    )


def test_the_facilitator_sees_and_accepts_an_application(
    client, facilitator, edition, applicant, django_capture_on_commit_callbacks
):
    enrolment = applicant.enrolments.get()
    client.force_login(facilitator)
    html = client.get(cohort_url(edition, "cohort_applications")).content.decode()
    assert "Applications to decide" in html
    assert enrolment.motivation in html

    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client, edition, enrolment, "accept", note="Welcome aboard")

    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ACCEPTED
    assert enrolment.decided_by == facilitator
    assert [message.to for message in mail.outbox] == [["applicant@example.org"]]
    page = client.get(response["Location"]).content.decode()
    assert "is accepted" in page


def test_the_editor_declines_an_application_with_a_note(
    client, editor, edition, applicant, django_capture_on_commit_callbacks
):
    enrolment = applicant.enrolments.get()
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        decide(client, edition, enrolment, "decline", note="The edition is for city staff.")

    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.DECLINED
    assert enrolment.decision_note == "The edition is for city staff."
    assert len(mail.outbox) == 1


def test_accepting_into_a_full_edition_is_refused_with_a_message(
    client, facilitator, edition, trainee, applicant, django_capture_on_commit_callbacks
):
    edition.capacity = 1
    edition.save()
    enrolment = applicant.enrolments.get()
    client.force_login(facilitator)

    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client, edition, enrolment, "accept")

    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.APPLIED
    assert mail.outbox == []
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages and "full" in " ".join(messages).lower()


@pytest.mark.parametrize("role", ["member", "applicant", "trainee", "other edition's facilitator"])
def test_only_facilitators_and_editors_decide(client, people, edition, applicant, role):
    enrolment = applicant.enrolments.get()
    response = decide(as_role(client, people, role), edition, enrolment, "accept")

    assert response.status_code == 403
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.APPLIED


def test_an_anonymous_decision_goes_to_the_login_page(client, people, edition, applicant):
    enrolment = applicant.enrolments.get()
    response = decide(client, edition, enrolment, "accept")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.APPLIED


def test_a_junk_decision_changes_nothing(client, facilitator, edition, applicant):
    enrolment = applicant.enrolments.get()
    client.force_login(facilitator)

    response = decide(client, edition, enrolment, "promote")

    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.APPLIED


def test_an_enrolment_of_another_edition_is_not_found(client, facilitator, edition, other_trainee):
    client.force_login(facilitator)
    response = decide(client, edition, other_trainee.enrolments.get(), "decline")

    assert response.status_code == 404
    assert other_trainee.enrolments.get().status == EnrolmentStatus.ACCEPTED


def test_deciding_only_accepts_post(client, facilitator, edition, applicant):
    client.force_login(facilitator)
    enrolment = applicant.enrolments.get()
    url = reverse("learning:cohort_decide", args=[edition.slug, enrolment.pk])

    assert client.get(url, {"decision": "accept"}).status_code == 405
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.APPLIED
    assert mail.outbox == []


@pytest.fixture
def second_applicant(edition):
    user = verified("second-applicant@example.org")
    return EnrolmentFactory(user=user, edition=edition, status=EnrolmentStatus.APPLIED)


def decide_together(client, edition, enrolments, decision, note=""):
    return client.post(
        reverse("learning:cohort_decide_bulk", args=[edition.slug]),
        {"decision": decision, "note": note, "enrolments": [e.pk for e in enrolments]},
    )


@pytest.mark.parametrize("role", ROLES)
def test_only_the_editions_facilitators_and_editors_see_the_applications(
    client, people, edition, applicant, role
):
    response = as_role(client, people, role).get(cohort_url(edition, "cohort_applications"))

    if role == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))
    elif role in ALLOWED:
        assert "Applications to decide" in text(response)
        assert applicant.enrolments.get().motivation in text(response)
    else:
        assert response.status_code == 403
        assert applicant.enrolments.get().motivation not in response.content.decode()


def test_the_facilitator_accepts_several_applications_together(
    client,
    facilitator,
    edition,
    applicant,
    second_applicant,
    django_capture_on_commit_callbacks,
):
    first = applicant.enrolments.get()
    client.force_login(facilitator)

    with django_capture_on_commit_callbacks(execute=True):
        response = decide_together(client, edition, [first, second_applicant], "accept", "Hello")

    assert response["Location"] == cohort_url(edition, "cohort_applications")
    for enrolment in (first, second_applicant):
        enrolment.refresh_from_db()
        assert enrolment.status == EnrolmentStatus.ACCEPTED
        assert enrolment.decision_note == "Hello"
    assert len(mail.outbox) == 2
    page = text(client.get(response["Location"]))
    assert "2 applications accepted" in page
    assert "No application is waiting." in page


def test_a_full_edition_accepts_as_many_as_fit_and_says_who_was_refused(
    client, facilitator, edition, applicant, second_applicant
):
    edition.capacity = 1
    edition.save()
    first = applicant.enrolments.get()
    client.force_login(facilitator)

    response = decide_together(client, edition, [first, second_applicant], "accept")

    statuses = sorted(
        Enrolment.objects.filter(pk__in=[first.pk, second_applicant.pk]).values_list(
            "status", flat=True
        )
    )
    assert statuses == [EnrolmentStatus.ACCEPTED, EnrolmentStatus.APPLIED]
    messages = " ".join(str(m) for m in response.wsgi_request._messages)
    assert "1 application accepted" in messages
    assert "This edition is full" in messages


def test_declining_together_needs_a_ticked_application(client, facilitator, edition, applicant):
    client.force_login(facilitator)

    response = decide_together(client, edition, [], "decline")

    assert "Tick at least one application first." in text(client.get(response["Location"]))
    assert applicant.enrolments.get().status == EnrolmentStatus.APPLIED


def test_an_application_of_another_edition_cannot_be_ticked(
    client, facilitator, edition, applicant, academy
):
    other = EditionPageFactory(parent=academy, title="Lyon 2028", slug="lyon-2028")
    stranger = EnrolmentFactory(edition=other, status=EnrolmentStatus.APPLIED)
    client.force_login(facilitator)

    decide_together(client, edition, [applicant.enrolments.get(), stranger], "decline")

    stranger.refresh_from_db()
    assert stranger.status == EnrolmentStatus.APPLIED
    # The whole batch is refused: nothing is half decided.
    assert applicant.enrolments.get().status == EnrolmentStatus.APPLIED


@pytest.mark.parametrize("role", ["member", "trainee", "other edition's facilitator"])
def test_only_facilitators_and_editors_decide_together(client, people, edition, applicant, role):
    enrolment = applicant.enrolments.get()
    response = decide_together(as_role(client, people, role), edition, [enrolment], "accept")

    assert response.status_code == 403
    assert applicant.enrolments.get().status == EnrolmentStatus.APPLIED


def test_an_anonymous_decision_together_goes_to_the_login_page(client, edition, applicant):
    response = decide_together(client, edition, [applicant.enrolments.get()], "accept")

    assert response["Location"].startswith(reverse("account_login"))
    assert applicant.enrolments.get().status == EnrolmentStatus.APPLIED


# ----------------------------------------------------------------------- attendance


def mark(client, edition, enrolment, attended: str):
    return client.post(
        reverse("learning:cohort_attendance", args=[edition.slug, enrolment.pk]),
        {"attended": attended, "next": cohort_url(edition, country="Italy")},
    )


@pytest.fixture
def residential_begun(edition):
    """The edition's residential course began yesterday."""
    today = timezone.localdate()
    EditionPage.objects.filter(pk=edition.pk).update(
        pre_training_end=today - datetime.timedelta(days=2),
        residential_start=today - datetime.timedelta(days=1),
        residential_end=today + datetime.timedelta(days=4),
    )
    edition.refresh_from_db()
    return edition


def attendance_cell(html, name):
    return progress_rows(html)[name]["Residential course"]


def test_before_the_residential_course_no_attendance_can_be_marked(
    client, facilitator, edition, amira
):
    client.force_login(facilitator)
    start = edition.residential_start.strftime("%-d %B %Y")

    html = client.get(cohort_url(edition)).content.decode()

    cell = attendance_cell(html, "Amira Haddad")
    assert cell_text(cell) == f"Not attended Can be confirmed from {start}, when the course begins"
    assert cell.find("button") is None


def test_marking_attendance_too_early_is_refused_in_the_trainees_row(
    client, facilitator, edition, amira
):
    client.force_login(facilitator)
    start = edition.residential_start.strftime("%-d %B %Y")

    response = mark(client, edition, amira, "1")

    # Back to the same filters, at Amira's row, where the facilitator pressed the button.
    assert response["Location"] == f"{cohort_url(edition, country='Italy')}#attendance-{amira.pk}"
    amira.refresh_from_db()
    assert amira.residential_attended_at is None
    html = client.get(response["Location"]).content.decode()
    refusal = (
        f"The residential course begins on {start}: attendance can be confirmed from that day."
    )
    assert refusal in cell_text(attendance_cell(html, "Amira Haddad"))
    assert text(html).count(refusal) == 1
    # Shown once: the next visit no longer carries it.
    assert refusal not in client.get(cohort_url(edition)).content.decode()


def test_attendance_marked_too_early_can_still_be_undone(client, facilitator, edition, amira):
    Enrolment.objects.filter(pk=amira.pk).update(residential_attended_at=timezone.now())
    client.force_login(facilitator)

    cell = attendance_cell(client.get(cohort_url(edition)).content.decode(), "Amira Haddad")
    assert "Undo attendance of Amira Haddad" in cell_text(cell)

    mark(client, edition, amira, "0")

    amira.refresh_from_db()
    assert amira.residential_attended_at is None


def test_the_facilitator_marks_residential_attendance_and_can_undo_it(
    client, facilitator, residential_begun, amira
):
    edition = residential_begun
    client.force_login(facilitator)

    response = mark(client, edition, amira, "1")

    assert response["Location"] == f"{cohort_url(edition, country='Italy')}#attendance-{amira.pk}"
    amira.refresh_from_db()
    assert amira.residential_attended_at is not None
    assert amira.is_alumnus
    html = client.get(cohort_url(edition)).content.decode()
    assert "Undo attendance" in html

    mark(client, edition, amira, "0")
    amira.refresh_from_db()
    assert amira.residential_attended_at is None


@pytest.mark.parametrize("role", ["member", "trainee", "other edition's facilitator"])
def test_only_facilitators_and_editors_mark_attendance(client, people, edition, amira, role):
    response = mark(as_role(client, people, role), edition, amira, "1")

    assert response.status_code == 403
    amira.refresh_from_db()
    assert amira.residential_attended_at is None


def test_a_foreign_next_address_is_not_followed(client, facilitator, residential_begun, amira):
    edition = residential_begun
    client.force_login(facilitator)
    response = client.post(
        reverse("learning:cohort_attendance", args=[edition.slug, amira.pk]),
        {"attended": "1", "next": "https://evil.example.com/"},
    )

    assert response["Location"] == f"{cohort_url(edition)}#attendance-{amira.pk}"


# ----------------------------------------------------------------------- reflections


@pytest.fixture
def shared_reflection(amira, lessons):
    return Reflection.objects.create(
        enrolment=amira,
        lesson=lessons["why"],
        block_id="prompt-1",
        text="Our welcome desk works because the library was next door.",
        shared_with_facilitators=True,
    )


@pytest.fixture
def private_reflection(bram, lessons):
    return Reflection.objects.create(
        enrolment=bram,
        lesson=lessons["why"],
        block_id="prompt-1",
        text="A private thought about our budget.",
        shared_with_facilitators=False,
    )


def feedback(client, edition, reflection, text):
    return client.post(
        reverse("learning:cohort_feedback", args=[edition.slug, reflection.pk]),
        {"text": text},
    )


def test_facilitators_read_shared_reflections_only(
    client, facilitator, edition, shared_reflection, private_reflection
):
    client.force_login(facilitator)
    html = client.get(cohort_url(edition, "cohort_reflections")).content.decode()

    assert "the library was next door" in html
    assert "A private thought" not in html


def test_the_facilitator_answers_a_shared_reflection(
    client, facilitator, edition, shared_reflection
):
    client.force_login(facilitator)

    feedback(client, edition, shared_reflection, "Think about who else could co-fund it.")

    shared_reflection.refresh_from_db()
    assert shared_reflection.feedback == "Think about who else could co-fund it."
    assert shared_reflection.feedback_by == facilitator
    html = client.get(cohort_url(edition, "cohort_reflections")).content.decode()
    assert "who else could co-fund it" in html


def test_feedback_on_a_private_reflection_is_not_found(
    client, facilitator, edition, private_reflection
):
    client.force_login(facilitator)

    response = feedback(client, edition, private_reflection, "Peeking")

    assert response.status_code == 404
    private_reflection.refresh_from_db()
    assert private_reflection.feedback == ""


def test_feedback_to_a_trainee_who_withdrew_is_not_found(
    client, facilitator, edition, shared_reflection
):
    # The cohort page no longer lists their reflection; a direct post must not reach it either.
    shared_reflection.enrolment.status = EnrolmentStatus.WITHDRAWN
    shared_reflection.enrolment.save()
    client.force_login(facilitator)

    response = feedback(client, edition, shared_reflection, "Too late")

    assert response.status_code == 404
    shared_reflection.refresh_from_db()
    assert shared_reflection.feedback == ""


def test_empty_feedback_is_refused_with_a_message(client, facilitator, edition, shared_reflection):
    client.force_login(facilitator)

    response = feedback(client, edition, shared_reflection, "   ")

    shared_reflection.refresh_from_db()
    assert shared_reflection.feedback == ""
    assert "Write some feedback" in " ".join(str(m) for m in response.wsgi_request._messages)


@pytest.mark.parametrize("role", ["trainee", "other edition's facilitator", "member"])
def test_only_facilitators_and_editors_give_feedback(
    client, people, edition, shared_reflection, role
):
    response = feedback(as_role(client, people, role), edition, shared_reflection, "Hi")

    assert response.status_code == 403
    shared_reflection.refresh_from_db()
    assert shared_reflection.feedback == ""


@pytest.fixture
def prompt_lesson(module_two):
    """An optional lesson with a reflection prompt and a knowledge check, with fixed ids."""
    return LessonPageFactory(
        parent=module_two,
        title="Partners",
        slug="partners",
        is_required=False,
        body=[
            {
                "type": "reflection",
                "id": "partners-prompt",
                "value": {"prompt": "<p>Which <b>partner</b> made your measure work?</p>"},
            },
            {"type": "knowledge_check", "id": "partners-check", "value": knowledge_check()},
        ],
    )


@pytest.fixture
def answered(amira, bram, prompt_lesson):
    """Amira's shared answer has feedback; Bram's shared answer waits; Bram's private one
    stays his."""
    done = Reflection.objects.create(
        enrolment=amira,
        lesson=prompt_lesson,
        block_id="partners-prompt",
        text="The housing association, which knew every family.",
        shared_with_facilitators=True,
        feedback="Who else could take that role?",
    )
    waiting = Reflection.objects.create(
        enrolment=bram,
        lesson=prompt_lesson,
        block_id="partners-prompt",
        text="The public library, open every evening.",
        shared_with_facilitators=True,
    )
    return done, waiting


@pytest.mark.parametrize("role", ROLES)
def test_only_the_editions_facilitators_and_editors_read_the_reflections(
    client, people, edition, answered, role
):
    response = as_role(client, people, role).get(cohort_url(edition, "cohort_reflections"))

    if role == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))
    elif role in ALLOWED:
        assert "The public library, open every evening." in text(response)
    else:
        assert response.status_code == 403
        assert "public library" not in response.content.decode()


def test_each_reflection_is_shown_beside_its_question(client, facilitator, edition, answered):
    client.force_login(facilitator)
    page = parse(client.get(cohort_url(edition, "cohort_reflections")))

    item = page.select_one(f"#reflection-{answered[1].pk}")
    shown = squash(item.get_text(" "))
    assert "The question Which partner made your measure work?" in shown
    assert "The answer The public library, open every evening." in shown
    assert item.select_one("textarea[name=text]") is not None
    assert (
        "Bram Verhoeven",
        trainee_url(edition, answered[1].enrolment),
    ) in links(str(item))


def test_the_reflections_filter_those_that_need_feedback(client, facilitator, edition, answered):
    client.force_login(facilitator)

    html = client.get(cohort_url(edition, "cohort_reflections", waiting=1)).content.decode()

    assert "The public library" in html
    assert "The housing association" not in html
    assert "1 reflection shown." in text(html)


def test_the_reflections_come_a_page_at_a_time(client, facilitator, edition, answered, monkeypatch):
    from learning.views import cohort as cohort_views

    monkeypatch.setattr(cohort_views, "REFLECTIONS_PER_PAGE", 1)
    client.force_login(facilitator)

    first = text(client.get(cohort_url(edition, "cohort_reflections")))
    second = text(client.get(cohort_url(edition, "cohort_reflections", page=2)))

    # The newest first: Bram wrote last.
    assert "The public library" in first and "The housing association" not in first
    assert "The housing association" in second and "The public library" not in second


def test_feedback_returns_to_the_reflection_it_answers(client, facilitator, edition, answered):
    client.force_login(facilitator)
    url = cohort_url(edition, "cohort_reflections", waiting=1)

    response = client.post(
        reverse("learning:cohort_feedback", args=[edition.slug, answered[1].pk]),
        {"text": "Evening hours matter.", "next": url},
    )

    assert response["Location"] == f"{url}#reflection-{answered[1].pk}"
    answered[1].refresh_from_db()
    assert answered[1].feedback == "Evening hours matter."


# ----------------------------------------------------------------------- one trainee


@pytest.mark.parametrize("role", ROLES)
def test_only_the_editions_facilitators_and_editors_see_a_trainees_record(
    client, people, edition, amira, role
):
    response = as_role(client, people, role).get(trainee_url(edition, amira))

    if role == "anonymous":
        assert response["Location"].startswith(reverse("account_login"))
    elif role in ALLOWED:
        assert "amira@example.org" in text(response)
    else:
        assert response.status_code == 403
        assert "Amira" not in response.content.decode()


def test_a_trainees_record_shows_progress_shared_reflections_and_attempts(
    client, facilitator, edition, module_one, amira, answered, prompt_lesson, lessons
):
    Reflection.objects.create(
        enrolment=amira,
        lesson=lessons["why"],
        block_id="private",
        text="A private note on our budget.",
    )
    for score in (50, 100):
        CheckAttempt.objects.create(
            enrolment=amira,
            lesson=prompt_lesson,
            block_id="partners-check",
            score=score,
            passed=score == 100,
        )
    client.force_login(facilitator)

    response = client.get(trainee_url(edition, amira))
    page = text(response)

    assert "Functioning practices" in page and "2 of 2 required lessons" in page
    assert "What functions: completed on" in page
    assert "What transfers: not completed" in page
    assert "Which partner made your measure work?" in page
    assert "The housing association, which knew every family." in page
    assert "Who else could take that role?" in page
    assert "A private note" not in response.content.decode()
    attempts = table_rows(response, "section[aria-labelledby=trainee-attempts-heading] table")
    assert [(row[0], row[1], row[3], row[4]) for row in attempts[1:]] == [
        ("Partners", "Check your understanding", "50%", "Not passed"),
        ("Partners", "Check your understanding", "100%", "Passed"),
    ]


def test_a_trainee_of_another_edition_or_an_applicant_has_no_record_here(
    client, facilitator, edition, other_trainee, applicant
):
    client.force_login(facilitator)

    assert client.get(trainee_url(edition, other_trainee.enrolments.get())).status_code == 404
    assert client.get(trainee_url(edition, applicant.enrolments.get())).status_code == 404
    missing = reverse("learning:cohort_trainee", args=[edition.slug, 999999])
    assert client.get(missing).status_code == 404


def test_another_editions_facilitator_cannot_read_through_their_own_edition(
    client, people, edition, amira
):
    """The record's address names the edition: swapping in one's own edition finds nobody."""
    client.force_login(people["other edition's facilitator"])

    response = client.get(reverse("learning:cohort_trainee", args=["vienna-2028", amira.pk]))

    assert response.status_code == 404


# ----------------------------------------------------------------------- query budgets


def build_cohort(edition, *, trainees: int, lessons_per_module: int) -> None:
    modules = [ModulePageFactory(parent=edition) for _ in range(4)]
    lessons = [
        LessonPageFactory(parent=module) for module in modules for _ in range(lessons_per_module)
    ]
    for number in range(trainees):
        enrolment = EnrolmentFactory(
            edition=edition,
            status=EnrolmentStatus.COMPLETED if number % 7 == 0 else EnrolmentStatus.ACCEPTED,
            country=["Italy", "Belgium", "Sweden"][number % 3],
            residential_attended_at=timezone.now() if number % 3 == 0 else None,
        )
        complete(enrolment, *lessons[: number % (len(lessons) + 1)])
        if number % 4 == 0:
            Reflection.objects.create(
                enrolment=enrolment,
                lesson=lessons[0],
                block_id="prompt",
                text="Shared thought",
                shared_with_facilitators=True,
            )
    for _ in range(3):
        EnrolmentFactory(edition=edition, status=EnrolmentStatus.APPLIED)


# Measured at 5 and 200 trainees alike: the progress page 17 queries (session and user 2, the
# permission checks 2, the edition and its structure 3, enrolments 1, completion counts per module
# 1, the agenda's required sessions 1, waiting applications 1, site, menu and footer around it), 20
# on the very first visit that creates the footer settings; the CSV 10, applications 13,
# reflections 15, one trainee 19.
QUERY_BUDGET = {"page": 20, "csv": 20, "applications": 20, "reflections": 20, "trainee": 20}


@pytest.mark.parametrize(
    ("trainees", "lessons_per_module"), [(5, 1), (200, 10)], ids=["small", "large"]
)
def test_the_cohort_runs_a_fixed_number_of_queries(
    client, facilitator, edition, django_assert_max_num_queries, trainees, lessons_per_module
):
    edition.capacity = None
    edition.save()
    build_cohort(edition, trainees=trainees, lessons_per_module=lessons_per_module)
    client.force_login(facilitator)
    first = Enrolment.objects.filter(edition=edition).active().first()
    urls = {
        "page": cohort_url(edition, sort="-progress"),
        "csv": cohort_url(edition, format="csv", sort="-progress"),
        "applications": cohort_url(edition, "cohort_applications"),
        "reflections": cohort_url(edition, "cohort_reflections"),
        "trainee": reverse("learning:cohort_trainee", args=[edition.slug, first.pk]),
    }
    content = {}
    for view, url in urls.items():
        with django_assert_max_num_queries(QUERY_BUDGET[view]):
            response = client.get(url)
            content[view] = body(response)
        assert response.status_code == 200, view

    assert len(list(csv.reader(io.StringIO(content["csv"])))) == trainees + 1
    # One page of trainees at most, however large the cohort.
    assert len(parse(content["page"]).select("table tbody tr")) == min(trainees, 50)
    assert len(parse(content["applications"]).select("input[name=enrolments]")) == 3
    shared = (trainees + 3) // 4
    assert len(parse(content["reflections"]).select("textarea[name=text]")) == min(shared, 20)
    assert first.user.email in content["trainee"]
