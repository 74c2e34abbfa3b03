"""The learning pages pass axe-core in a real browser for the people who use them: a visitor, an
applicant filling in the form, a trainee in a lesson and on their dashboard, a facilitator on the
cohort page, and anyone checking a certificate."""

import pytest

from learning import services
from learning.models import EnrolmentStatus
from tests.browser.test_accessibility import assert_accessible, visit
from tests.cms.factories import UserFactory
from tests.learning.factories import (
    AcademyIndexPageFactory,
    EditionPageFactory,
    EnrolmentFactory,
    FacilitatorFactory,
    LessonPageFactory,
    ModulePageFactory,
    knowledge_check,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PASSWORD = "correct-horse-battery"


def person(email: str):
    return UserFactory(email=email, first_name="Dana", last_name="Trainee", verified=True)


@pytest.fixture
def course(site):
    academy = AcademyIndexPageFactory(parent=site["home"], show_in_menus=True)
    edition = EditionPageFactory(parent=academy, title="Ghent 2027", slug="ghent-2027")
    basics = ModulePageFactory(parent=edition, title="Functioning practices")
    reading = LessonPageFactory(parent=basics, title="Context first")
    lesson = LessonPageFactory(
        parent=basics,
        title="Check your reading",
        body=[
            {"type": "paragraph", "id": "text", "value": "<p>What works depends on where.</p>"},
            {
                "type": "reflection",
                "id": "reflection",
                "value": {"prompt": "<p>Which asset of your city would a practice rely on?</p>"},
            },
            {"type": "knowledge_check", "id": "check", "value": knowledge_check()},
        ],
    )
    ModulePageFactory(parent=edition, title="Transferability", requires_previous=True)

    trainee = person("trainee@example.org")
    enrolment = EnrolmentFactory(user=trainee, edition=edition)
    services.lesson_complete(enrolment=enrolment, lesson=reading)
    facilitator = person("facilitator@example.org")
    FacilitatorFactory(edition=edition, user=facilitator)
    services.reflection_save(
        enrolment=enrolment,
        lesson=lesson,
        block_id="reflection",
        text="Our library already ran language cafés.",
        shared=True,
    )
    EnrolmentFactory(
        user=person("applicant@example.org"), edition=edition, status=EnrolmentStatus.APPLIED
    )
    alumnus = EnrolmentFactory(user=person("alumnus@example.org"), edition=edition)
    services.lesson_complete(enrolment=alumnus, lesson=reading)
    services.reflection_save(
        enrolment=alumnus, lesson=lesson, block_id="reflection", text="Yes.", shared=False
    )
    # A passed check completes its lesson.
    services.check_submit(
        enrolment=alumnus,
        lesson=lesson,
        block_id="check",
        answers={"q1": ["q1-right"], "q2": ["q2-right"]},
    )
    services.residential_attendance_set(enrolment=alumnus, by=facilitator, attended=True)
    alumnus.refresh_from_db()
    return {"edition": edition, "lesson": lesson, "certificate": alumnus.certificate}


def log_in(page, email: str) -> None:
    visit(page, "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_load_state("load")
    assert page.get_by_role("link", name="My learning").count() == 1, f"{email} could not log in"


def test_the_academy_and_an_edition_are_accessible_to_a_visitor(page, axe, course):
    visit(page, "/academy/")
    assert page.locator("main h2, main h3", has_text="Ghent 2027").count() == 1
    assert_accessible(page, axe)

    visit(page, course["edition"].url)
    assert page.locator("main", has_text="Functioning practices").count() == 1
    assert_accessible(page, axe)


def test_the_application_form_with_errors_is_accessible(page, axe, course):
    person("member@example.org")
    log_in(page, "member@example.org")
    visit(page, f"/learning/{course['edition'].slug}/apply/")
    page.locator("main").get_by_role("button", name="Send my application").click()
    page.wait_for_load_state("load")
    assert page.locator("main .errorlist").count() > 0
    assert_accessible(page, axe)


def test_a_lesson_with_a_check_result_is_accessible_to_its_trainee(page, axe, course):
    log_in(page, "trainee@example.org")
    visit(page, course["lesson"].url)
    page.get_by_label("Context matters").check()
    page.get_by_label("Localisation").check()
    page.locator("main").get_by_role("button", name="Submit my answers").click()
    page.wait_for_load_state("load")
    assert page.locator("main", has_text="50%").count() == 1
    assert_accessible(page, axe)


def test_my_learning_is_accessible(page, axe, course):
    log_in(page, "trainee@example.org")
    visit(page, "/learning/dashboard/")
    assert page.locator("main progress").count() > 0
    assert_accessible(page, axe)


def test_the_cohort_page_is_accessible_to_its_facilitator(page, axe, course):
    log_in(page, "facilitator@example.org")
    visit(page, f"/learning/{course['edition'].slug}/cohort/")
    assert page.locator("main table th", has_text="Functioning practices").count() > 0
    assert_accessible(page, axe)


def test_a_certificate_is_accessible_to_anyone(page, axe, course):
    visit(page, f"/certificates/{course['certificate'].code}/")
    assert page.locator("main", has_text="Ghent 2027").count() == 1
    assert_accessible(page, axe)
