"""The agenda page: public once published, items by day with their type, filters, now and next,
the trainee's own state (pre-work, stars, places), the edition page's summary, the calendar file
of the whole agenda, the admin's checks on items, and the page's query budget."""

import datetime
import zoneinfo

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from learning.agenda.forms import overlaps
from learning.agenda.page_state import AgendaFilters, agenda_page_state
from learning.models import AgendaItem, Attendance, AttendanceSource, EnrolmentStatus, ItemKind
from tests.cms.factories import PersonFactory
from tests.html import field_value, headings, hrefs, parse, text, texts
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
def week(agenda, edition):
    """A lecture and a study visit on the first day, a role play on the second."""
    hall = PlaceFactory(name="Main hall")
    site = PlaceFactory(name="Casa del Quartiere", address="Via Morgari 14, Turin")
    speaker = PersonFactory(name="Maria Rossi")
    first = edition.residential_start
    return {
        "lecture": AgendaItemFactory(
            page=agenda, title="Localisation and mainstreaming", place=hall, speakers=[speaker]
        ),
        "visit": AgendaItemFactory(
            page=agenda,
            title="Visit to a neighbourhood house",
            kind=ItemKind.STUDY_VISIT,
            start=datetime.time(14, 0),
            end=datetime.time(17, 0),
            place=site,
            capacity=2,
            required=False,
        ),
        "role_play": AgendaItemFactory(
            page=agenda,
            title="Negotiating a housing pilot",
            kind=ItemKind.ROLE_PLAY,
            date=first + datetime.timedelta(days=1),
            place=hall,
        ),
        "hall": hall,
        "speaker": speaker,
    }


def test_anyone_reads_a_published_agenda_by_day_with_each_items_type(client, agenda, week):
    response = client.get(agenda.url)

    assert response.status_code == 200
    days = headings(response, "h2", ".agenda")
    assert len([day for day in days if "Filter" not in day]) == 2
    first_day = texts(response, ".agenda-day:first-of-type .agenda-item__title")
    assert first_day == ["Localisation and mainstreaming", "Visit to a neighbourhood house"]
    assert "Lecture and discussion" in text(response, f"#item-{week['lecture'].pk}")
    assert "Maria Rossi" in text(response, f"#item-{week['lecture'].pk}")
    assert "2 places left of 2" in text(response, f"#item-{week['visit'].pk}")
    # A visitor sees what the week holds, and nothing to post.
    assert not parse(response).select(".agenda-item form")


def test_a_draft_agenda_is_not_public(client, edition):
    draft = AgendaPageFactory(parent=edition, live=False)
    assert client.get(f"/academy/{edition.slug}/agenda/").status_code == 404
    assert draft.pk


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"type": "role_play"}, ["Negotiating a housing pilot"]),
        ({"place": "hall"}, ["Localisation and mainstreaming", "Negotiating a housing pilot"]),
        ({"speaker": "maria"}, ["Localisation and mainstreaming"]),
        ({"type": "no-such-type"}, None),
        ({"speaker": "abc"}, None),
        ({"speaker": "²"}, None),  # a digit to str.isdigit(), not to int()
        ({"place": "99999999999999999999"}, None),  # beyond any id column
    ],
)
def test_filters_by_type_place_and_speaker_and_ignore_nonsense(
    client, agenda, week, query, expected
):
    values = {
        key: {"hall": str(week["hall"].pk), "maria": str(week["speaker"].pk)}.get(value, value)
        for key, value in query.items()
    }
    response = client.get(agenda.url, values)

    assert response.status_code == 200
    titles = texts(response, ".agenda-item__title")
    if expected is None:
        assert len(titles) == 3
    else:
        assert titles == expected


def test_a_filter_that_matches_nothing_says_so(client, agenda, week):
    response = client.get(agenda.url, {"type": "break"})
    assert "No item of the agenda matches these filters." in text(response)


def test_the_trainee_sees_the_state_of_the_pre_work_and_their_actions(
    client, agenda, edition, lessons, trainee
):
    item = AgendaItemFactory(page=agenda, title="Case study", prework=lessons["what"])
    client.force_login(trainee)

    response = client.get(agenda.url)

    card = text(response, f"#item-{item.pk}")
    assert "Pre-work: What functions" in card
    assert "To do" in card
    assert "Star: add to my agenda" in card


