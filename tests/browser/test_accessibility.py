"""Every kind of public page passes axe-core in a real browser, and the keyboard path into it works."""

import pytest

pytestmark = [
    pytest.mark.browser,
    # The live server runs in another thread, so the content must really be committed; the
    # serialized rollback puts back what migrations created (root page, locale, groups).
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(
                f"    {target}\n        {node.get('failureSummary', '').replace(chr(10), ' ')}"
            )
    return "\n".join(lines)


def assert_accessible(page, axe):
    results = axe.run(page)
    violations = results.response["violations"]
    assert not violations, f"axe found problems on {page.url}:\n{describe(violations)}"
    # A run that checked nothing would pass too: make sure axe really looked at the page.
    assert results.response["passes"], "axe reported no passing rule at all"


def visit(page, path: str, status: int = 200):
    response = page.goto(path)
    assert response is not None and response.status == status, f"{path}: {response.status}"
    # Everything the page needs (stylesheet included, for the contrast rules) has loaded.
    page.wait_for_load_state("load")
    assert page.locator("link[rel=stylesheet]").count() == 1
    assert page.evaluate("getComputedStyle(document.body).marginTop") == "0px", "site.css missing"


# Each page, and what a person must find on it (by role and name, as assistive technology sees
# it) for the axe run to mean something.
PUBLIC_PAGES = {
    "home page": (
        lambda site: "/",
        (
            'role=link[name="Read about the academy"]',
            'main >> role=link[name="Harbour jobs scheme"]',
            'main >> role=region[name="Latest news"] >> role=link',
        ),
    ),
    "standard page with every body block": (
        lambda site: site["about"].url,
        (
            'main >> role=img[name="Trainees in a workshop"]',
            'main >> role=blockquote >> text="Failures are transferable knowledge too."',
            'main >> role=columnheader[name="Phase"]',
            'main >> role=link[name="Programme"]',
            'main >> role=link[name="Open"]',
        ),
    ),
    "practice index": (
        lambda site: "/practices/",
        (
            "main >> role=combobox",
            'main >> role=link[name="Harbour jobs scheme"]',
            'main >> role=navigation[name="Pagination"] >> role=link[name="Next"]',
        ),
    ),
    "practice index, second page, filtered": (
        lambda site: "/practices/?policy_field=employment&page=2",
        (
            'main >> role=navigation[name="Pagination"] >> role=link[name="Previous"]',
            "main >> role=article >> role=heading >> role=link",
        ),
    ),
    "practice profile": (
        lambda site: site["practice"].url,
        (
            'main >> role=term >> text="Where"',
            'main >> role=definition >> text="Visby, Sweden"',
            "main >> text=out of 5",
            'main >> role=group >> text="Read the transcript"',
            'main >> role=link[name="jobs"]',
            'main >> role=link[name="Infosheet: Harbour jobs scheme"]',
        ),
    ),
    "news index": (
        lambda site: "/news/",
        (
            'main >> text="20 May 2014"',
            'main >> role=navigation[name="Topics"] >> role=link[name="follow-up"]',
        ),
    ),
    "news index by topic": (
        lambda site: "/news/?tag=follow-up",
        ('main >> role=link[name="Follow-up event in Brussels"]',),
    ),
    "news update": (
        lambda site: site["news"].url,
        ('main >> text="20 May 2014"', "main >> role=img", 'main >> role=link[name="follow-up"]'),
    ),
    "kit": (
        lambda site: "/kit/",
        (
            'main >> role=rowheader[name*="Harbour jobs scheme"]',
            'main >> role=link[name="Documentary: Harbour jobs scheme"]',
        ),
    ),
    "search results": (
        lambda site: "/search/?q=Visby",
        ('main >> role=heading[level=2] >> role=link[name="Harbour jobs scheme"]',),
    ),
    "search without results": (
        lambda site: "/search/?q=zzzzqqq",
        ("main >> text=Nothing matched",),
    ),
    "empty search": (lambda site: "/search/", ("main >> role=searchbox",)),
    "login": (lambda site: "/accounts/login/", ("main input[type=password]",)),
    "signup": (lambda site: "/accounts/signup/", ("main input[type=password] >> nth=1",)),
    "password reset": (
        lambda site: "/accounts/password/reset/",
        ("main input[type=email]",),
    ),
}


def problems_on(page, axe, site, name) -> list[str]:
    path, expected = PUBLIC_PAGES[name]
    visit(page, path(site))
    found = []
    if page.get_by_role("main").get_by_role("heading", level=1).count() != 1:
        found.append("not exactly one main heading")
    found += [
        f"{selector} is missing" for selector in expected if not page.locator(selector).count()
    ]
    if page.get_by_role("contentinfo").get_by_role("heading", name="Partners").count() != 1:
        found.append("the footer's Partners heading is missing")
    results = axe.run(page)
    if results.response["violations"]:
        found.append("axe: " + describe(results.response["violations"]))
    # A run that checked nothing would pass too: make sure axe really looked at the page.
    if not results.response["passes"]:
        found.append("axe reported no passing rule at all")
    return found


def test_every_kind_of_public_page_has_no_axe_violations(page, axe, site):
    """One browser and one site for every page (each test starts Chromium and builds the site
    afresh, seconds each); every page is checked and every problem reported together."""
    problems = {name: problems_on(page, axe, site, name) for name in PUBLIC_PAGES}
    failing = {name: found for name, found in problems.items() if found}
    assert not failing, "\n".join(
        f"{name} ({PUBLIC_PAGES[name][0](site)}):\n  " + "\n  ".join(found)
        for name, found in failing.items()
    )


def test_not_found_page_has_no_axe_violations(page, axe, site):
    visit(page, "/no-such-page/", status=404)
    assert page.get_by_role("heading", level=1).inner_text() == "We could not find that page"
    assert_accessible(page, axe)


def test_login_form_with_an_error_has_no_axe_violations(page, axe, site):
    visit(page, "/accounts/login/")
    page.get_by_label("Email").fill("nobody@example.org")
    page.get_by_label("Password").fill("wrong-password")
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_load_state("load")
    assert "are not correct" in page.locator("main").inner_text()
    assert_accessible(page, axe)


def test_signup_form_with_errors_has_no_axe_violations(page, axe, site):
    visit(page, "/accounts/signup/")
    page.get_by_label("Email").fill("newcomer@example.org")
    page.get_by_label("Password (required)", exact=True).fill("12345678")
    page.get_by_label("Password (again)").fill("12345678")
    page.locator("main").get_by_role("button", name="Sign up").click()
    page.wait_for_load_state("load")
    assert "This password is too common." in page.locator("main").inner_text()
    assert_accessible(page, axe)


def test_first_tab_reaches_the_skip_link_and_enter_moves_focus_to_main(page, site):
    visit(page, site["practice"].url)

    page.keyboard.press("Tab")
    skip_link = page.locator(":focus")
    assert skip_link.inner_text() == "Skip to main content"
    assert skip_link.get_attribute("href") == "#main"
    # Off-screen until focused; once focused a sighted keyboard user must see it.
    box = skip_link.bounding_box()
    assert box is not None and box["y"] >= 0 and box["height"] > 0
    assert skip_link.is_visible()

    page.keyboard.press("Enter")
    page.wait_for_url("**#main")
    assert page.evaluate("document.activeElement.id") == "main"
    assert page.evaluate("document.activeElement.tagName") == "MAIN"

    # The next Tab continues inside the page's content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")
