"""The academy panel on the Wagtail dashboard: each edition open or running, with the applications
waiting for a decision and the shared reflections waiting for feedback, for the course team only."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from learning.models import EditionPage, EnrolmentStatus, Reflection
from tests.cms.factories import UserFactory
from tests.html import cells_by_heading, element, links, squash
from tests.learning.factories import EditionPageFactory, EnrolmentFactory

pytestmark = [pytest.mark.django_db, pytest.mark.shared_academy]

PANEL = "#academy-section"


def _dashboard(client, user):
    client.force_login(user)
    return client.get(reverse("wagtailadmin_home"))


def _rows(response) -> list[dict[str, str]]:
    return [
        {heading: squash(cell.get_text(" ")) for heading, cell in row.items()}
        for row in cells_by_heading(element(response, f"{PANEL} table"))
    ]


def _reflect(enrolment, lesson, *, feedback: str = "", shared: bool = True) -> Reflection:
    return Reflection.objects.create(
        enrolment=enrolment,
        lesson=lesson,
        block_id=f"prompt-{enrolment.pk}",
        text="Our one-stop shop copied the Vejle desk.",
        shared_with_facilitators=shared,
        feedback=feedback,
    )


@pytest.fixture
def cohort(edition, lessons):
    """Two applications waiting, two shared reflections without feedback, and what must not
    count: a reflection with feedback, a private one, a declined application."""
    for _number in range(2):
        EnrolmentFactory(edition=edition, status=EnrolmentStatus.APPLIED)
        _reflect(EnrolmentFactory(edition=edition), lessons["what"])
    EnrolmentFactory(edition=edition, status=EnrolmentStatus.DECLINED)
    _reflect(EnrolmentFactory(edition=edition), lessons["what"], feedback="Well argued.")
    _reflect(EnrolmentFactory(edition=edition), lessons["what"], shared=False)
    return edition


@pytest.fixture
def finished_edition(academy):
    finished = EditionPageFactory(parent=academy, turin_2014=True, slug="turin-2014")
    EnrolmentFactory(edition=finished, status=EnrolmentStatus.APPLIED)
    return finished


def test_each_edition_in_progress_shows_what_waits_for_the_course_team(
    client, editor, cohort, finished_edition
):
    response = _dashboard(client, editor)

    assert squash(element(response, PANEL).find("h2").get_text()) == "Academy editions"
    assert _rows(response) == [
        {
            "Edition": "Turin 2027",
            "Stage": "Pre-training",
            "Applications to decide": "2 applications to decide in Turin 2027",
            "Reflections waiting for feedback": "2 reflections waiting for feedback in Turin 2027",
        }
    ]


def test_the_counts_lead_to_the_enrolment_listing_and_the_cohort_page(client, editor, cohort):
    found = links(_dashboard(client, editor), PANEL)

    cohort_url = reverse("learning:cohort", args=[cohort.slug])
    query = urlencode({"edition": cohort.pk, "status": "applied"})
    assert ("Turin 2027", cohort_url) in found
    assert (
        "2 applications to decide in Turin 2027",
        f"{reverse('enrolments:index')}?{query}",
    ) in found
    assert (
        "2 reflections waiting for feedback in Turin 2027",
        reverse("learning:cohort_reflections", args=[cohort.slug]) + "?waiting=1",
    ) in found


def test_the_applications_link_lists_the_waiting_applications(client, editor, cohort):
    client.force_login(editor)
    query = urlencode({"edition": cohort.pk, "status": "applied"})

    response = client.get(f"{reverse('enrolments:index')}?{query}")

    rows = cells_by_heading(element(response, "table"))
    assert len(rows) == 2
    assert {squash(row["Status"].get_text()) for row in rows} == {"Applied, awaiting a decision"}


def test_an_edition_with_nothing_waiting_says_none(client, editor, edition):
    assert _rows(_dashboard(client, editor)) == [
        {
            "Edition": "Turin 2027",
            "Stage": "Pre-training",
            "Applications to decide": "No application to decide",
            "Reflections waiting for feedback": "No reflection waiting for feedback",
        }
    ]


def test_without_an_edition_in_progress_the_panel_says_so(
    client, editor, edition, finished_edition
):
    # A draft edition is not in progress either.
    EditionPage.objects.filter(pk=edition.pk).update(live=False)

    panel = element(_dashboard(client, editor), PANEL)

    assert "No edition is open or running." in squash(panel.get_text(" "))


def test_an_edition_not_started_says_when_it_starts(client, editor, academy):
    EditionPageFactory(
        parent=academy,
        title="Vienna 2028",
        pre_training_start="2099-01-10",
        pre_training_end="2099-02-10",
        residential_start="2099-03-01",
        residential_end="2099-03-05",
        follow_up_start="2099-03-06",
        follow_up_end="2099-06-30",
    )

    rows = _rows(_dashboard(client, editor))

    assert rows[-1]["Edition"] == "Vienna 2028"
    assert rows[-1]["Stage"] == "Starts on 10 January 2099"


@pytest.mark.parametrize(
    ("role", "sees_academy", "sees_selection"),
    [("editor", True, True), ("reviewer", False, True), ("superuser", True, True)],
)
def test_each_admin_role_sees_its_own_panels(
    client, request, cohort, role, sees_academy, sees_selection
):
    user = (
        UserFactory(email="reviewer@example.org", groups=["Reviewers"])
        if role == "reviewer"
        else request.getfixturevalue(role)
    )

    response = _dashboard(client, user)

    assert response.status_code == 200
    page = parse_ids(response)
    assert ("academy-section" in page) is sees_academy
    assert ("selection-round-section" in page) is sees_selection


def parse_ids(response) -> set[str]:
    return {tag["id"] for tag in element(response).find_all(id=True)}


@pytest.mark.parametrize("role", ["facilitator", "trainee", "member"])
def test_people_without_admin_access_never_reach_the_panel(client, cohort, request, role):
    response = _dashboard(client, request.getfixturevalue(role))

    assert response.status_code == 302
    assert "Turin 2027" not in response.content.decode()


def test_an_admin_user_without_enrolment_rights_does_not_see_it(client, cohort):
    moderator = UserFactory(email="moderator@example.org", groups=["Moderators"])

    response = _dashboard(client, moderator)

    assert response.status_code == 200
    assert "Academy editions" not in response.content.decode()


@pytest.mark.parametrize("editions", [1, 8])
def test_the_panel_reads_a_fixed_number_of_queries(
    client, editor, academy, lessons, editions, django_assert_max_num_queries
):
    for number in range(editions):
        extra = EditionPageFactory(parent=academy, title=f"City {number}")
        for _ in range(3):
            EnrolmentFactory(edition=extra, status=EnrolmentStatus.APPLIED)
        _reflect(EnrolmentFactory(edition=extra), lessons["what"])
    client.force_login(editor)
    url = reverse("wagtailadmin_home")
    client.get(url)

    with django_assert_max_num_queries(24):
        response = client.get(url)

    assert len(_rows(response)) == editions + 1
