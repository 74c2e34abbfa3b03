"""What trainees and facilitators do with the agenda: star items, take and give back places on
study visits, check in (with the room's code, or on the facilitator's screen), the attendance
threshold that completes the residential course, and the personal calendar feed."""

import datetime
import zoneinfo

import icalendar
import pytest
from django.utils import timezone

from learning.agenda.services import (
    attendance_check_in,
    attendance_set,
    feed_token_for,
    item_star,
    visit_leave,
    visit_signup,
)
from learning.models import (
    Attendance,
    AttendanceSource,
    CalendarFeed,
    Enrolment,
    ItemKind,
    ItemStar,
    Phase,
    VisitSignup,
)
from learning.selectors.progress import progress_for
from tests.html import parse, text
from tests.learning.conftest import verified
from tests.learning.factories import (
    AgendaItemFactory,
    AgendaPageFactory,
    EnrolmentFactory,
    PlaceFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.shared_academy]

ROME = zoneinfo.ZoneInfo("Europe/Rome")


@pytest.fixture
def agenda(edition):
    return AgendaPageFactory(parent=edition)


@pytest.fixture
def visit(agenda):
    return AgendaItemFactory(
        page=agenda,
        title="Visit to the one-stop shop",
        kind=ItemKind.STUDY_VISIT,
        start=datetime.time(14),
        end=datetime.time(17),
        place=PlaceFactory(name="One-stop shop"),
        capacity=1,
        required=False,
    )


@pytest.fixture
def lecture(agenda):
    return AgendaItemFactory(page=agenda, title="Opening lecture")


def enrolment_of(user, edition) -> Enrolment:
    return Enrolment.objects.get(user=user, edition=edition)


def messages_of(response) -> str:
    return text(response, ".messages")


def during(item, minutes: int = 10) -> datetime.datetime:
    return item.starts_at(ROME) + datetime.timedelta(minutes=minutes)


# Starring ------------------------------------------------------------------------------------


def test_a_trainee_stars_an_item_and_takes_the_star_back(client, trainee, edition, lecture):
    client.force_login(trainee)
    url = f"/learning/agenda/items/{lecture.pk}/star/"

    response = client.post(url, {"starred": "1"}, follow=True)

    assert "“Opening lecture” is in your agenda." in messages_of(response)
    assert "Starred: remove from my agenda" in text(response, f"#item-{lecture.pk}")
    client.post(url, {"starred": "0"})
    assert not ItemStar.objects.filter(item=lecture).exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("applicant", 403), ("other_trainee", 403), ("facilitator", 403)],
)
def test_only_trainees_of_the_edition_star_items(client, lecture, request, who, status):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.post(f"/learning/agenda/items/{lecture.pk}/star/", {"starred": "1"})
    assert response.status_code == status
    assert not ItemStar.objects.exists()


def test_an_unknown_item_is_not_found(client, trainee):
    client.force_login(trainee)
    assert client.post("/learning/agenda/items/999999/star/", {"starred": "1"}).status_code == 404


def test_starring_is_posted_only(client, trainee, lecture):
    client.force_login(trainee)
    assert client.get(f"/learning/agenda/items/{lecture.pk}/star/").status_code == 405
    assert not ItemStar.objects.exists()


# Study visits --------------------------------------------------------------------------------


def test_a_trainee_takes_the_last_place_and_the_next_one_is_told_it_is_full(
    client, trainee, edition, visit
):
    client.force_login(trainee)
    response = client.post(f"/learning/agenda/items/{visit.pk}/sign-up/", follow=True)
    assert "You have a place on the study visit" in messages_of(response)
    assert "0 places left of 1" in text(response, f"#item-{visit.pk}")

    latecomer = verified("latecomer@example.org")
    EnrolmentFactory(user=latecomer, edition=edition)
    client.force_login(latecomer)
    response = client.post(f"/learning/agenda/items/{visit.pk}/sign-up/", follow=True)

    assert "This study visit is full" in messages_of(response)
    assert VisitSignup.objects.filter(item=visit).count() == 1


