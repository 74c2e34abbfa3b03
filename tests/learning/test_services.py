"""Enrolment, completion, checks, reflections, attendance and certificates as services."""

import pytest
from django.core import mail

from learning import services
from learning.models import Certificate, Enrolment, EnrolmentStatus, LessonCompletion
from learning.selectors import progress_for

pytestmark = pytest.mark.django_db

APPLICATION = {
    "organisation": "City of Vejle",
    "role": "Integration officer",
    "city": "Vejle",
    "country": "Denmark",
    "motivation": "We are starting a one-stop shop for newcomers.",
}


def test_a_verified_member_applies_and_is_told_by_email(
    member, programme, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = services.enrolment_apply(user=member, programme=programme, **APPLICATION)

    assert enrolment.status == EnrolmentStatus.APPLIED
    assert len(mail.outbox) == 1
    assert programme.title in mail.outbox[0].subject


def test_a_trainee_completes_every_lesson_attends_and_gets_a_certificate(
    trainee, programme, lessons, facilitator
):
    enrolment = Enrolment.objects.get(user=trainee)
    for key in ("what", "why", "transfer"):
        services.lesson_complete(enrolment=enrolment, lesson=lessons[key])
    services.residential_attendance_set(enrolment=enrolment, by=facilitator, attended=True)

    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1
    assert LessonCompletion.objects.filter(enrolment=enrolment).count() == 3
    assert progress_for(enrolment=enrolment).complete
