"""The course of an edition as a trainee meets it: its live modules and lessons in tree order, each
with what locks it and, for a trainee, which lessons they completed. The course structure of any
number of editions is read in two queries, completions in one; everything else is computed in
Python, so the cost does not grow with the size of the course."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from ..models import EditionPage, LessonCompletion, LessonPage, ModulePage

__all__ = [
    "LessonState",
    "ModuleProgress",
    "Structure",
    "course_structures",
    "lesson_completions",
    "module_states",
    "next_open_lesson",
    "percent_of",
    "syllabus_for",
]


def percent_of(done: int, total: int) -> int:
    if total <= 0:
        return 100
    return min(100, (100 * done) // total)


@dataclass(frozen=True)
class LessonState:
    lesson: LessonPage
    is_required: bool
    completed_at: datetime.datetime | None
    updated_since_completion: bool
    lock_reason: str

    @property
    def completed(self) -> bool:
        return self.completed_at is not None

    @property
    def locked(self) -> bool:
        return bool(self.lock_reason)


@dataclass(frozen=True)
class ModuleProgress:
    module: ModulePage
    lessons: list[LessonState]
    lock_reason: str
    required_total: int
    required_done: int

    @property
    def percent(self) -> int:
        return percent_of(self.required_done, self.required_total)

    @property
    def complete(self) -> bool:
        return self.required_done >= self.required_total

    @property
    def locked(self) -> bool:
        return bool(self.lock_reason)


# The structure of an edition: its live modules in tree order, each with its live lessons.
Structure = list[tuple[ModulePage, list[LessonPage]]]


def course_structures(editions: Iterable[EditionPage]) -> dict[int, Structure]:
    """Two queries for any number of editions: their live modules, then their live lessons."""
    editions = {edition.pk: edition for edition in editions}
    if not editions:
        return {}
    module_filter, lesson_filter = Q(), Q()
    for edition in editions.values():
        module_filter |= Q(path__startswith=edition.path, depth=edition.depth + 1)
        lesson_filter |= Q(path__startswith=edition.path, depth=edition.depth + 2)
    modules = list(ModulePage.objects.live().filter(module_filter).order_by("path"))
    lessons = list(LessonPage.objects.live().filter(lesson_filter).order_by("path"))

    by_path = {edition.path: pk for pk, edition in editions.items()}
    lessons_by_module: dict[str, list[LessonPage]] = defaultdict(list)
    for lesson in lessons:
        lessons_by_module[lesson.path[: -Page.steplen]].append(lesson)
    structures: dict[int, Structure] = {pk: [] for pk in editions}
    for module in modules:
        edition_pk = by_path.get(module.path[: -Page.steplen])
        if edition_pk is not None:
            structures[edition_pk].append((module, lessons_by_module.get(module.path, [])))
    return structures


def _when(value: datetime.datetime) -> str:
    local = timezone.localtime(value)
    if local.time() == datetime.time(0, 0):
        return formats.date_format(local, "DATE_FORMAT")
    return formats.date_format(local, "DATETIME_FORMAT")


def _updated_since(lesson: LessonPage, completion: LessonCompletion) -> bool:
    if completion.revision_id is not None:
        # Revision ids only grow, so a different and greater id is a later publication.
        return (lesson.live_revision_id or 0) > completion.revision_id
    # The pinned revision is gone (or the lesson had none): fall back to publication time.
    return bool(
        lesson.last_published_at
        and lesson.live_revision_id
        and lesson.last_published_at > completion.completed_at
    )


def module_states(
    structure: Structure,
    completions: dict[int, LessonCompletion] | None,
    now: datetime.datetime,
) -> list[ModuleProgress]:
    """Each module's state; ``completions`` (by lesson pk) is None when nobody is enrolled (the
    syllabus)."""
    result: list[ModuleProgress] = []
    previous: ModuleProgress | None = None
    for module, lessons in structure:
        reasons = []
        if module.release_at and module.release_at > now:
            reasons.append(_("Opens on %(date)s.") % {"date": _when(module.release_at)})
        if (
            completions is not None
            and module.requires_previous
            and previous is not None
            and not previous.complete
        ):
            reasons.append(
                _("Opens once you complete every required lesson of the module “%(module)s”.")
                % {"module": previous.module.title}
            )
        lock_reason = " ".join(reasons)
        states = []
        for lesson in lessons:
            completion = (completions or {}).get(lesson.pk)
            states.append(
                LessonState(
                    lesson=lesson,
                    is_required=lesson.is_required,
                    completed_at=completion.completed_at if completion else None,
                    updated_since_completion=bool(completion)
                    and _updated_since(lesson, completion),
                    lock_reason=lock_reason,
                )
            )
        required = [state for state in states if state.is_required]
        previous = ModuleProgress(
            module=module,
            lessons=states,
            lock_reason=lock_reason,
            required_total=len(required),
            required_done=sum(1 for state in required if state.completed),
        )
        result.append(previous)
    return result


def next_open_lesson(modules: list[ModuleProgress]) -> LessonState | None:
    """The first open lesson not completed yet, a required one before any optional one."""
    open_states = [
        state
        for module in modules
        for state in module.lessons
        if not state.locked and not state.completed
    ]
    return next((state for state in open_states if state.is_required), None) or next(
        iter(open_states), None
    )


def lesson_completions(enrolment_pks: list[int]) -> dict[int, dict[int, LessonCompletion]]:
    """Each enrolment's completions by lesson pk, in one query."""
    by_enrolment: dict[int, dict[int, LessonCompletion]] = defaultdict(dict)
    if enrolment_pks:
        for completion in LessonCompletion.objects.filter(enrolment_id__in=enrolment_pks):
            by_enrolment[completion.enrolment_id][completion.lesson_id] = completion
    return by_enrolment


def syllabus_for(*, edition: EditionPage) -> list[ModuleProgress]:
    """What anyone may see of an edition: modules and lessons, locked by release dates only."""
    structure = course_structures([edition])[edition.pk]
    return module_states(structure, None, timezone.now())
