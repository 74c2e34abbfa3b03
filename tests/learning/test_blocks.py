"""Editors' mistakes in a knowledge check are refused with a message, not a server error."""

import pytest
from wagtail.blocks import StructBlockValidationError

from learning.blocks import CheckQuestionBlock, KnowledgeCheckBlock


def question(*options: tuple[str, bool]):
    block = CheckQuestionBlock()
    return block, block.to_python(
        {
            "question": "Why 'functioning' rather than 'best' practice?",
            "options": [{"text": text, "correct": correct} for text, correct in options],
        }
    )


def test_a_question_without_a_right_answer_is_refused_with_a_message():
    block, value = question(("It is shorter", False), ("It sounds modest", False))

    with pytest.raises(StructBlockValidationError) as refusal:
        block.clean(value)

    assert refusal.value.block_errors["options"].messages == [
        "Mark at least one option as correct."
    ]


def test_a_question_with_a_right_answer_is_accepted():
    block, value = question(("Context matters", True), ("It is shorter", False))

    assert block.clean(value)["question"].startswith("Why")


def check(**settings):
    block = KnowledgeCheckBlock()
    raw = {
        "title": "Check your understanding",
        "pass_mark": 50,
        "questions": [
            {
                "question": "Why 'functioning' rather than 'best' practice?",
                "options": [
                    {"text": "Context matters", "correct": True},
                    {"text": "It is shorter", "correct": False},
                ],
            }
        ],
        **settings,
    }
    return block, block.to_python(raw)


@pytest.mark.parametrize("attempts", [None, 0, 3])
def test_a_check_takes_no_limit_or_a_number_of_attempts(attempts):
    block, value = check(max_attempts=attempts, reveal_answers="never")

    cleaned = block.clean(value)

    assert cleaned["max_attempts"] == attempts
    assert cleaned["reveal_answers"] == "never"


def test_a_negative_number_of_attempts_is_refused_with_a_message():
    block, value = check(max_attempts=-1)

    with pytest.raises(StructBlockValidationError) as refusal:
        block.clean(value)

    assert "max_attempts" in refusal.value.block_errors


def test_an_unknown_reveal_setting_is_refused():
    block, value = check(reveal_answers="on_request")

    with pytest.raises(StructBlockValidationError) as refusal:
        block.clean(value)

    assert "reveal_answers" in refusal.value.block_errors
