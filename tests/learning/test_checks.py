"""Grading a knowledge check: exact answers score, anything else in the sheet is refused."""

import pytest
from django.core.exceptions import ValidationError

from learning.knowledge_checks import (
    blocks_of,
    check_ids,
    find_block,
    grade,
    required_reflection_ids,
)
from tests.learning.factories import LessonPageFactory, knowledge_check

pytestmark = [pytest.mark.django_db, pytest.mark.shared_academy]


@pytest.fixture
def lesson(module_one):
    return LessonPageFactory(
        parent=module_one,
        body=[
            {"type": "paragraph", "id": "text", "value": "<p>Read first.</p>"},
            {"type": "reflection", "id": "must", "value": {"prompt": "<p>A</p>", "required": True}},
            {"type": "reflection", "id": "may", "value": {"prompt": "<p>B</p>", "required": False}},
            {"type": "knowledge_check", "id": "check", "value": knowledge_check(pass_mark=50)},
        ],
    )


def check_value(lesson):
    return find_block(lesson, "knowledge_check", "check").value


def test_blocks_are_found_by_their_stream_ids(lesson):
    assert check_ids(lesson) == ["check"]
    assert required_reflection_ids(lesson) == ["must"]
    assert [block.id for block in blocks_of(lesson, "reflection", "knowledge_check")] == [
        "must",
        "may",
        "check",
    ]
    assert find_block(lesson, "knowledge_check", "must") is None


def test_every_question_right_scores_a_hundred(lesson):
    result = grade(check_value(lesson), {"q1": ["q1-right"], "q2": ["q2-right"]})

    assert result.score == 100
    assert result.passed
    assert result.questions[1].correct_ids == ["q2-right"]


def test_half_right_meets_a_pass_mark_of_fifty(lesson):
    result = grade(check_value(lesson), {"q1": ["q1-right"], "q2": ["q2-wrong"]})

    assert result.score == 50
    assert result.passed
    assert [question.is_correct for question in result.questions] == [True, False]


def test_a_right_option_with_a_wrong_one_is_not_exactly_right(lesson):
    result = grade(check_value(lesson), {"q1": ["q1-right", "q1-wrong"], "q2": ["q2-wrong"]})

    assert result.score == 0
    assert not result.passed


def test_choosing_the_same_option_twice_counts_once(lesson):
    result = grade(check_value(lesson), {"q1": ["q1-right", "q1-right"], "q2": ["q2-right"]})

    assert result.questions[0].chosen_ids == ["q1-right"]
    assert result.score == 100


def test_a_single_option_id_as_a_string_is_accepted(lesson):
    assert grade(check_value(lesson), {"q1": "q1-right", "q2": "q2-right"}).score == 100


@pytest.mark.parametrize(
    "answers",
    [
        {"q1": ["q1-right"]},
        {"q1": ["q1-right"], "q2": None},
        {"q1": ["q2-right"], "q2": ["q2-right"]},
        {"q1": ["q1-right"], "q2": ["nobody-knows"]},
        {"q1": [3], "q2": ["q2-right"]},
        {"q1": ["q1-right"], "q2": ["q2-right"], "extra": ["q1-right"]},
        ["q1-right", "q2-right"],
        None,
    ],
)
def test_malformed_answer_sheets_are_refused(lesson, answers):
    with pytest.raises(ValidationError):
        grade(check_value(lesson), answers)


def test_the_explanation_comes_back_as_html(lesson):
    result = grade(check_value(lesson), {"q1": ["q1-wrong"], "q2": ["q2-wrong"]})

    assert result.questions[0].explanation_html == "<p>What works depends on where it works.</p>"
    assert result.questions[0].question == "Why 'functioning' rather than 'best' practice?"
