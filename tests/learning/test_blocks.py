"""Editors' mistakes in a knowledge check are refused with a message, not a server error."""

import pytest
from wagtail.blocks import StructBlockValidationError

from learning.blocks import CheckQuestionBlock


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
