"""On a phone (375 x 812 CSS pixels) no page scrolls sideways, the header leaves room for the
page, and the menu button opens the navigation by pointer and by keyboard."""

import factory
import pytest

from tests.browser.conftest import log_in
from tests.browser.test_accessibility import assert_accessible, visit
from tests.cms.factories import ImageFactory
from tests.cms.selection.factories import CallForPracticesPageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
# The brand and the menu button on one row, with the padding around them.
HEADER_MAX_HEIGHT = 120

# The elements wider than the viewport, named so a failure says where to look.
WIDEST = """() => {
    const limit = document.documentElement.clientWidth;
    const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (el.classList.length ? '.' + [...el.classList].join('.') : '');
    return [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > limit + 0.5)
        .slice(0, 8)
        .map((el) => name(el) + ' ends at ' + Math.round(el.getBoundingClientRect().right));
}"""


def assert_fits_the_phone(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], (
        f"{page.url} is {width}px wide at {PHONE['width']}px: {page.evaluate(WIDEST)}"
    )


def header_height(page) -> float:
    return page.locator("header.site-header").bounding_box()["height"]


@pytest.fixture
def phone(page):
    page.set_viewport_size(PHONE)
    return page


@pytest.fixture
def hero(site):
    """The home page with a 16:9 hero image, like the demo's, whose label runs near its left edge."""
    home = site["home"]
    home.hero_image = ImageFactory(file=factory.django.ImageField(width=1200, height=675))
    home.save_revision().publish()
    return home


def assert_hero_is_whole(page):
    """Nothing of the hero image is cropped (the rendition keeps its proportions and the box shows
    all of it), and the title beside or above it lies within the viewport."""
    viewport = page.viewport_size["width"]
    image = page.locator(".hero img")
    natural = image.evaluate("(img) => img.naturalWidth / img.naturalHeight")
    assert natural == pytest.approx(1200 / 675, rel=0.01)
    box = image.bounding_box()
    assert box["width"] / box["height"] == pytest.approx(1200 / 675, rel=0.01)
    assert image.evaluate("(img) => getComputedStyle(img).objectFit") in ("fill", "contain")
    for part in (box, page.locator(".hero h1").bounding_box()):
        assert part["x"] >= 0 and part["x"] + part["width"] <= viewport


@pytest.fixture
def call_page(site):
    return CallForPracticesPageFactory(parent=site["home"])


def test_public_pages_fit_a_phone_and_pass_axe(phone, axe, hero, call_page):
    for path in ("/", call_page.url, "/kit/"):
        visit(phone, path)
        assert_fits_the_phone(phone)
        assert header_height(phone) <= HEADER_MAX_HEIGHT
        assert_accessible(phone, axe)

    visit(phone, "/")
    assert_hero_is_whole(phone)

    # The nomination form's fields fit the screen, and the kit's table scrolls in its own
    # region, which a keyboard can reach.
    visit(phone, call_page.url)
    fields = phone.locator("main form .form-field:not(.form-field--trap)").locator(
        "textarea, input[type=text], input[type=email]"
    )
    assert fields.count() > 3
    for field in fields.all():
        box = field.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], field
    visit(phone, "/kit/")
    region = phone.get_by_role("region", name="Infosheets table, scrolls sideways")
    assert region.get_attribute("tabindex") == "0"
    assert region.locator("table").count() == 1


def test_learning_pages_fit_a_phone_and_pass_axe(page, axe, course):
    log_in(page, "trainee@example.org")
    page.set_viewport_size(PHONE)
    visit(page, course["lesson"].url)
    assert_fits_the_phone(page)
    assert_accessible(page, axe)

    # The module outline sits above the lesson, folded; opened, it still fits.
    outline = page.locator("details.lesson-outline")
    assert outline.evaluate("details => details.open") is False
    assert outline.bounding_box()["y"] < page.locator(".lesson__body").bounding_box()["y"]
    outline.locator("summary").click()
    assert page.get_by_role("navigation", name="Module outline").is_visible()
    assert_fits_the_phone(page)
    assert_accessible(page, axe)

    # A check answered on the phone: the page opens at its result, which has the focus.
    page.get_by_label("It is shorter").check()
    page.get_by_label("Localisation").check()
    page.locator("main").get_by_role("button", name="Submit my answers").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("#check-check")
    page.wait_for_function(
        "document.activeElement === document.querySelector('#check-check [data-lesson-feedback]')"
    )
    assert "Your score: 0%" in page.evaluate("document.activeElement.innerText")
    assert_fits_the_phone(page)
    assert_accessible(page, axe)

    page.context.clear_cookies()
    page.set_viewport_size(DESKTOP)
    log_in(page, "facilitator@example.org")
    page.set_viewport_size(PHONE)
    visit(page, f"/learning/{course['edition'].slug}/cohort/")
    assert page.locator("main table").count() > 0
    assert_fits_the_phone(page)
    assert_accessible(page, axe)


