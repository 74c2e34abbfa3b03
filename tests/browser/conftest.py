"""Fixtures for the browser tests: Debian's Chromium driven by Playwright against the live server.

The tests are skipped, with the reason shown, when /usr/bin/chromium is missing. CI installs it and
sets REQUIRE_BROWSER_TESTS, which turns that skip into a failure so a broken install cannot pass.
"""

import datetime
import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def browser(monkeypatch):
    """Chromium for one test, started after the test database is ready.

    Playwright's sync API keeps an asyncio loop running in this thread while it is started. Django
    then refuses ORM calls unless DJANGO_ALLOW_ASYNC_UNSAFE is set (only for this test, so the rest
    of the suite keeps the protection), and asgiref hands out a different database connection
    object: starting the browser after pytest-django has set the database up keeps its
    bookkeeping (the serialized rollback) on the connection it knows.
    """
    if not CHROMIUM.exists():
        reason = f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER_TESTS"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def page(transactional_db, live_server, browser):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def site(home, practice_index, news_index, kit):
    """A small but complete public site: every page type with the parts that change its markup."""
    from wagtail.models import Site

    from cms.models import HomeFeaturedPractice, KitDocument, NewsPageAuthor, SiteFooterSettings
    from tests.cms.factories import (
        DocumentFactory,
        ImageFactory,
        NewsPageFactory,
        PersonFactory,
        PolicyFieldFactory,
        PracticePageFactory,
        StandardPageFactory,
    )

    image = ImageFactory()
    about = StandardPageFactory(
        parent=home,
        title="About the academy",
        show_in_menus=True,
        body=[
            ("heading", {"text": "Three phases", "level": "h2"}),
            ("paragraph", "<p>Pre-training online, a residential course, then follow-up.</p>"),
            ("image", {"image": image, "alt_text": "Trainees in a workshop", "caption": "Turin"}),
            (
                "quote",
                {"quote": "Failures are transferable knowledge too.", "attribution": "A trainer"},
            ),
            ("document", {"document": DocumentFactory(title="Programme"), "title": ""}),
            (
                "table",
                {
                    "caption": "Phases",
                    "table": {
                        "data": [
                            ["Phase", "Where"],
                            ["Pre-training", "Online"],
                            ["Residential", "Turin"],
                        ],
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                    },
                },
            ),
            (
                "call_to_action",
                {
                    "title": "Read the kit",
                    "text": "",
                    "page": None,
                    "url": "https://example.org/",
                    "label": "Open",
                },
            ),
        ],
    )
    privacy = StandardPageFactory(parent=home, title="Privacy")
    SiteFooterSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={
            "partners": "International training centre, Turin\nMigration research centre, Oxford",
            "funding_statement": "Funded by the European Fund for the Integration of Third-Country Nationals.",
            "privacy_page": privacy,
            "contact_email": "academy@example.org",
        },
    )

    employment = PolicyFieldFactory(name="Employment", slug="employment")
    housing = PolicyFieldFactory(name="Housing", slug="housing")
    profile = PracticePageFactory(
        parent=practice_index,
        title="Harbour jobs scheme",
        city="Visby",
        country="Sweden",
        partners="Employment office\nAdult education centre",
        policy_fields=[employment, housing],
        tags=["jobs", "mentoring"],
        infosheet=DocumentFactory(title="Infosheet: Harbour jobs scheme"),
        video_url="https://video.example.org/visby",
        video_transcript="<p>Interview with the project lead.</p>",
        context_features="<p>A small labour market with seasonal work.</p>",
        assets_and_obstacles="<p>Strong employer network; few interpreters.</p>",
        achievements_and_failures="<p>Most mentees found work within a year.</p>",
        transferability_notes="<p>Needs an employer network willing to mentor.</p>",
        end_date=datetime.date(2015, 6, 30),
        listing_image=image,
        body=[
            ("heading", {"text": "How it works", "level": "h2"}),
            ("paragraph", "<p>Newcomers are paired with a mentor at a local employer.</p>"),
        ],
    )
    # Enough practices for a second page of results; they share one image to keep this quick.
    practices = [profile] + [
        PracticePageFactory(
            parent=practice_index, city=city, listing_image=image, policy_fields=[employment]
        )
        for city in ["Hamburg", "Vienna", "Vejle", "Southwark"] * 3
    ]
    for practice in practices[:3]:
        HomeFeaturedPractice.objects.create(page=home, practice=practice)

    researcher = PersonFactory(name="Dana Researcher")
    news = NewsPageFactory(
        parent=news_index,
        title="Follow-up event in Brussels",
        intro="Alumni compared notes on their joint initiatives.",
        date=datetime.date(2014, 5, 20),
        tags=["follow-up"],
        listing_image=image,
        body=[("paragraph", "<p>Some joint initiatives had carried on since Turin.</p>")],
    )
    NewsPageAuthor.objects.create(page=news, person=researcher)
    for _ in range(4):
        NewsPageFactory(parent=news_index, listing_image=image)

    KitDocument.objects.create(
        page=kit, document=DocumentFactory(title="Trainer's guide"), description="For facilitators."
    )

    home.cta_title = "Apply for the next edition"
    home.cta_text = "The residential course takes place in Turin."
    home.cta_label = "Read about the academy"
    home.cta_page = about
    home.save_revision().publish()

    return {"home": home, "practice": profile, "news": news, "about": about}


PASSWORD = "correct-horse-battery"


def person(email: str):
    from tests.cms.factories import UserFactory

    return UserFactory(email=email, first_name="Dana", last_name="Trainee", verified=True)


@pytest.fixture
def course(site):
    """An edition with a trainee, an applicant, an alumnus with a certificate and a facilitator."""
    from learning import services
    from learning.models import EnrolmentStatus
    from tests.learning.factories import (
        AcademyIndexPageFactory,
        EditionPageFactory,
        EnrolmentFactory,
        FacilitatorFactory,
        LessonPageFactory,
        ModulePageFactory,
        knowledge_check,
    )

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
    services.residential_attendance_set(
        enrolment=alumnus, by=facilitator, attended=True, on=edition.residential_start
    )
    alumnus.refresh_from_db()
    return {"edition": edition, "lesson": lesson, "certificate": alumnus.certificate}


def log_in(page, email: str) -> None:
    from tests.browser.test_accessibility import visit

    visit(page, "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_load_state("load")
    assert page.get_by_role("link", name="My learning").count() == 1, f"{email} could not log in"
