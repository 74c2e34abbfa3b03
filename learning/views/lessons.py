"""Module and lesson pages (the context their templates need) and what a trainee does inside a
lesson: mark it complete, answer a knowledge check, save a reflection."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from cms.ratelimit import limit_posts

from .. import permissions, selectors, services
from ..checks import CHECK, REFLECTION, blocks_of, find_block, grade
from ..forms import ReflectionForm, answer_field_name, check_answers
from ..models import EditionPage, Enrolment, LessonPage, ModulePage

# The answer sheet just submitted, so the page after the redirect shows that attempt's result.
LAST_CHECK_SESSION_KEY = "learning:last-check"


# Pages ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Access:
    edition: EditionPage | None
    enrolment: Enrolment | None  # the user's active enrolment in the edition, if any
    can_view: bool  # may read the module intro and lesson bodies
    is_preview: bool  # facilitator or editor: sees every lesson, locked or not


def _edition_of(page) -> EditionPage | None:
    # A page previewed before it is saved may have no place in the tree yet.
    if not page.path:
        return None
    return selectors.edition_of(page=page)


def _access(user, page) -> Access:
    edition = _edition_of(page)
    if edition is None:
        # A page being previewed before it is placed in an edition: editors only.
        editor = permissions.is_editor(user)
        return Access(edition=None, enrolment=None, can_view=editor, is_preview=editor)
    can_view = permissions.can_view_course(user, edition)
    enrolment = selectors.enrolment_for(user=user, edition=edition) if can_view else None
    if enrolment is not None and not enrolment.is_active:
        enrolment = None
    is_preview = can_view and (
        permissions.is_editor(user) or permissions.is_facilitator(user, edition)
    )
    return Access(edition=edition, enrolment=enrolment, can_view=can_view, is_preview=is_preview)


def _module_progress(access: Access, module_path: str):
    """The module's progress for the trainee, or its syllabus entry for everybody else."""
    if access.enrolment is not None:
        progress = selectors.progress_for(enrolment=access.enrolment)
        modules = progress.modules
    elif access.edition is not None:
        progress, modules = None, selectors.syllabus_for(edition=access.edition)
    else:
        return None, None
    return progress, next((item for item in modules if item.module.path == module_path), None)


def module_page_context(*, request: HttpRequest, module: ModulePage) -> dict:
    access = _access(request.user, module)
    progress, module_progress = _module_progress(access, module.path)
    return {
        "edition": access.edition,
        "can_view": access.can_view,
        "is_preview": access.is_preview,
        "enrolment": access.enrolment,
        "progress": progress,
        "module_progress": module_progress,
    }


def _question_rows(value, graded) -> list[dict]:
    results = {result.question_id: result for result in graded.questions} if graded else {}
    rows = []
    for question in value["questions"].bound_blocks:
        result = results.get(question.id)
        chosen = set(result.chosen_ids) if result else set()
        rows.append(
            {
                "id": question.id,
                "field_name": answer_field_name(question.id),
                "text": question.value["question"],
                "result": result,
                "options": [
                    {
                        "id": option.id,
                        "text": option.value["text"],
                        "chosen": option.id in chosen,
                        "correct": bool(option.value["correct"]),
                    }
                    for option in question.value["options"].bound_blocks
                ],
                "correct_texts": [
                    option.value["text"]
                    for option in question.value["options"].bound_blocks
                    if option.value["correct"]
                ],
            }
        )
    return rows


def _graded(value, answers):
    if not answers:
        return None
    try:
        return grade(value, answers)
    except ValidationError:
        # The check was edited since this attempt: its answers no longer fit the questions.
        return None


def _body_items(lesson: LessonPage, activity, last_check: dict | None) -> list[dict]:
    items = []
    for block in lesson.body:
        item = {"block": block}
        if block.block_type == REFLECTION:
            reflection = activity.reflections.get(block.id) if activity else None
            item["reflection"] = reflection
            item["form"] = ReflectionForm(
                initial={
                    "text": reflection.text if reflection else "",
                    "shared": reflection.shared_with_facilitators if reflection else False,
                },
                prefix=f"reflection-{block.id}",
            )
        elif block.block_type == CHECK:
            answers = None
            if last_check and last_check.get("block_id") == block.id:
                answers = last_check.get("answers")
            elif activity and block.id in activity.attempts:
                answers = activity.attempts[block.id].answers
            graded = _graded(block.value, answers)
            item["graded"] = graded
            item["questions"] = _question_rows(block.value, graded)
        items.append(item)
    return items


