"""My learning: a trainee's enrolments, progress, reflections and certificates."""

import pytest
from django.urls import reverse

from learning import services
from learning.models import Certificate, Enrolment, EnrolmentStatus, Reflection
from tests.html import hrefs, links, parse, text
from tests.learning.conftest import verified
from tests.learning.factories import (
    EditionPageFactory,
    EnrolmentFactory,
    FacilitatorFactory,
    LessonPageFactory,
    ModulePageFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.shared_academy]

URL = "/learning/dashboard/"


def dashboard(client, user) -> str:
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def test_visitor_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_member_without_enrolments_is_pointed_at_the_academy(client, academy, member):
    html = dashboard(client, member)
    assert "You are not enrolled in any edition yet." in html
    assert ("See the academy's editions", academy.url) in links(html)


def test_header_links_to_my_learning_for_signed_in_people_only(client, home, member):
    anonymous = client.get("/")
    assert "My learning" not in text(anonymous) and URL not in hrefs(anonymous)
    client.force_login(member)
    assert ("My learning", URL) in links(client.get("/"))


def test_trainee_sees_real_progress_after_completing_a_lesson(client, edition, lessons, trainee):
    html = dashboard(client, trainee)
    assert "0 of 2 required lessons" in text(html)
    assert ("Continue where you left off", lessons["what"].url) in links(html)
    assert "Next: What functions" in text(html)

    enrolment = Enrolment.objects.get(user=trainee)
    services.lesson_complete(enrolment=enrolment, lesson=lessons["what"])
    html = dashboard(client, trainee)

    assert "1 of 2 required lessons" in html and "(50%)" in html
    assert "Next: Why context matters" in html
    assert "Continue where you left off" in html
    # Phases: pre-training measured from lessons, follow-up not yet tracked.
    assert "Pre-training" in html and "Not tracked on the platform yet." in html
    # The second module waits for the first, and says so.
    assert "Opens once you complete every required lesson of the module" in html
    assert "Still needed for your certificate" in html


def test_reflections_show_privacy_and_facilitator_feedback(
    client, edition, lessons, trainee, facilitator
):
    enrolment = Enrolment.objects.get(user=trainee)
    Reflection.objects.create(
        enrolment=enrolment,
        lesson=lessons["what"],
        block_id="r1",
        text="In Vejle the job centre already works this way.",
        shared_with_facilitators=True,
        feedback="Compare it with the Hamburg practice.",
        feedback_by=facilitator,
    )
    Reflection.objects.create(
        enrolment=enrolment, lesson=lessons["why"], block_id="r2", text="Only for me."
    )

    html = dashboard(client, trainee)

    assert "In Vejle the job centre already works this way." in html
    assert (
        "Shared with the facilitators" in html and "Compare it with the Hamburg practice." in html
    )
    assert "Only for me." in html and "Private: only you can read it" in html


def test_certificates_and_pending_applications_are_listed(client, academy, edition, trainee):
    enrolment = Enrolment.objects.get(user=trainee)
    enrolment.status = EnrolmentStatus.COMPLETED
    enrolment.save()
    certificate = Certificate.objects.create(enrolment=enrolment)
    later = EditionPageFactory(parent=academy, title="Vienna 2028")
    EnrolmentFactory(user=trainee, edition=later, status=EnrolmentStatus.APPLIED)

    html = dashboard(client, trainee)

    assert ("Turin 2027", f"/certificates/{certificate.code}/") in links(html)
    assert "Applications awaiting a decision" in html and "Vienna 2028" in html


def test_another_editions_trainee_sees_only_their_own(client, edition, lessons, other_trainee):
    html = dashboard(client, other_trainee)
    assert "Brussels 2027" in html and "Turin 2027" not in html