def test_the_cohort_sections_fit_a_phone_and_pass_axe(page, axe, course):
    log_in(page, "facilitator@example.org")
    page.set_viewport_size(PHONE)
    cohort = f"/learning/{course['edition'].slug}/cohort/"
    visit(page, cohort)
    # The progress table scrolls in its own region, which a keyboard can reach.
    region = page.get_by_role("region", name="Progress table, scrolls sideways")
    assert region.get_attribute("tabindex") == "0"
    sections = page.get_by_role("navigation", name="Cohort sections")
    for name, heading in (
        ("Applications", "Applications to decide"),
        ("Shared reflections", "Shared reflections"),
    ):
        sections.get_by_role("link", name=name).click()
        page.wait_for_load_state("load")
        assert page.get_by_role("heading", level=2, name=heading).is_visible()
        assert_fits_the_phone(page)
        assert_accessible(page, axe)
    # One trainee's record, reached from their name in the progress table.
    visit(page, cohort)
    page.locator("main table a.cohort-person").first.click()
    page.wait_for_load_state("load")
    assert page.get_by_role("heading", name="Knowledge-check attempts").is_visible()
    assert_fits_the_phone(page)
    assert_accessible(page, axe)


def test_the_menu_button_opens_the_navigation_by_click_and_by_keyboard(phone, axe, site):
    visit(phone, "/")
    button = phone.get_by_role("button", name="Menu")
    nav = phone.get_by_role("navigation", name="Main")
    assert button.get_attribute("aria-expanded") == "false"
    assert phone.locator(f"#{button.get_attribute('aria-controls')}").count() == 1
    assert not nav.is_visible()
    assert header_height(phone) <= HEADER_MAX_HEIGHT

    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert nav.get_by_role("link", name="About the academy").is_visible()
    assert phone.get_by_role("searchbox", name="Search the site").is_visible()
    assert phone.get_by_role("link", name="Log in").is_visible()
    assert_fits_the_phone(phone)
    assert_accessible(phone, axe)

    button.click()
    assert button.get_attribute("aria-expanded") == "false"
    assert not nav.is_visible()

    # By keyboard, from the top of a fresh page: the skip link, then the brand, then the button;
    # Enter opens the menu, the next Tab goes into it, and Escape closes it and gives the focus
    # back to the button.
    visit(phone, "/")
    phone.keyboard.press("Tab")
    phone.keyboard.press("Tab")
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.getAttribute('aria-controls')") is not None
    phone.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    phone.keyboard.press("Tab")
    focused = phone.locator(":focus")
    assert focused.is_visible()
    assert phone.evaluate("document.querySelector('nav').contains(document.activeElement)")
    phone.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert not nav.is_visible()
    assert phone.evaluate("document.activeElement.getAttribute('aria-expanded')") == "false"


def test_without_javascript_the_navigation_stays_visible_on_a_phone(browser, live_server, site):
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, java_script_enabled=False
    )
    tab = context.new_page()
    try:
        visit(tab, "/")
        assert tab.get_by_role("button", name="Menu").count() == 0
        nav = tab.get_by_role("navigation", name="Main")
        assert nav.get_by_role("link", name="About the academy").is_visible()
        assert_fits_the_phone(tab)
    finally:
        context.close()


def test_on_a_desktop_search_and_account_links_share_the_navigation_row(page, hero):
    visit(page, "/")
    assert page.get_by_role("button", name="Menu").is_hidden()
    nav = page.get_by_role("navigation", name="Main").bounding_box()
    for part in (
        page.get_by_role("searchbox", name="Search the site"),
        page.get_by_role("link", name="Log in"),
        page.get_by_role("link", name="Sign up"),
    ):
        box = part.bounding_box()
        # Vertically within the navigation's row.
        assert nav["y"] <= box["y"] + box["height"] / 2 <= nav["y"] + nav["height"], part
    assert header_height(page) <= HEADER_MAX_HEIGHT
    assert_hero_is_whole(page)
