"""Knowledge checks and reflection prompts inside a lesson body: finding them by block id, grading
an answer sheet, and where a trainee stands in a check (attempts left, whether the right answers
may show). Pure functions over StreamField values and attempts already loaded, no queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from .blocks import RevealAnswers
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


def block_text(lesson: LessonPage, block_type: str, block_id: str, field: str) -> str:
    """One text field of a block (a reflection's prompt, a check's title) as plain words; empty
    when the block is no longer in the lesson."""
    block = find_block(lesson, block_type, block_id)
    if block is None:
        return ""
    value = block.value.get(field)
    # The rich text's stored source: expanding its links would query the database.
    return " ".join(strip_tags(getattr(value, "source", value) or "").split())


def required_reflection_ids(lesson: LessonPage) -> list[str]:
    return [block.id for block in blocks_of(lesson, REFLECTION) if block.value.get("required")]


def check_ids(lesson: LessonPage) -> list[str]:
    return [block.id for block in blocks_of(lesson, CHECK)]


def _explanation(value) -> str:
    explanation = value.get("explanation")
    return str(explanation) if explanation else ""


def is_single_answer(question_value) -> bool:
    """A question with exactly one right option: answered with one choice (a radio group)."""
    return sum(1 for option in question_value["options"] if option["correct"]) == 1


def max_attempts_of(check_value) -> int | None:
    """The attempts a check allows, or None for as many as the trainee needs (empty or 0)."""
    return check_value.get("max_attempts") or None


@dataclass(frozen=True)
class CheckStanding:
    """Where a trainee stands in one knowledge check, from all their attempts at it."""

    max_attempts: int | None  # None: unlimited
    used: int
    best: CheckAttempt | None
    latest: CheckAttempt | None
    reveal_policy: str

    @property
    def passed(self) -> bool:
        return self.best is not None and self.best.passed

    @property
    def attempts_left(self) -> int | None:
        return None if self.max_attempts is None else max(0, self.max_attempts - self.used)

    @property
    def used_up(self) -> bool:
        return not self.passed and self.attempts_left == 0

    @property
    def can_attempt(self) -> bool:
        """A passed check is done; a failed one may be tried again while attempts are left."""
        return not self.passed and not self.used_up

    @property
    def next_attempt(self) -> int:
        return self.used + 1

    @property
    def shown(self) -> CheckAttempt | None:
        """The attempt whose result the lesson shows: the pass, else the latest try."""
        return self.best if self.passed else self.latest

    @property
    def reveals_answers(self) -> bool:
        """Whether the right options and the explanations may show now."""
        if self.reveal_policy == RevealAnswers.AFTER_PASS:
            return self.passed
        if self.reveal_policy == RevealAnswers.AFTER_LAST_ATTEMPT:
            return self.passed or self.used_up
        return False


def better(attempt: CheckAttempt, than: CheckAttempt | None) -> bool:
    return than is None or (attempt.passed, attempt.score) > (than.passed, than.score)


def standing(check_value, attempts: list[CheckAttempt]) -> CheckStanding:
    """``attempts`` at this one check, in any order."""
    best = latest = None
    for attempt in attempts:
        if better(attempt, best):
            best = attempt
        if latest is None or (attempt.submitted_at, attempt.pk) > (latest.submitted_at, latest.pk):
            latest = attempt
    return CheckStanding(
        max_attempts=max_attempts_of(check_value),
        used=len(attempts),
        best=best,
        latest=latest,
        reveal_policy=check_value.get("reveal_answers") or RevealAnswers.AFTER_PASS,
    )


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