def _edition_with(academy, n_lessons: int):
    edition = EditionPageFactory(parent=academy)
    per_module = max(1, n_lessons // 4)
    for _module in range(min(4, n_lessons)):
        module = ModulePageFactory(parent=edition)
        LessonPageFactory.create_batch(per_module, parent=module)
    return edition


@pytest.mark.parametrize(("editions", "lessons"), [(1, 4), (3, 40)])
def test_dashboard_runs_a_fixed_number_of_queries(
    client, academy, django_assert_max_num_queries, editions, lessons
):
    person = verified("busy@example.org")
    for _ in range(editions):
        edition = _edition_with(academy, lessons)
        enrolment = EnrolmentFactory(user=person, edition=edition, status=EnrolmentStatus.ACCEPTED)
        first_lesson = edition.get_descendants().type(LessonPageFactory._meta.model).first()
        services.lesson_complete(enrolment=enrolment, lesson=first_lesson.specific)
        Reflection.objects.create(
            enrolment=enrolment, lesson=first_lesson.specific, block_id="r", text="A thought."
        )
    client.force_login(person)
    client.get(URL)

    # Session and user 2, enrolments 1, modules and lessons 2, completions 1, reflections 1,
    # editions the person facilitates 1 (none here), calendar feeds 1; the site's header and
    # footer 6.
    with django_assert_max_num_queries(15):
        response = client.get(URL)

    assert response.content.decode().count("A thought.") == editions


# ------------------------------------------------------------ editions I facilitate


def test_a_facilitator_finds_each_cohort_with_what_waits_there(
    client, edition, lessons, facilitator, applicant, trainee, other_trainee
):
    enrolment = Enrolment.objects.get(user=trainee)
    waiting = {"shared_with_facilitators": True, "text": "A thought."}
    Reflection.objects.create(enrolment=enrolment, lesson=lessons["what"], block_id="a", **waiting)
    Reflection.objects.create(enrolment=enrolment, lesson=lessons["why"], block_id="b", **waiting)
    # Neither answered feedback, nor a private reflection, nor another edition's waits here.
    Reflection.objects.create(
        enrolment=enrolment, lesson=lessons["transfer"], block_id="c", feedback="Thanks", **waiting
    )
    Reflection.objects.create(
        enrolment=enrolment, lesson=lessons["extra"], block_id="d", text="Only for me."
    )
    Reflection.objects.create(
        enrolment=other_trainee.enrolments.get(), lesson=lessons["what"], block_id="e", **waiting
    )
    cohort = reverse("learning:cohort", args=[edition.slug])

    html = dashboard(client, facilitator)

    assert "Editions I facilitate" in text(html)
    assert ("Cohort of Turin 2027", cohort) in links(html)
    assert (
        "1 application waits for a decision",
        f"{cohort}applications/#applications-heading",
    ) in links(html)
    assert (
        "2 shared reflections wait for feedback",
        f"{cohort}reflections/?waiting=1#reflections-heading",
    ) in links(html)
    # No enrolment of their own, and the page does not pretend it is empty.
    assert "You are not enrolled in any edition yet." not in text(html)


def test_the_anchors_the_dashboard_links_to_exist_on_the_cohort_sections(
    client, edition, facilitator
):
    client.force_login(facilitator)

    for section, anchor in (
        ("cohort_applications", "applications-heading"),
        ("cohort_reflections", "reflections-heading"),
    ):
        page = parse(client.get(reverse(f"learning:{section}", args=[edition.slug])))
        assert page.find(id=anchor) is not None


def test_a_facilitator_who_is_also_a_trainee_sees_both(client, academy, edition, trainee):
    other = EditionPageFactory(parent=academy, title="Vienna 2028")
    FacilitatorFactory(edition=other, user=trainee)

    html = text(dashboard(client, trainee))

    assert "Editions I facilitate" in html and "Cohort of Vienna 2028" in html
    assert "Cohort of Turin 2027" not in html
    assert "No application waits for a decision" in html
    assert "No shared reflection waits for feedback" in html
    assert "Continue where you left off" in html


@pytest.mark.parametrize("role", ["member", "trainee", "applicant", "editor"])
def test_only_facilitators_see_editions_they_facilitate(
    client, edition, member, trainee, applicant, editor, role
):
    person = {"member": member, "trainee": trainee, "applicant": applicant, "editor": editor}[role]

    html = text(dashboard(client, person))

    assert "Editions I facilitate" not in html
    assert "Cohort of" not in html


@pytest.mark.parametrize("editions", [1, 6])
def test_the_facilitated_editions_cost_a_fixed_number_of_queries(
    client, academy, django_assert_max_num_queries, editions
):
    person = verified("facilitator-of-many@example.org")
    for number in range(editions):
        edition = _edition_with(academy, 4)
        FacilitatorFactory(edition=edition, user=person)
        EnrolmentFactory(edition=edition, status=EnrolmentStatus.APPLIED)
        trainee = EnrolmentFactory(edition=edition, status=EnrolmentStatus.ACCEPTED)
        lesson = edition.get_descendants().type(LessonPageFactory._meta.model).first().specific
        Reflection.objects.create(
            enrolment=trainee,
            lesson=lesson,
            block_id="r",
            text=f"Thought {number}",
            shared_with_facilitators=True,
        )
    client.force_login(person)
    client.get(URL)

    # Session and user 2, enrolments 1, editions facilitated with their counts 1; the site's
    # header and footer 6.
    with django_assert_max_num_queries(10):
        response = client.get(URL)

    assert text(response).count("1 application waits for a decision") == editions
    assert text(response).count("1 shared reflection waits for feedback") == editions


def test_the_dashboard_the_cohort_and_its_csv_show_the_same_overall_figure(
    client, edition, lessons, facilitator
):
    """Two of three required lessons (pre-training 66%) and no residential course yet: the mean
    of the two tracked phases, rounded down, is 33% everywhere it is shown."""
    user = verified("overall@example.org")
    user.first_name, user.last_name = "Olga", "Varga"
    user.save()
    enrolment = EnrolmentFactory(user=user, edition=edition, status=EnrolmentStatus.ACCEPTED)
    for lesson in (lessons["what"], lessons["why"]):
        services.lesson_complete(enrolment=enrolment, lesson=lesson)

    mine = parse(dashboard(client, user))
    overall = mine.select_one(f"#overall-definition-{edition.pk}")
    assert "average of the phases the platform tracks" in overall.get_text()
    assert mine.select_one(".dashboard__overall").get_text(" ", strip=True) == "33% 33%"
    assert mine.select_one(".dashboard__overall progress")["value"] == "33"

    client.force_login(facilitator)
    cohort_url = reverse("learning:cohort", args=[edition.slug])
    cohort = parse(client.get(cohort_url, {"sort": "-progress"}))
    row = next(tr for tr in cohort.select("table tbody tr") if "Olga Varga" in tr.th.get_text())
    assert row.select("td")[1].get_text(strip=True) == "33%"
    assert (
        "average of the phases the platform tracks"
        in cohort.select_one("#overall-definition").get_text()
    )
    exported = client.get(cohort_url, {"format": "csv"})
    header, *rows = [
        line.split(",") for line in b"".join(exported.streaming_content).decode().splitlines()
    ]
    olga = dict(zip(header, next(r for r in rows if r[0] == "Olga Varga"), strict=False))
    assert olga["Overall (%)"] == "33"
    record = parse(
        client.get(reverse("learning:cohort_trainee", args=[edition.slug, enrolment.pk]))
    )
    assert record.select_one(".progress__percent").get_text() == "33%"
