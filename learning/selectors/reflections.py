"""Reflections: a trainee's own, in course order, and those trainees chose to share with their
edition's facilitators, each beside the prompt it answers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from ..knowledge_checks import REFLECTION, block_text
from ..models import EditionPage, Enrolment, LessonPage, Reflection

__all__ = [
    "ReflectionItem",
    "reflections_by_enrolment",
    "reflections_for",
    "shared_reflection",
    "shared_reflections",
    "shared_reflections_queryset",
    "with_prompts",
]


def reflections_for(*, enrolment: Enrolment) -> list[Reflection]:
    """The trainee's own reflections, in course order."""
    return reflections_by_enrolment(enrolments=[enrolment])[enrolment.pk]


def reflections_by_enrolment(*, enrolments: Iterable[Enrolment]) -> dict[int, list[Reflection]]:
    """``reflections_for`` for many enrolments at once (the dashboard), in one query."""
    by_enrolment: dict[int, list[Reflection]] = {enrolment.pk: [] for enrolment in enrolments}
    if by_enrolment:
        for reflection in (
            Reflection.objects.filter(enrolment_id__in=by_enrolment)
            .select_related("lesson", "feedback_by")
            .order_by("lesson__path", "created_at")
        ):
            by_enrolment[reflection.enrolment_id].append(reflection)
    return by_enrolment


def shared_reflections_queryset(
    *, edition: EditionPage, waiting: bool = False
) -> QuerySet[Reflection]:
    """The reflections trainees holding a place in the edition shared with its facilitators, as
    a queryset to page through, the latest first; ``waiting``: only those without feedback yet."""
    reflections = Reflection.objects.filter(
        enrolment__in=Enrolment.objects.active().filter(edition=edition),
        shared_with_facilitators=True,
    ).select_related("enrolment__user", "lesson", "feedback_by")
    if waiting:
        reflections = reflections.filter(feedback="")
    return reflections.order_by("-updated_at", "-pk")


def shared_reflections(*, edition: EditionPage) -> list[Reflection]:
    """Reflections trainees of the edition chose to share with its facilitators."""
    return list(shared_reflections_queryset(edition=edition))


def shared_reflection(*, edition: EditionPage, pk: int) -> Reflection | None:
    """One of ``shared_reflections``: any other reflection does not exist for the facilitators."""
    return shared_reflections_queryset(edition=edition).filter(pk=pk).first()


@dataclass(frozen=True)
class ReflectionItem:
    """A reflection with the prompt the trainee answered (empty when the prompt was removed)."""

    reflection: Reflection
    prompt: str


def with_prompts(reflections: Iterable[Reflection]) -> list[ReflectionItem]:
    """Each reflection beside its prompt, read from the lesson body (each lesson parsed once)."""
    lessons: dict[int, LessonPage] = {}
    items = []
    for reflection in reflections:
        lesson = lessons.setdefault(reflection.lesson_id, reflection.lesson)
        items.append(
            ReflectionItem(
                reflection=reflection,
                prompt=block_text(lesson, REFLECTION, reflection.block_id, "prompt"),
            )
        )
    return items
