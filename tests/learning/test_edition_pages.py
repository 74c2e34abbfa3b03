"""The academy index and an edition's page, as each person sees them."""

import datetime

import pytest
from django.utils import timezone

from learning.models import EnrolmentMode, EnrolmentStatus
from tests.cms.factories import UserFactory
from tests.html import hrefs, links, parse, text
from tests.learning.factories import (
    EditionPageFactory,
    EnrolmentFactory,
    FacilitatorFactory,
    LessonPageFactory,
    ModulePageFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.shared_academy]

URL = "/academy/turin-2027/"
APPLY = "/learning/turin-2027/apply/"


def page_for(client, user=None, url=URL) -> str:
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_visitor_sees_facts_and_syllabus_and_is_asked_to_log_in(client, edition, lessons):
    edition.application_help = "<p>Say what your city does.</p>"
    edition.save_revision().publish()
    FacilitatorFactory(edition=edition, user=UserFactory(first_name="Ada", last_name="Ferrari"))

    html = page_for(client)

    assert edition.venue in html
    assert edition.residential_start.strftime("%-d %B %Y") in html
    assert "30 places of 30" in html
    assert "Ada Ferrari" in html
    assert "Functioning practices" in html and "What functions" in html
    assert "Tell a functioning practice from a best practice" in html
    assert "Further reading" in html and "optional" in html and "20 minutes" in html
    assert ("Log in", f"/accounts/login/?next={APPLY}") in links(html)
    assert ("create an account", f"/accounts/signup/?next={APPLY}") in links(html)
    # The syllabus never links to lesson pages for someone outside the course.
    assert lessons["what"].url not in hrefs(html)


def test_verified_member_is_offered_to_apply(client, edition, lessons, member):
    html = page_for(client, member)
    assert ("Apply", APPLY) in links(html)


def test_open_edition_offers_to_enrol(client, edition, member):
    edition.enrolment_mode = EnrolmentMode.OPEN
    edition.save_revision().publish()
    assert ("Enrol", APPLY) in links(page_for(client, member))


def test_unverified_member_is_told_to_confirm_their_address(client, edition):
    html = page_for(client, UserFactory(email="new@example.org"))
    assert "Confirm your e-mail address" in text(html) and APPLY not in hrefs(html)


def test_closed_and_full_editions_say_why(client, edition, member):
    edition.enrolment_closes = timezone.localdate() - datetime.timedelta(days=1)
    edition.save_revision().publish()
    assert "Applications for this edition are closed." in page_for(client, member)

    edition.enrolment_closes = None
    edition.capacity = 1
    edition.save_revision().publish()
    EnrolmentFactory(edition=edition, status=EnrolmentStatus.ACCEPTED)
    html = page_for(client, member)
    assert "This edition is full." in html and "0 places of 1" in html


def test_applicant_is_told_their_application_is_considered(client, edition, applicant):
    html = page_for(client, applicant)
    assert "Your application is being considered" in html
    assert ("Withdraw my application", "/learning/turin-2027/withdraw/") in links(html)
    assert APPLY not in hrefs(html)


def test_trainee_sees_progress_per_module_and_continue(client, edition, lessons, trainee):
    html = page_for(client, trainee)
    assert "0 of 2 required lessons" in html and "0 of 1 required lessons" in html
    assert ("Continue: What functions", lessons["what"].url) in links(html)
    assert "Opens once you complete every required lesson" in html
    assert ("Withdraw from this edition", "/learning/turin-2027/withdraw/") in links(html)


def test_trainee_of_another_edition_is_a_member_here(client, edition, lessons, other_trainee):
    html = page_for(client, other_trainee)
    assert ("Apply", APPLY) in links(html) and lessons["what"].url not in hrefs(html)


@pytest.mark.parametrize("role", ["facilitator", "editor"])
def test_staff_get_the_cohort_link_not_an_apply_button(client, edition, lessons, role, request):
    html = page_for(client, request.getfixturevalue(role))
    assert ("Open the cohort page", "/learning/turin-2027/cohort/") in links(html)
    assert APPLY not in hrefs(html)
    assert ("What functions", lessons["what"].url) in links(html)


def test_syllabus_names_the_release_date(client, edition):
    module = ModulePageFactory(
        parent=edition,
        title="Mainstreaming",
        release_at=timezone.make_aware(datetime.datetime(2099, 3, 3)),
    )
    LessonPageFactory(parent=module, title="General policies")
    assert "Opens on 3 March 2099." in page_for(client)


def test_academy_lists_the_current_edition_first(client, academy, edition):
    past = EditionPageFactory(
        parent=academy,
        turin_2014=True,
        venue="ITC-ILO campus, Turin",
    )
    future = EditionPageFactory(
        parent=academy,
        title="Vienna 2099",
        pre_training_start=datetime.date(2099, 1, 6),
        pre_training_end=datetime.date(2099, 2, 9),
        residential_start=datetime.date(2099, 2, 10),
        residential_end=datetime.date(2099, 2, 14),
        follow_up_start=datetime.date(2099, 2, 15),
        follow_up_end=datetime.date(2099, 5, 30),
    )

    html = page_for(client, url=academy.url)

    assert html.index("Turin 2027") < html.index(future.title) < html.index(past.title)
    assert "Current edition" in html and "ITC-ILO campus, Turin" in html
    assert "10 February 2014" in html and "By application" in html


@pytest.mark.parametrize(
    ("role", "n_lessons"), [("trainee", 4), ("trainee", 40), (None, 4), (None, 40)]
)
def test_the_edition_page_runs_a_fixed_number_of_queries(
    client, academy, django_assert_max_num_queries, role, n_lessons
):
    from learning import services

    edition = EditionPageFactory(parent=academy, title="Lisbon 2028", slug="lisbon-2028")
    for _ in range(4):
        module = ModulePageFactory(parent=edition, requires_previous=True)
        LessonPageFactory.create_batch(n_lessons // 4, parent=module)
        FacilitatorFactory(edition=edition)
    if role:
        person = UserFactory()
        enrolment = EnrolmentFactory(user=person, edition=edition)
        first = edition.get_descendants().type(LessonPageFactory._meta.model).first()
        services.lesson_complete(enrolment=enrolment, lesson=first.specific)
        client.force_login(person)
    client.get(edition.url)

    # The same at 4 and 40 lessons: a visitor's syllabus 12, a trainee's progress 24 (their
    # session, enrolment, completions, attendance and the permission checks; the residential
    # week's summary looks for an agenda).
    with django_assert_max_num_queries(24 if role else 12):
        response = client.get(edition.url)

    assert len(parse(response).select(".syllabus ol > li")) == n_lessons


def test_an_edition_with_a_non_ascii_slug_links_to_its_forms(client, academy, member):
    # Wagtail allows Unicode slugs; every edition route must accept them.
    edition = EditionPageFactory(parent=academy, title="Göteborg 2028", slug="göteborg-2028")
    facilitator = UserFactory()
    FacilitatorFactory(edition=edition, user=facilitator)

    html = page_for(client, member, url=edition.url)
    assert ("Apply", "/learning/g%C3%B6teborg-2028/apply/") in links(html)
    apply = client.get("/learning/göteborg-2028/apply/")
    assert apply.status_code == 200
    assert "Apply for Göteborg 2028" in text(apply)

    client.force_login(facilitator)
    assert ("Open the cohort page", "/learning/g%C3%B6teborg-2028/cohort/") in links(
        client.get(edition.url)
    )
    cohort = client.get("/learning/göteborg-2028/cohort/")
    assert cohort.status_code == 200
    assert "Göteborg 2028" in text(cohort)
