"""The call for practices and the reviewers' scoring screen in a real browser: the nomination form
with its answers sent back fits a phone and passes axe, and the review screen passes axe with
the nomination beside the scores on a wide screen and above them on a narrow one."""

import pytest
from django.urls import reverse

from tests.browser.conftest import log_in
from tests.browser.test_accessibility import assert_accessible, visit
from tests.browser.test_phone import PHONE, assert_fits_the_phone
from tests.cms.factories import PolicyFieldFactory, UserFactory
from tests.cms.selection.factories import CallForPracticesPageFactory, NominationFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_call_form_sent_back_with_errors_fits_a_phone_and_passes_axe(page, axe, home):
    PolicyFieldFactory(name="Housing")
    call_page = CallForPracticesPageFactory(parent=home)
    page.set_viewport_size(PHONE)
    visit(page, call_page.url)
    page.get_by_label("Practice name").fill("Welcome walks")
    page.get_by_role("group", name="Is a public authority involved in the practice?").get_by_label(
        "Yes"
    ).check()
    page.get_by_role("button", name="Send the nomination").click()
    page.wait_for_load_state("load")

    errors = page.locator("main #form-errors")
    assert errors.count() == 1
    assert "Name the public authorities involved" in errors.inner_text()
    assert_fits_the_phone(page)
    assert_accessible(page, axe)


def test_the_review_screen_passes_axe_and_stacks_on_a_narrow_screen(page, axe, home):
    UserFactory(email="reviewer@example.org", groups=["Reviewers"], verified=True)
    nomination = NominationFactory(
        practice_name="Welcome desk in the town hall",
        description="One desk, four languages, open every weekday.",
        policy_fields=[PolicyFieldFactory(name="Housing")],
    )
    log_in(page, "reviewer@example.org")
    response = page.goto(reverse("nominations:review", args=[nomination.pk]))
    assert response is not None and response.status == 200
    page.wait_for_load_state("load")

    summary = page.get_by_role("region", name="The nomination")
    scores = page.locator("form#w-editor-form")
    assert "One desk, four languages" in summary.inner_text()
    assert page.get_by_role("radio", name="5: A new approach that others learn from").count() == 1
    assert_accessible(page, axe)
    wide_summary, wide_form = summary.bounding_box(), scores.bounding_box()
    assert wide_form["x"] >= wide_summary["x"] + wide_summary["width"], "not side by side"

    page.set_viewport_size(PHONE)
    narrow_summary, narrow_form = summary.bounding_box(), scores.bounding_box()
    assert narrow_form["y"] >= narrow_summary["y"] + narrow_summary["height"], "not stacked"
    assert_accessible(page, axe)
