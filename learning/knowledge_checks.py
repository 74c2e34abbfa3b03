"""Knowledge checks and reflection prompts inside a lesson body: finding them by block id, and
grading an answer sheet. Pure functions over StreamField values, no queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import CheckAttempt, LessonPage

CHECK = "knowledge_check"
REFLECTION = "reflection"


@dataclass(frozen=True)
class QuestionResult:
    question_id: str
    question: str
    chosen_ids: list[str]
    correct_ids: list[str]
    is_correct: bool
    explanation_html: str


@dataclass(frozen=True)
class CheckResult:
    attempt: CheckAttempt
    score: int
    passed: bool
    questions: list[QuestionResult]


@dataclass(frozen=True)
class Grade:
    score: int
    passed: bool
    questions: list[QuestionResult]


def blocks_of(lesson: LessonPage, *block_types: str) -> list:
    """The lesson's top-level blocks of these types, in order (each has ``.id`` and ``.value``)."""
    body = lesson.body
    # Index through the raw data: iterating the StreamValue itself would load every image,
    # document and practice page of the lesson just to find its checks and prompts.
    return [body[index] for index, raw in enumerate(body.raw_data) if raw["type"] in block_types]


def find_block(lesson: LessonPage, block_type: str, block_id: str):
    """The block with this id and type, or None."""
    return next((block for block in blocks_of(lesson, block_type) if block.id == block_id), None)


def required_reflection_ids(lesson: LessonPage) -> list[str]:
    return [block.id for block in blocks_of(lesson, REFLECTION) if block.value.get("required")]


def check_ids(lesson: LessonPage) -> list[str]:
    return [block.id for block in blocks_of(lesson, CHECK)]


def _explanation(value) -> str:
    explanation = value.get("explanation")
    return str(explanation) if explanation else ""


def grade(check_value, answers: object) -> Grade:
    """Grade ``answers`` (question id to the chosen option ids) against a knowledge check block's
    value. Every question must be answered with option ids of that question only."""
    if not isinstance(answers, dict):
        raise ValidationError(_("Answer every question before you submit."))
    questions = list(check_value["questions"].bound_blocks)
    known = {question.id for question in questions}
    unknown = [key for key in answers if key not in known]
    if unknown:
        raise ValidationError(
            _(
                "This answer sheet contains a question that is not part of the check. Reload the page and try again."
            )
        )
    results = []
    for question in questions:
        chosen = answers.get(question.id)
        if isinstance(chosen, str):
            chosen = [chosen]
        if not chosen or not isinstance(chosen, list | tuple):
            raise ValidationError(
                _("Answer the question “%(question)s”.") % {"question": question.value["question"]}
            )
        options = {option.id: option.value for option in question.value["options"].bound_blocks}
        if any(not isinstance(option_id, str) or option_id not in options for option_id in chosen):
            raise ValidationError(
                _("One of the answers to “%(question)s” is not an option of that question.")
                % {"question": question.value["question"]}
            )
        chosen_ids = list(dict.fromkeys(chosen))
        correct_ids = [option_id for option_id, value in options.items() if value["correct"]]
        results.append(
            QuestionResult(
                question_id=question.id,
                question=question.value["question"],
                chosen_ids=chosen_ids,
                correct_ids=correct_ids,
                is_correct=set(chosen_ids) == set(correct_ids),
                explanation_html=_explanation(question.value),
            )
        )
    right = sum(1 for result in results if result.is_correct)
    score = round(100 * right / len(results)) if results else 0
    return Grade(score=score, passed=score >= check_value["pass_mark"], questions=results)
