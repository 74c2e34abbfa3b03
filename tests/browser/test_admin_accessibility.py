"""The Wagtail dashboard with the project's panels passes axe-core in a real browser, at desktop
and phone widths, for an editor who sees both the academy and the selection panels."""

import pytest

from tests.browser.conftest import log_in
from tests.browser.test_accessibility import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def dashboard_data(course):
    """The course's edition (an application and a shared reflection waiting) and a selection
    round with a nomination in each status."""
    from cms.selection.models import NominationStatus
    from tests.cms.factories import UserFactory
    from tests.cms.selection.factories import NominationFactory, SelectionRoundFactory

    selection_round = SelectionRoundFactory(name="Round 2027", slug="round-2027")
    for status in NominationStatus:
        NominationFactory(selection_round=selection_round, status=status)
    UserFactory(email="editor@example.org", groups=["Editors"], verified=True)
    return course


def _open_dashboard(page, *, width: int = 1280):
    log_in(page, "editor@example.org")
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto("/admin/")
    assert response is not None and response.status == 200
    page.wait_for_load_state("load")
    # Wagtail's own stylesheet is there, so the contrast rules see the real colours.
    assert page.evaluate("getComputedStyle(document.querySelector('.w-panel')).display") != ""


def test_the_dashboard_panels_are_accessible(page, axe, dashboard_data):
    _open_dashboard(page)

    academy = page.locator("#academy-section")
    assert academy.get_by_role("link", name="1 application to decide in Ghent 2027").count() == 1
    assert (
        academy.get_by_role("link", name="1 reflection waiting for feedback in Ghent 2027").count()
        == 1
    )
    selection = page.locator("#selection-round-section")
    assert selection.get_by_role("link", name="Awaiting checks").count() == 1
    assert_accessible(page, axe)


def test_the_dashboard_panels_are_accessible_on_a_phone(page, axe, dashboard_data):
    _open_dashboard(page, width=375)

    assert page.locator("#academy-section table").count() == 1
    assert_accessible(page, axe)
