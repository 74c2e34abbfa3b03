"""A lesson page's state: its body block by block with what the trainee did in each (a reflection
with its form, a knowledge check with its questions, attempts and result), the module's outline,
where "Previous" and "Next" lead, and why the lesson is locked or read-only when it is."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from django.core.exceptions import ValidationError
from wagtail.models import Page

from cms.accounts.types import AnyUser

from .. import permissions
from ..forms import ReflectionForm, answer_field_name
from ..knowledge_checks import (
    CHECK,
    REFLECTION,
    CheckStanding,
    Grade,
    QuestionResult,
    blocks_of,
    grade,
    is_single_answer,
    standing,
)
from ..models import (
    ACTIONS_ANCHOR,
    EditionPage,
    Enrolment,
    LessonPage,
    ModulePage,
    Reflection,
    lesson_anchor,
)
from ..selectors.course import LessonState, ModuleProgress
from ..selectors.lessons import LessonActivity, lesson_activity
from .access import CourseAccess, course_access, course_of

__all__ = ["BodyItem", "LessonPageState", "lesson_page_state"]


@dataclass(frozen=True)
class BodyItem:
    """One block of a lesson body, with what the trainee did in it."""

    block: object  # a bound StreamField block
    reflection: Reflection | None = None
    graded: Grade | None = None  # the attempt the check shows, graded against the check as it is
    questions: list[dict] | None = None
    standing: CheckStanding | None = None  # the trainee's attempts at a knowledge check
    can_attempt: bool = False  # the check's form is open to this person now
    reveal: bool = False  # the right answers and the explanations show
    messages: list = field(default_factory=list)  # the result of what the trainee just did here

    @property
    def anchor(self) -> str:
        return lesson_anchor(self.block.block_type, self.block.id)

    @cached_property
    def form(self) -> ReflectionForm | None:
        if self.block.block_type != REFLECTION:
            return None
        reflection = self.reflection
        return ReflectionForm(
            initial={
                "text": reflection.text if reflection else "",
                "shared": reflection.shared_with_facilitators if reflection else False,
            },
            prefix=f"reflection-{self.block.id}",
        )


def _question_rows(value, graded: Grade | None, *, reveal: bool) -> list[dict]:
    """Each question with its options. The right options, the explanation and the trainee's
    ticks appear only once the answers may be revealed: until then a wrong try says which
    questions were wrong and nothing more, and the form starts blank."""
    results: dict[str, QuestionResult] = (
        {result.question_id: result for result in graded.questions} if graded else {}
    )
    rows = []
    for question in value["questions"].bound_blocks:
        result = results.get(question.id)
        chosen = set(result.chosen_ids) if result and reveal else set()
        options = question.value["options"].bound_blocks
        rows.append(
            {
                "id": question.id,
                "field_name": answer_field_name(question.id),
                "text": question.value["question"],
                "single_answer": is_single_answer(question.value),
                "result": result,
                "explanation_html": result.explanation_html if result and reveal else "",
                "options": [
                    {
                        "id": option.id,
                        "text": option.value["text"],
                        "chosen": option.id in chosen,
                        "correct": reveal and bool(option.value["correct"]),
                    }
                    for option in options
                ],
                "correct_texts": [
                    option.value["text"] for option in options if option.value["correct"]
                ]
                if reveal
                else [],
            }
        )
    return rows


def _graded(value, answers) -> Grade | None:
    if not answers:
        return None
    try:
        return grade(value, answers)
    except ValidationError:
        # The check was edited since this attempt: its answers no longer fit the questions.
        return None


def _check_item(block, activity: LessonActivity | None, *, can_answer: bool, messages) -> BodyItem:
    if activity is None:  # the course team's preview: the questions, nobody's answers
        return BodyItem(
            block=block,
            questions=_question_rows(block.value, None, reveal=False),
            messages=messages,
        )
    so_far = standing(block.value, activity.all_attempts.get(block.id, []))
    graded = _graded(block.value, so_far.shown.answers) if so_far.shown else None
    reveal = so_far.reveals_answers
    return BodyItem(
        block=block,
        graded=graded,
        questions=_question_rows(block.value, graded, reveal=reveal),
        standing=so_far,
        can_attempt=can_answer and so_far.can_attempt,
        reveal=reveal,
        messages=messages,
    )


def _body_items(
    lesson: LessonPage,
    activity: LessonActivity | None,
    *,
    can_answer: bool,
    messages_by_anchor: dict[str, list],
) -> list[BodyItem]:
    items = []
    for block in lesson.body:
        if block.block_type == REFLECTION:
            items.append(
                BodyItem(
                    block=block,
                    reflection=activity.reflections.get(block.id) if activity else None,
                    messages=messages_by_anchor.get(lesson_anchor(REFLECTION, block.id), []),
                )
            )
        elif block.block_type == CHECK:
            messages = messages_by_anchor.get(lesson_anchor(CHECK, block.id), [])
            items.append(_check_item(block, activity, can_answer=can_answer, messages=messages))
        else:
            items.append(BodyItem(block=block))
    return items


def _neighbours(
    module_progress: ModuleProgress | None, lesson_pk: int
) -> tuple[LessonPage | None, LessonPage | None]:
    lessons = [state.lesson for state in module_progress.lessons] if module_progress else []
    index = next((i for i, lesson in enumerate(lessons) if lesson.pk == lesson_pk), None)
    if index is None:
        return None, None
    previous = lessons[index - 1] if index > 0 else None
    following = lessons[index + 1] if index + 1 < len(lessons) else None
    return previous, following


def _next_module(
    modules: list[ModuleProgress], module_progress: ModuleProgress | None
) -> ModuleProgress | None:
    """The module after this one that has lessons, when it is open."""
    if module_progress is None:
        return None
    index = next(
        (i for i, item in enumerate(modules) if item.module.pk == module_progress.module.pk), None
    )
    following = modules[index + 1 :] if index is not None else []
    found = next((item for item in following if item.lessons), None)
    return found if found is not None and not found.locked else None


@dataclass(frozen=True)
class LessonPageState:
    edition: EditionPage | None
    module: ModulePage | None
    enrolment: Enrolment | None
    can_view: bool
    is_preview: bool
    module_progress: ModuleProgress | None  # the outline: the module's lessons, ticks and locks
    lesson_state: LessonState | None
    locked: bool  # locked for this trainee: the lock reason replaces the body
    body_items: list[BodyItem]  # empty unless the person may read the body now
    missing: list[str]  # what the trainee still has to do before the lesson completes
    has_check: bool
    previous_lesson: LessonPage | None
    next_lesson: LessonPage | None
    read_only_reason: str = ""  # why the trainee may read but no longer answer (a past edition)
    # Where "Next" leads from the module's last lesson: the next open module's first lesson.
    next_module: ModulePage | None = None
    next_module_lesson: LessonPage | None = None
    action_messages: list = field(default_factory=list)  # what "Mark as complete" just gave

    @property
    def checks_out_of_attempts(self) -> list[str]:
        """The titles of the checks the trainee used every attempt at without passing."""
        return [
            item.block.value["title"]
            for item in self.body_items
            if item.standing is not None and item.standing.used_up
        ]

    @property
    def show_body(self) -> bool:
        return self.can_view and not self.locked

    @property
    def can_answer(self) -> bool:
        """The trainee may complete the lesson, answer its checks and write reflections."""
        return self.enrolment is not None and not self.read_only_reason


def lesson_page_state(
    *,
    user: AnyUser,
    lesson: LessonPage,
    access: CourseAccess | None = None,
    messages_by_anchor: dict[str, list] | None = None,
) -> LessonPageState:
    """``messages_by_anchor`` are the results of what the trainee just posted, by the anchor of
    the block they acted in (``check-<id>``, ``reflection-<id>``, ``lesson-actions``), so that
    each shows inside that block."""
    messages_by_anchor = messages_by_anchor or {}
    access = access or course_access(user=user, page=lesson)
    progress, modules = course_of(access)
    module_path = (lesson.path or "")[: -Page.steplen]
    module_progress = next((item for item in modules if item.module.path == module_path), None)
    state = progress.lesson_state(lesson) if progress else None
    locked = bool(state and state.locked and not access.is_preview)
    show_body = access.can_view and not locked
    activity = None
    if show_body and access.enrolment is not None:
        activity = lesson_activity(enrolment=access.enrolment, lesson=lesson)
    read_only_reason = (
        permissions.lesson_work_closed_reason(access.edition)
        if access.enrolment is not None and access.edition is not None
        else ""
    )
    previous, following = _neighbours(module_progress, lesson.pk)
    next_module = None if following else _next_module(modules, module_progress)
    return LessonPageState(
        edition=access.edition,
        module=module_progress.module if module_progress else None,
        enrolment=access.enrolment,
        can_view=access.can_view,
        is_preview=access.is_preview,
        module_progress=module_progress,
        lesson_state=state,
        locked=locked,
        body_items=_body_items(
            lesson,
            activity,
            can_answer=access.enrolment is not None and not read_only_reason,
            messages_by_anchor=messages_by_anchor,
        )
        if show_body
        else [],
        missing=activity.missing if activity else [],
        has_check=bool(blocks_of(lesson, CHECK)),
        previous_lesson=previous,
        next_lesson=following,
        read_only_reason=read_only_reason,
        next_module=next_module.module if next_module else None,
        next_module_lesson=next_module.lessons[0].lesson if next_module else None,
        action_messages=messages_by_anchor.get(ACTIONS_ANCHOR, []),
    )
