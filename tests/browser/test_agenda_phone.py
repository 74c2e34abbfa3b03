"""The agenda at its best on a phone, where people read it during the residential week: no
sideways scrolling at 375 px and no axe violation, for a trainee (with the actions) and for the
facilitator's check-in screen; the type filter works in the browser."""

import datetime

import pytest

from tests.browser.conftest import log_in
from tests.browser.test_accessibility import assert_accessible, visit
from tests.browser.test_phone import DESKTOP, PHONE, assert_fits_the_phone

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def agenda(course):
    from learning.models import ItemKind
    from tests.cms.factories import PersonFactory
    from tests.learning.factories import AgendaItemFactory, AgendaPageFactory, PlaceFactory

    agenda = AgendaPageFactory(parent=course["edition"], title="Agenda of the residential week")
    hall = PlaceFactory(name="Sala Europa, International training centre")
    site = PlaceFactory(
        name="Casa del Quartiere San Salvario",
        address="Via Morgari 14, 10125 Turin",
        map_url="https://www.openstreetmap.org/",
    )
    speakers = [PersonFactory(name="Thomas Ashworth"), PersonFactory(name="Giulia Ferrante")]
    first = course["edition"].residential_start
    AgendaItemFactory(
        page=agenda,
        title="Localisation and mainstreaming under austerity",
        place=hall,
        speakers=speakers,
        prework=course["lesson"],
    )
    AgendaItemFactory(
        page=agenda,
        title="Study visit to a neighbourhood house",
        kind=ItemKind.STUDY_VISIT,
        start=datetime.time(14),
        end=datetime.time(17, 30),
        place=site,
        capacity=12,
        required=False,
    )
    lecture = AgendaItemFactory(
        page=agenda,
        title="Role play: negotiating a pilot with three departments",
        kind=ItemKind.ROLE_PLAY,
        date=first + datetime.timedelta(days=1),
        place=hall,
    )
    return {"page": agenda, "lecture": lecture}


def test_the_agenda_fits_a_phone_and_passes_axe_for_a_trainee(page, axe, course, agenda):
    log_in(page, "trainee@example.org")
    page.set_viewport_size(PHONE)
    visit(page, agenda["page"].url)
    assert page.locator("main .agenda-item").count() == 3
    assert page.get_by_role("button", name="Sign up for this visit").count() == 1
    assert_fits_the_phone(page)
    assert_accessible(page, axe)

    page.get_by_label("Type").select_option(label="Role play")
    page.locator("main").get_by_role("button", name="Filter").click()
    page.wait_for_load_state("load")
    assert page.locator("main .agenda-item").count() == 1
    assert_fits_the_phone(page)


def test_the_check_in_screen_fits_a_phone_and_passes_axe(page, axe, course, agenda):
    log_in(page, "facilitator@example.org")
    page.set_viewport_size(PHONE)
    visit(page, f"/learning/agenda/items/{agenda['lecture'].pk}/check-in/")
    assert page.locator("main .session-code").inner_text() == agenda["lecture"].session_code
    assert_fits_the_phone(page)
    assert_accessible(page, axe)
    page.set_viewport_size(DESKTOP)
    assert_accessible(page, axe)
