"""Several submissions of one knowledge check at the same moment, with one attempt left: the
enrolment's row is locked while attempts are counted, so the limit holds. Needs PostgreSQL's row
locks; SQLite serialises every write anyway and cannot show the race."""

import time

import pytest
from django.db import connection

from learning import services
from learning.models import CheckAttempt, Enrolment
from tests.learning.factories import LessonPageFactory, knowledge_check
from tests.learning.test_capacity_race import run_at_once

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the attempts race needs PostgreSQL row locks (select_for_update); "
        f"this run uses {connection.vendor}",
    ),
]

WRONG = {"q1": ["q1-wrong"], "q2": ["q2-wrong"]}


@pytest.fixture
def slow_save(monkeypatch):
    """Widen the gap between counting the attempts and saving the new one."""
    original = CheckAttempt.full_clean

    def full_clean(self, *args, **kwargs):
        time.sleep(0.05)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(CheckAttempt, "full_clean", full_clean)


def test_six_submissions_at_once_take_only_the_attempts_left(trainee, module_one, slow_save):
    lesson = LessonPageFactory(
        parent=module_one,
        body=[
            {
                "type": "knowledge_check",
                "id": "check",
                "value": knowledge_check(pass_mark=100, max_attempts=3),
            }
        ],
    )
    enrolment = Enrolment.objects.get(user=trainee)
    services.check_submit(enrolment=enrolment, lesson=lesson, block_id="check", answers=WRONG)

    outcomes = run_at_once(
        [
            lambda: services.check_submit(
                enrolment=enrolment, lesson=lesson, block_id="check", answers=WRONG
            )
            for _ in range(6)
        ]
    )

    assert outcomes.count("ok") == 2
    assert outcomes.count("You have used all 3 attempts at this check.") == 4
    assert CheckAttempt.objects.filter(enrolment=enrolment).count() == 3