@pytest.mark.parametrize("who", ["applicant", "other_trainee", "facilitator"])
def test_only_trainees_of_the_edition_get_the_trainee_actions(client, agenda, week, request, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(agenda.url)
    assert "Star: add to my agenda" not in text(response)
    assert ("Check-in screen" in text(response)) is (who == "facilitator")


def test_now_and_next_are_marked_while_the_residential_course_runs(agenda, edition):
    now = datetime.datetime.combine(edition.residential_start, datetime.time(9, 30), tzinfo=ROME)
    running = AgendaItemFactory(page=agenda, title="Running")
    later = AgendaItemFactory(
        page=agenda, title="Later", start=datetime.time(11, 0), end=datetime.time(12, 0)
    )
    AgendaItemFactory(
        page=agenda, title="Even later", start=datetime.time(14, 0), end=datetime.time(15, 0)
    )

    view = agenda_page_state(user=verified("someone@example.org"), agenda=agenda, now=now)

    rows = {row.item.pk: row for _day, rows in view.days for row in rows}
    assert rows[running.pk].is_now and not rows[running.pk].is_next
    assert rows[later.pk].is_next
    assert sum(row.is_now or row.is_next for row in rows.values()) == 2
    before = agenda_page_state(
        user=verified("other@example.org"),
        agenda=agenda,
        now=now - datetime.timedelta(days=3),
    )
    assert not any(row.is_now or row.is_next for _day, rows in before.days for row in rows)


def test_filters_from_a_query_keep_only_meaningful_values():
    assert AgendaFilters.from_query({"type": "lecture", "speaker": "7", "place": "-1"}) == (
        AgendaFilters(kind="lecture", speaker=7, place=None)
    )


def test_the_edition_page_sums_up_the_residential_week(client, edition, agenda, week):
    response = client.get(edition.url)

    summary = text(response, ".residential-summary")
    assert "2 days in Training centre, Turin" in summary
    assert "study visit" in summary
    assert "Casa del Quartiere" in summary
    assert agenda.url in hrefs(response, ".residential-summary")


def test_the_edition_page_says_nothing_of_an_unpublished_agenda(client, edition):
    AgendaPageFactory(parent=edition, live=False)
    response = client.get(edition.url)
    assert not parse(response).select(".residential-summary")


# The calendar file ---------------------------------------------------------------------------


def _events(response) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def test_the_agenda_calendar_has_every_item_with_time_zone_place_and_stable_uid(
    client, edition, agenda, week
):
    response = client.get(f"/academy/{edition.slug}/agenda.ics")

    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Rome"]
    events = _events(response)
    assert set(events) == {
        "Localisation and mainstreaming",
        "Visit to a neighbourhood house",
        "Negotiating a housing pilot",
    }
    visit = events["Visit to a neighbourhood house"]
    assert visit.decoded("dtstart") == datetime.datetime.combine(
        edition.residential_start, datetime.time(14), tzinfo=ROME
    )
    assert "Via Morgari 14" in str(visit["location"])
    uid = str(visit["uid"])

    # An edit keeps the UID, so a subscribed calendar updates the event.
    AgendaItem.objects.filter(pk=week["visit"].pk).update(start=datetime.time(15, 0))
    again = _events(client.get(f"/academy/{edition.slug}/agenda.ics"))
    assert str(again["Visit to a neighbourhood house"]["uid"]) == uid
    assert again["Visit to a neighbourhood house"].decoded("dtstart").hour == 15


def test_no_calendar_without_a_published_agenda(client, edition):
    assert client.get(f"/academy/{edition.slug}/agenda.ics").status_code == 404
    AgendaPageFactory(parent=edition, live=False)
    assert client.get(f"/academy/{edition.slug}/agenda.ics").status_code == 404
    assert client.get("/academy/no-such-edition/agenda.ics").status_code == 404


# The admin's checks ---------------------------------------------------------------------------


def test_an_item_ending_before_it_starts_is_refused(agenda):
    item = AgendaItem(
        page=agenda,
        date=datetime.date(2027, 2, 10),
        start=datetime.time(11),
        end=datetime.time(10),
        kind=ItemKind.LECTURE,
        title="Backwards",
    )
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert error.value.message_dict["end"] == ["The item must end after it starts."]


def test_two_items_overlapping_in_one_room_are_found_with_both_titles(agenda, edition):
    hall = PlaceFactory(name="Sala Europa")
    day = edition.residential_start
    opening, plenary = (
        AgendaItem(
            date=day,
            start=datetime.time(9),
            end=datetime.time(10, 30),
            kind=ItemKind.LECTURE,
            title="Opening",
            place=hall,
        ),
        AgendaItem(
            date=day,
            start=datetime.time(10),
            end=datetime.time(11),
            kind=ItemKind.PLENARY,
            title="Plenary",
            place=hall,
        ),
    )
    [(later, message)] = overlaps([opening, plenary])
    assert later is plenary
    assert "“Opening” and “Plenary” overlap in Sala Europa" in message

    plenary.start = datetime.time(10, 30)  # back to back is fine
    assert overlaps([opening, plenary]) == []
    plenary.start, plenary.place = datetime.time(10), PlaceFactory(name="Sala Asia")
    assert overlaps([opening, plenary]) == []


def test_the_admin_refuses_an_overlap_with_a_message(client, agenda, edition, week):
    from tests.cms.factories import UserFactory

    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    url = f"/admin/pages/{agenda.pk}/edit/"
    form = parse(client.get(url)).select_one("form#page-edit-form")
    data = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name = field["name"]
        if field.name == "select":
            chosen = field.select("option[selected]")
            if field.has_attr("multiple"):
                data[name] = [option["value"] for option in chosen]
            else:
                data[name] = chosen[0]["value"] if chosen else ""
        elif field.get("type") in {"checkbox", "radio"}:
            if field.has_attr("checked"):
                data.setdefault(name, field.get("value", "on"))
        else:
            data[name] = field.get("value", field.text)
    # Move the role play onto the lecture's morning, in the same hall.
    prefix = next(
        key.removesuffix("-title")
        for key, value in data.items()
        if value == "Negotiating a housing pilot"
    )
    data[f"{prefix}-date"] = edition.residential_start.isoformat()
    before = AgendaItem.objects.get(pk=week["role_play"].pk).date

    response = client.post(url, {**data, "action-publish": "action-publish"})

    assert response.status_code == 200
    assert "overlap in Main hall" in text(response)
    assert AgendaItem.objects.get(pk=week["role_play"].pk).date == before
    assert field_value(response, "title") == agenda.title


# Query budget --------------------------------------------------------------------------------

QUERY_BUDGET = 36


@pytest.mark.parametrize("items", [5, 60])
def test_the_agenda_page_reads_a_fixed_number_of_queries(
    client, agenda, edition, lessons, trainee, django_assert_max_num_queries, items
):
    places = [PlaceFactory() for _ in range(3)]
    people = [PersonFactory() for _ in range(3)]
    enrolment = trainee.enrolments.get()
    for number in range(items):
        item = AgendaItemFactory(
            page=agenda,
            date=edition.residential_start + datetime.timedelta(days=number % 5),
            start=datetime.time(8 + number // 5 % 10),
            end=datetime.time(9 + number // 5 % 10),
            place=places[number % 3],
            speakers=people[: 1 + number % 3],
            prework=lessons["what"] if number % 2 else None,
            kind=ItemKind.STUDY_VISIT if number % 7 == 0 else ItemKind.LECTURE,
            capacity=10 if number % 7 == 0 else None,
        )
        if number % 4 == 0:
            Attendance.objects.create(
                enrolment=enrolment, item=item, source=AttendanceSource.FACILITATOR
            )
    client.force_login(trainee)

    with django_assert_max_num_queries(QUERY_BUDGET):
        response = client.get(agenda.url)

    assert len(parse(response).select(".agenda-item")) == items


def test_a_completed_trainee_still_sees_their_agenda(client, agenda, week, edition):
    user = verified("done@example.org")
    EnrolmentFactory(
        user=user,
        edition=edition,
        status=EnrolmentStatus.COMPLETED,
        residential_attended_at=timezone.now(),
    )
    client.force_login(user)
    assert "Star: add to my agenda" in text(client.get(agenda.url))


def test_editors_list_every_agenda_item_and_reach_its_check_in_screen(client, editor, week):
    client.force_login(editor)
    response = client.get("/admin/learning/agenda-items/")

    assert response.status_code == 200
    assert "Negotiating a housing pilot" in text(response)
    assert f"/learning/agenda/items/{week['lecture'].pk}/check-in/" in hrefs(response)
    # Items are edited on their agenda page, never from the listing.
    edit_url = f"/admin/learning/agenda-items/edit/{week['lecture'].pk}/"
    assert client.get(edit_url).status_code in {302, 403}
    assert client.post(edit_url, {"title": "Renamed"}).status_code in {302, 403}
    week["lecture"].refresh_from_db()
    assert week["lecture"].title == "Localisation and mainstreaming"


def test_a_trainee_has_no_admin_listing(client, trainee, week):
    client.force_login(trainee)
    response = client.get("/admin/learning/agenda-items/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert "Negotiating a housing pilot" not in response.content.decode()