def test_leaving_a_visit_frees_the_place(client, trainee, edition, visit):
    client.force_login(trainee)
    client.post(f"/learning/agenda/items/{visit.pk}/sign-up/")

    response = client.post(f"/learning/agenda/items/{visit.pk}/leave/", follow=True)

    assert "your place is free for someone else" in messages_of(response)
    assert "1 place left of 1" in text(response, f"#item-{visit.pk}")


def test_signing_up_twice_or_leaving_without_a_place_is_refused(trainee, edition, visit):
    enrolment = enrolment_of(trainee, edition)
    visit_signup(enrolment=enrolment, item=visit)
    with pytest.raises(Exception, match="already signed up"):
        visit_signup(enrolment=enrolment, item=visit)
    visit_leave(enrolment=enrolment, item=visit)
    with pytest.raises(Exception, match="not signed up"):
        visit_leave(enrolment=enrolment, item=visit)
    assert not VisitSignup.objects.exists()


def test_sign_up_closes_when_the_residential_course_begins(client, trainee, edition, visit):
    enrolment = enrolment_of(trainee, edition)
    with pytest.raises(Exception, match="Sign-up for study visits closed"):
        visit_signup(enrolment=enrolment, item=visit, on=edition.residential_start)
    assert not VisitSignup.objects.exists()


def test_an_item_that_is_not_a_visit_takes_no_sign_up(client, trainee, lecture):
    client.force_login(trainee)
    response = client.post(f"/learning/agenda/items/{lecture.pk}/sign-up/", follow=True)
    assert "This item takes no sign-ups." in messages_of(response)
    assert not VisitSignup.objects.exists()


# Self check-in with the session code -----------------------------------------------------------


def test_a_trainee_checks_in_with_the_rooms_code_while_the_item_runs(trainee, edition, lecture):
    enrolment = enrolment_of(trainee, edition)

    attendance_check_in(
        enrolment=enrolment, item=lecture, code=lecture.session_code.lower(), now=during(lecture)
    )

    attendance = Attendance.objects.get(enrolment=enrolment, item=lecture)
    assert attendance.present and attendance.source == AttendanceSource.CODE


@pytest.mark.parametrize(
    ("code", "minutes", "message"),
    [
        ("WRONG1", 10, "This code is not the one shown in the room."),
        (None, -30, "Check-in with a code is open only while the item runs (09:00 to 10:30)."),
        (None, 95, "Check-in with a code is open only while the item runs"),
    ],
)
def test_a_wrong_code_or_a_check_in_outside_the_item_is_refused(
    trainee, edition, lecture, code, minutes, message
):
    with pytest.raises(Exception, match=message.replace("(", r"\(").replace(")", r"\)")):
        attendance_check_in(
            enrolment=enrolment_of(trainee, edition),
            item=lecture,
            code=code or lecture.session_code,
            now=during(lecture, minutes),
        )
    assert not Attendance.objects.exists()


def test_the_code_form_says_what_is_wrong(client, trainee, lecture):
    client.force_login(trainee)
    response = client.post(f"/learning/agenda/items/{lecture.pk}/code/", {"code": ""}, follow=True)
    assert "Type the code shown in the room." in messages_of(response)
    response = client.post(
        f"/learning/agenda/items/{lecture.pk}/code/", {"code": "ABCDEF"}, follow=True
    )
    # The residential course is a month away: the item is not running.
    assert "open only while the item runs" in messages_of(response)
    assert not Attendance.objects.exists()


# The facilitator's check-in screen ------------------------------------------------------------


@pytest.fixture
def started(edition, lecture, monkeypatch):
    """The lecture has begun: the clock stands ten minutes into it."""
    moment = during(lecture)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


def test_the_facilitator_sees_the_code_and_the_cohort_and_marks_everyone_present(
    client, facilitator, trainee, edition, lecture, started
):
    client.force_login(facilitator)
    url = f"/learning/agenda/items/{lecture.pk}/check-in/"

    page = client.get(url)
    assert lecture.session_code in text(page, ".session-code")
    assert "0 of 1 present" in text(page)

    response = client.post(url, {"all_present": "1"}, follow=True)

    assert "Attendance saved (1 changed)." in messages_of(response)
    assert "1 of 1 present" in text(response)
    assert Attendance.objects.get(item=lecture).recorded_by == facilitator


