"""A finished edition is a record: its trainees and alumni may read its lessons, but nothing they
post changes it any more, and the lesson page says so instead of offering forms."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from learning import services
from learning.models import (
    Certificate,
    CheckAttempt,
    Enrolment,
    EnrolmentStatus,
    LessonCompletion,
    Reflection,
)
from tests.html import links, parse, text
from tests.learning.conftest import verified
from tests.learning.factories import (
    EditionPageFactory,
    EnrolmentFactory,
    LessonPageFactory,
    ModulePageFactory,
    knowledge_check,
)
from tests.learning.test_lesson_actions import check_url, complete_url, messages_of, reflection_url

pytestmark = pytest.mark.django_db

CLOSED = "This edition has finished: its lessons stay open to read"


def days(offset: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=offset)


@pytest.fixture
def past_edition(academy):
    return EditionPageFactory(
        parent=academy,
        title="Turin 2014",
        slug="turin-2014",
        pre_training_start=days(-400),
        pre_training_end=days(-340),
        residential_start=days(-330),
        residential_end=days(-325),
        follow_up_start=days(-324),
        follow_up_end=days(-1),
    )


@pytest.fixture
def past_lessons(past_edition):
    module = ModulePageFactory(parent=past_edition, title="Foundations", slug="foundations")
    reading = LessonPageFactory(parent=module, title="Reading", slug="reading")
    practice = LessonPageFactory(
        parent=module,
        title="Practise",
        slug="practise",
        body=[
            {
                "type": "reflection",
                "id": "reflect",
                "value": {"prompt": "<p>Which practice functions in your city?</p>"},
            },
            {"type": "knowledge_check", "id": "check", "value": knowledge_check(pass_mark=50)},
        ],
    )
    return {"reading": reading, "practice": practice}


@pytest.fixture
def alumnus(past_edition):
    user = verified("alumnus@example.org")
    EnrolmentFactory(user=user, edition=past_edition, status=EnrolmentStatus.ACCEPTED)
    return user


def enrolment_of(user):
    return user.enrolments.get()


def test_the_services_refuse_new_work_in_a_finished_edition(alumnus, past_lessons):
    enrolment = enrolment_of(alumnus)
    practice = past_lessons["practice"]

    with pytest.raises(ValidationError, match=CLOSED):
        services.lesson_complete(enrolment=enrolment, lesson=past_lessons["reading"])
    with pytest.raises(ValidationError, match=CLOSED):
        services.check_submit(
            enrolment=enrolment, lesson=practice, block_id="check", answers={"q1": ["q1-right"]}
        )
    with pytest.raises(ValidationError, match=CLOSED):
        services.reflection_save(
            enrolment=enrolment, lesson=practice, block_id="reflect", text="Mine", shared=False
        )

    assert not LessonCompletion.objects.exists()
    assert not CheckAttempt.objects.exists()
    assert not Reflection.objects.exists()


@pytest.mark.parametrize(
    ("url_of", "lesson_key", "data"),
    [
        (complete_url, "reading", {}),
        (check_url, "practice", {"answer-q1": "q1-right", "answer-q2": "q2-right"}),
        (reflection_url, "practice", {"text": "What I learnt", "shared": "on"}),
    ],
    ids=["complete", "check", "reflection"],
)
def test_posting_to_a_finished_edition_says_why_and_saves_nothing(
    client, alumnus, past_lessons, url_of, lesson_key, data
):
    client.force_login(alumnus)
    response = client.post(url_of(past_lessons[lesson_key]), data)

    assert response.status_code == 302
    assert any(CLOSED in message for message in messages_of(response))
    assert not LessonCompletion.objects.exists()
    assert not CheckAttempt.objects.exists()
    assert not Reflection.objects.exists()


def test_the_lesson_page_reads_but_offers_no_forms(client, alumnus, past_lessons):
    practice = past_lessons["practice"]
    Reflection.objects.create(
        enrolment=enrolment_of(alumnus), lesson=practice, block_id="reflect", text="Back then"
    )
    client.force_login(alumnus)

    response = client.get(practice.url)

    page = text(response, "main")
    assert response.status_code == 200
    assert CLOSED in page
    assert "Which practice functions in your city?" in page
    assert "Back then" in page
    assert "Mark as complete" not in page
    assert "Save my reflection" not in page and "Update my reflection" not in page
    assert "Submit my answers" not in page
    # Nothing on the page posts any more (the log-out form in the header aside).
    actions = [form.get("action") for form in parse(response).find_all("form")]
    assert not [action for action in actions if action and action.startswith(practice.url)]


def test_a_running_edition_still_takes_work(client, trainee, lessons):
    client.force_login(trainee)
    response = client.get(lessons["what"].url)

    assert CLOSED not in text(response, "main")
    assert "Mark as complete" in text(response, "main")


# ------------------------------------------------------------------ My learning for alumni

DASHBOARD = "/learning/dashboard/"


def my_learning(client, user) -> str:
    client.force_login(user)
    return text(client.get(DASHBOARD), "main")


@pytest.fixture
def certified_alumnus(alumnus, past_edition):
    enrolment = enrolment_of(alumnus)
    Enrolment.objects.filter(pk=enrolment.pk).update(
        status=EnrolmentStatus.COMPLETED, residential_attended_at=timezone.now()
    )
    return alumnus, Certificate.objects.create(enrolment=enrolment)


def test_an_alumnus_reads_that_the_edition_finished_with_the_certificate_and_what_comes_next(
    client, academy, certified_alumnus, past_edition, past_lessons
):
    alumnus, certificate = certified_alumnus
    current = EditionPageFactory(parent=academy, title="Ghent 2027", slug="ghent-2027")
    client.force_login(alumnus)

    response = client.get(DASHBOARD)

    page = text(response, "main")
    finished_on = past_edition.follow_up_end.strftime("%-d %B %Y")
    assert f"This edition finished on {finished_on}." in page
    assert ("See your certificate", f"/certificates/{certificate.code}/") in links(response)
    assert "What comes next" in page
    assert ("Ghent 2027", current.url) in links(response, "main")
    # Nothing speaks to a trainee with work still ahead of them.
    assert "You have not written a reflection in this edition yet." not in page
    assert "You did not write a reflection in this edition." in page
    assert "Continue where you left off" not in page
    assert "Still needed for your certificate" not in page


def test_an_alumnus_without_a_certificate_is_not_told_what_is_still_needed(
    client, academy, alumnus, past_edition, past_lessons
):
    later = ModulePageFactory(parent=past_edition, title="Transfer", requires_previous=True)
    LessonPageFactory(parent=later, title="Transfer it")

    page = my_learning(client, alumnus)

    assert "This edition finished on" in page
    assert "See your certificate" not in page
    assert "Still needed for your certificate" not in page
    assert "Continue where you left off" not in page
    assert "Opens once you complete" not in page


def test_an_alumnus_already_in_the_current_edition_is_not_pointed_back_to_it(
    client, academy, alumnus, past_edition
):
    current = EditionPageFactory(parent=academy, title="Ghent 2027", slug="ghent-2027")
    EnrolmentFactory(user=alumnus, edition=current, status=EnrolmentStatus.ACCEPTED)
    client.force_login(alumnus)

    response = client.get(DASHBOARD)

    page = text(response, "main")
    # Ghent is on the page as their own running edition; the finished one points to the
    # academy's editions instead of back to it.
    assert ("Ghent 2027", current.url) in links(response, "main")
    assert ("See the academy's editions", academy.url) in links(response, "main")
    assert "The academy's current edition" not in page


def test_a_running_editions_trainee_keeps_the_present_tense(client, trainee, lessons):
    page = my_learning(client, trainee)

    assert "This edition finished" not in page
    assert "You have not written a reflection in this edition yet." in page
    assert "What comes next" not in page
