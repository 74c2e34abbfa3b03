"""Changes to a published agenda reach the trainees they concern: one e-mail per trainee for a
batch of edits, the changed items marked on the agenda, and a changelog."""

import datetime

import pytest
from django.core import mail
from django.test import TestCase

from learning.agenda.changes import schedule_changes_send
from learning.agenda.services import item_star
from learning.models import AgendaItem, AgendaPage, ChangeKind, Enrolment, ScheduleChange
from tests.html import table_rows, text
from tests.learning.conftest import verified
from tests.learning.factories import (
    AgendaItemFactory,
    AgendaPageFactory,
    EnrolmentFactory,
    PlaceFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.shared_academy]


def publish(agenda: AgendaPage) -> None:
    AgendaPage.objects.get(pk=agenda.pk).save_revision().publish()


@pytest.fixture
def agenda(edition):
    agenda = AgendaPageFactory(parent=edition)
    return agenda


@pytest.fixture
def lecture(agenda):
    return AgendaItemFactory(
        page=agenda, title="Opening lecture", place=PlaceFactory(name="Sala Europa")
    )


@pytest.fixture
def debate(agenda):
    return AgendaItemFactory(
        page=agenda,
        title="Evening debate",
        required=False,
        start=datetime.time(18),
        end=datetime.time(19),
    )


@pytest.fixture
def published(agenda, lecture, debate):
    publish(agenda)
    return agenda


def test_the_first_publication_records_no_change(published):
    assert not ScheduleChange.objects.exists()


def test_a_new_time_place_or_cancellation_is_recorded_on_publication(published, lecture):
    AgendaItem.objects.filter(pk=lecture.pk).update(
        start=datetime.time(9, 30), end=datetime.time(11), place=PlaceFactory(name="Sala Asia")
    )
    publish(published)
    AgendaItem.objects.filter(pk=lecture.pk).update(cancelled=True)
    publish(published)

    kinds = sorted(ScheduleChange.objects.values_list("kind", flat=True))
    assert kinds == sorted([ChangeKind.TIME, ChangeKind.PLACE, ChangeKind.CANCELLED])
    place = ScheduleChange.objects.get(kind=ChangeKind.PLACE)
    assert (place.before, place.after) == ("Sala Europa", "Sala Asia")


def test_a_draft_edit_is_not_a_change(published, lecture):
    page = AgendaPage.objects.get(pk=published.pk)
    page.title = "Agenda of the week"
    page.save_revision()
    assert not ScheduleChange.objects.exists()


def test_ten_edits_send_one_message_to_each_trainee_concerned(
    published, lecture, debate, edition, trainee
):
    starring = verified("starring@example.org")
    EnrolmentFactory(user=starring, edition=edition)
    item_star(enrolment=Enrolment.objects.get(user=starring), item=debate, starred=True)
    bystander = verified("bystander@example.org")
    EnrolmentFactory(user=bystander, edition=edition)
    for minutes in range(1, 11):
        AgendaItem.objects.filter(pk=debate.pk).update(start=datetime.time(18, minutes))
        publish(published)
    mail.outbox = []

    with TestCase.captureOnCommitCallbacks(execute=True):
        sent = schedule_changes_send()

    assert sent == 1
    assert [message.to for message in mail.outbox] == [["starring@example.org"]]
    body = mail.outbox[0].body
    assert body.count("Evening debate") == 1
    assert body.count("Time:") == 10
    assert "18:10" in body
    assert ScheduleChange.objects.filter(notified_at__isnull=True).count() == 0
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert schedule_changes_send() == 0


def test_a_required_item_concerns_the_whole_cohort_and_mail_leaves_after_commit(
    published, lecture, edition, trainee, applicant, other_trainee
):
    AgendaItem.objects.filter(pk=lecture.pk).update(cancelled=True)
    mail.outbox = []

    with TestCase.captureOnCommitCallbacks(execute=True):
        publish(published)

    assert [message.to for message in mail.outbox] == [["trainee@example.org"]]
    assert "Opening lecture" in mail.outbox[0].body
    assert "Cancelled" in mail.outbox[0].body


def test_the_agenda_marks_changed_items_and_the_changelog_lists_them(
    client, published, lecture, debate, edition
):
    AgendaItem.objects.filter(pk=lecture.pk).update(start=datetime.time(8), end=datetime.time(9))
    publish(published)

    page = client.get(published.url)
    assert "Changed on" in text(page, f"#item-{lecture.pk}")
    assert "Changed on" not in text(page, f"#item-{debate.pk}")

    changelog = client.get(f"/learning/{edition.slug}/agenda/changes/")
    heading, row = table_rows(changelog)
    assert heading == ["When", "Session", "Change"]
    assert row[1] == "Opening lecture"
    assert row[2].startswith("Time:")
    assert "08:00–09:00" in row[2]


def test_no_changelog_without_a_published_agenda(client, edition):
    assert client.get(f"/learning/{edition.slug}/agenda/changes/").status_code == 404
    assert client.get("/learning/no-such-edition/agenda/changes/").status_code == 404