def test_the_facilitator_marks_one_trainee_absent(
    client, facilitator, trainee, edition, lecture, started
):
    client.force_login(facilitator)
    enrolment = enrolment_of(trainee, edition)
    url = f"/learning/agenda/items/{lecture.pk}/check-in/"
    client.post(url, {"all_present": "1"})

    client.post(url, {f"mark-{enrolment.pk}": "absent"})

    assert not Attendance.objects.get(item=lecture, enrolment=enrolment).present


def test_someone_outside_the_cohort_cannot_be_checked_in(
    client, facilitator, other_trainee, lecture, started
):
    client.force_login(facilitator)
    stranger = other_trainee.enrolments.get()
    response = client.post(
        f"/learning/agenda/items/{lecture.pk}/check-in/",
        {f"mark-{stranger.pk}": "present"},
        follow=True,
    )
    assert "Only trainees of this edition can be checked in." in messages_of(response)
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("forged", ["²", "99999999999999999999", "x"])
def test_a_forged_mark_is_ignored(client, facilitator, lecture, started, forged):
    client.force_login(facilitator)
    response = client.post(
        f"/learning/agenda/items/{lecture.pk}/check-in/", {f"mark-{forged}": "present"}
    )
    assert response.status_code == 302
    assert not Attendance.objects.exists()


def test_nobody_is_checked_in_before_the_item_begins(client, facilitator, trainee, lecture):
    client.force_login(facilitator)
    response = client.post(
        f"/learning/agenda/items/{lecture.pk}/check-in/", {"all_present": "1"}, follow=True
    )
    assert "This item has not started yet" in messages_of(response)
    assert not Attendance.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("trainee", 403), ("other_trainee", 403), ("applicant", 403)],
)
def test_only_the_course_team_opens_the_check_in_screen(
    client, lecture, started, request, who, status
):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    url = f"/learning/agenda/items/{lecture.pk}/check-in/"

    page = client.get(url)
    assert page.status_code == status
    # The session code is what lets a trainee check in: nobody outside the team reads it.
    assert lecture.session_code not in page.content.decode()
    assert client.post(url, {"all_present": "1"}).status_code == status
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("trainees", [5, 200])
def test_the_check_in_screen_reads_a_fixed_number_of_queries(
    client, facilitator, edition, lecture, django_assert_max_num_queries, trainees
):
    edition.capacity = None
    edition.save()
    for number in range(trainees):
        enrolment = EnrolmentFactory(edition=edition)
        if number % 2:
            Attendance.objects.create(
                enrolment=enrolment, item=lecture, source=AttendanceSource.FACILITATOR
            )
    client.force_login(facilitator)

    with django_assert_max_num_queries(20):
        response = client.get(f"/learning/agenda/items/{lecture.pk}/check-in/")

    assert len(parse(response).select("tbody tr")) == trainees


# The threshold that completes the residential course -----------------------------------------


def test_the_residential_phase_counts_required_items_against_the_threshold(
    facilitator, trainee, edition, agenda
):
    edition.attendance_threshold = 75
    edition.save()
    items = [AgendaItemFactory(page=agenda, start=datetime.time(9 + n)) for n in range(4)]
    AgendaItemFactory(page=agenda, required=False, start=datetime.time(14))
    enrolment = enrolment_of(trainee, edition)
    moment = items[-1].ends_at(ROME) + datetime.timedelta(hours=1)

    for item in items[:2]:
        attendance_set(item=item, by=facilitator, marks={enrolment.pk: True}, now=moment)
    phase = progress_for(enrolment=enrolment).phase(Phase.RESIDENTIAL)
    assert phase.summary == "2 of 4 required sessions attended; 3 needed"
    assert not phase.complete
    enrolment.refresh_from_db()
    assert not enrolment.is_alumnus

    attendance_set(item=items[2], by=facilitator, marks={enrolment.pk: True}, now=moment)

    enrolment.refresh_from_db()
    assert enrolment.is_alumnus
    phase = progress_for(enrolment=enrolment).phase(Phase.RESIDENTIAL)
    assert phase.complete and phase.percent == 100