def _neighbours(module_progress, lesson_pk: int):
    lessons = [state.lesson for state in module_progress.lessons] if module_progress else []
    index = next((i for i, lesson in enumerate(lessons) if lesson.pk == lesson_pk), None)
    if index is None:
        return None, None
    previous = lessons[index - 1] if index > 0 else None
    following = lessons[index + 1] if index + 1 < len(lessons) else None
    return previous, following


def lesson_page_context(*, request: HttpRequest, lesson: LessonPage) -> dict:
    access = _access(request.user, lesson)
    progress, module_progress = _module_progress(access, (lesson.path or "")[: -Page.steplen])
    state = progress.lesson_state(lesson) if progress else None
    activity = None
    if access.enrolment is not None:
        activity = selectors.lesson_activity(enrolment=access.enrolment, lesson=lesson)
    last_check = None
    if hasattr(request, "session"):
        last_check = request.session.pop(f"{LAST_CHECK_SESSION_KEY}:{lesson.pk}", None)
    locked = bool(state and state.locked and not access.is_preview)
    show_body = access.can_view and not locked
    previous, following = _neighbours(module_progress, lesson.pk)
    return {
        "edition": access.edition,
        "module": module_progress.module if module_progress else None,
        "can_view": access.can_view,
        "is_preview": access.is_preview,
        "enrolment": access.enrolment,
        "module_progress": module_progress,
        "lesson_state": state,
        "locked": locked,
        "show_body": show_body,
        "body_items": _body_items(lesson, activity, last_check) if show_body else [],
        "missing": activity.missing if activity else [],
        "has_check": bool(blocks_of(lesson, CHECK)),
        "previous_lesson": previous,
        "next_lesson": following,
    }


# Actions -------------------------------------------------------------------------------------


def _lesson_and_enrolment(request: HttpRequest, lesson_id: int) -> tuple[LessonPage, Enrolment]:
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    edition = _edition_of(lesson)
    if edition is None:
        raise Http404
    enrolment = selectors.enrolment_for(user=request.user, edition=edition)
    if enrolment is None or not enrolment.is_active:
        raise PermissionDenied(_("Only accepted trainees of this edition can work on its lessons."))
    return lesson, enrolment


def _refused(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
@require_POST
@limit_posts("learning:lesson")
def lesson_complete(request: HttpRequest, lesson_id: int) -> HttpResponse:
    lesson, enrolment = _lesson_and_enrolment(request, lesson_id)
    try:
        services.lesson_complete(enrolment=enrolment, lesson=lesson)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Lesson complete. Well done."))
    return HttpResponseRedirect(lesson.url)


@login_required
@require_POST
@limit_posts("learning:lesson")
def check_submit(request: HttpRequest, lesson_id: int, block_id: str) -> HttpResponse:
    lesson, enrolment = _lesson_and_enrolment(request, lesson_id)
    if find_block(lesson, CHECK, block_id) is None:
        raise Http404
    answers = check_answers(request.POST)
    try:
        result = services.check_submit(
            enrolment=enrolment, lesson=lesson, block_id=block_id, answers=answers
        )
    except ValidationError as error:
        _refused(request, error)
        return HttpResponseRedirect(f"{lesson.url}#check-{block_id}")
    request.session[f"{LAST_CHECK_SESSION_KEY}:{lesson.pk}"] = {
        "block_id": block_id,
        "answers": result.attempt.answers,
    }
    if result.passed:
        messages.success(
            request, _("You scored %(score)d%%: you passed the check.") % {"score": result.score}
        )
    else:
        messages.warning(
            request,
            _("You scored %(score)d%%, below the pass mark. Read the explanations and try again.")
            % {"score": result.score},
        )
    return HttpResponseRedirect(f"{lesson.url}#check-{block_id}")


@login_required
@require_POST
@limit_posts("learning:lesson")
def reflection_save(request: HttpRequest, lesson_id: int, block_id: str) -> HttpResponse:
    lesson, enrolment = _lesson_and_enrolment(request, lesson_id)
    if find_block(lesson, REFLECTION, block_id) is None:
        raise Http404
    form = ReflectionForm(request.POST, prefix=f"reflection-{block_id}")
    form.is_valid()  # both fields are optional; the service judges the text
    try:
        services.reflection_save(
            enrolment=enrolment,
            lesson=lesson,
            block_id=block_id,
            text=form.cleaned_data.get("text", ""),
            shared=form.cleaned_data.get("shared", False),
        )
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("Your reflection is saved."))
    return HttpResponseRedirect(f"{lesson.url}#reflection-{block_id}")
