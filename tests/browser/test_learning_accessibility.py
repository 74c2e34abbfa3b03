"""The learning pages pass axe-core in a real browser for the people who use them: a visitor, an
applicant filling in the form, a trainee in a lesson and on their dashboard, a facilitator on the
cohort page, and anyone checking a certificate."""

import pytest

from tests.browser.conftest import log_in, person
from tests.browser.test_accessibility import assert_accessible, visit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


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
    # The result has the focus, inside the check: a screen reader reads it out at once.
    page.wait_for_function(
        "document.activeElement === document.querySelector('#check-check [data-lesson-feedback]')"
    )
    assert_accessible(page, axe)


def test_a_lesson_with_its_module_outline_is_accessible_on_a_desktop(page, axe, course):
    log_in(page, "trainee@example.org")
    page.set_viewport_size({"width": 1280, "height": 900})
    visit(page, course["lesson"].url)
    outline = page.get_by_role("navigation", name="Module outline")
    assert outline.is_visible()
    current = outline.locator('a[aria-current="page"]')
    assert current.inner_text() == "Check your reading"
    assert outline.locator("li", has_text="Context first").inner_text().endswith("completed")
    # Beside the lesson, not above it.
    assert (
        outline.bounding_box()["x"] + outline.bounding_box()["width"]
        <= (page.locator(".lesson__main").bounding_box()["x"])
    )
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