def test_the_facilitators_mark_still_completes_the_residential_phase(
    trainee, edition, agenda, lecture
):
    enrolment = enrolment_of(trainee, edition)
    Enrolment.objects.filter(pk=enrolment.pk).update(residential_attended_at=timezone.now())
    enrolment.refresh_from_db()
    phase = progress_for(enrolment=enrolment).phase(Phase.RESIDENTIAL)
    assert phase.complete
    assert phase.summary == "0 of 1 required session attended; 1 needed"


def test_the_dashboard_shows_the_residential_bar(client, trainee, edition, agenda, lecture):
    client.force_login(trainee)
    response = client.get("/learning/dashboard/")
    assert "0 of 1 required session attended; 1 needed" in text(response)


# The personal feed ---------------------------------------------------------------------------


def test_a_trainee_subscribes_to_a_personal_feed_and_renews_its_address(
    client, trainee, edition, agenda, lecture, visit
):
    optional = AgendaItemFactory(page=agenda, title="Evening debate", required=False)
    AgendaItemFactory(page=agenda, title="Not mine", required=False)
    enrolment = enrolment_of(trainee, edition)
    item_star(enrolment=enrolment, item=optional, starred=True)
    visit_signup(enrolment=enrolment, item=visit)
    client.force_login(trainee)

    response = client.post(f"/learning/{edition.slug}/feed/renew/", follow=True)
    token = CalendarFeed.objects.get(enrolment=enrolment).token
    assert f"webcal://testserver/learning/feeds/{token}.ics" in text(response)

    client.logout()
    feed = client.get(f"/learning/feeds/{token}.ics")
    calendar = icalendar.Calendar.from_ical(feed.content)
    titles = sorted(str(event["summary"]) for event in calendar.walk("VEVENT"))
    assert titles == ["Evening debate", "Opening lecture", "Visit to the one-stop shop"]

    client.force_login(trainee)
    client.post(f"/learning/{edition.slug}/feed/renew/")
    client.logout()
    assert client.get(f"/learning/feeds/{token}.ics").status_code == 404
    new_token = CalendarFeed.objects.get(enrolment=enrolment).token
    renewed = client.get(f"/learning/feeds/{new_token}.ics")
    assert renewed.status_code == 200
    # The new address serves the same personal agenda.
    calendar = icalendar.Calendar.from_ical(renewed.content)
    assert sorted(str(event["summary"]) for event in calendar.walk("VEVENT")) == titles


def test_an_unknown_feed_token_is_not_found(client):
    assert client.get("/learning/feeds/not-a-token.ics").status_code == 404


@pytest.mark.parametrize(("who", "status"), [("anonymous", 302), ("applicant", 403)])
def test_only_trainees_have_a_feed(client, edition, request, who, status):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    assert client.post(f"/learning/{edition.slug}/feed/renew/").status_code == status
    assert not CalendarFeed.objects.exists()


@pytest.mark.parametrize("items", [5, 60])
def test_the_personal_feed_reads_a_fixed_number_of_queries(
    client, trainee, edition, agenda, django_assert_max_num_queries, items
):
    enrolment = enrolment_of(trainee, edition)
    token = feed_token_for(enrolment=enrolment)
    for number in range(items):
        item = AgendaItemFactory(
            page=agenda, required=number % 2 == 0, place=PlaceFactory(), start=datetime.time(8)
        )
        if number % 3 == 0:
            item_star(enrolment=enrolment, item=item, starred=True)

    with django_assert_max_num_queries(10):
        response = client.get(f"/learning/feeds/{token}.ics")

    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == len([n for n in range(items) if n % 2 == 0 or n % 3 == 0])
