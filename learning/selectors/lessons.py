"""What trainees did inside lessons: one trainee's reflections and knowledge-check attempts in a
lesson with what it still needs before it completes, and the attempts of many trainees summed up
per check."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from ..knowledge_checks import CHECK, REFLECTION, better, blocks_of, standing
from ..models import CheckAttempt, EditionPage, Enrolment, LessonPage, Reflection

__all__ = [
    "AttemptSummary",
    "LessonActivity",
    "check_attempt_summaries",
    "lesson_activity",
]


@dataclass(frozen=True)
class LessonActivity:
    """What a trainee has done inside one lesson, and what it still needs before it completes."""

    reflections: dict[str, Reflection]  # by reflection prompt block id
    attempts: dict[str, CheckAttempt]  # the best attempt at each knowledge check, by block id
    missing: list[str]  # sentences; empty when the lesson can be completed
    all_attempts: dict[str, list[CheckAttempt]] = field(default_factory=dict)  # by block id


def _prompt_text(value) -> str:
    return Truncator(strip_tags(str(value.get("prompt") or ""))).words(12)


def lesson_activity(*, enrolment: Enrolment, lesson: LessonPage) -> LessonActivity:
    """Two queries: the trainee's reflections and check attempts in this lesson."""
    reflections = {
        reflection.block_id: reflection
        for reflection in Reflection.objects.filter(
            enrolment=enrolment, lesson=lesson
        ).select_related("feedback_by")
    }
    attempts: dict[str, CheckAttempt] = {}
    all_attempts: dict[str, list[CheckAttempt]] = defaultdict(list)
    for attempt in CheckAttempt.objects.filter(enrolment=enrolment, lesson=lesson):
        all_attempts[attempt.block_id].append(attempt)
        if better(attempt, attempts.get(attempt.block_id)):
            attempts[attempt.block_id] = attempt
    missing = []
    for block in blocks_of(lesson, REFLECTION, CHECK):
        if block.block_type == REFLECTION and block.value.get("required"):
            reflection = reflections.get(block.id)
            if reflection is None or not reflection.text.strip():
                missing.append(
                    _("Answer the reflection prompt “%(prompt)s”.")
                    % {"prompt": _prompt_text(block.value)}
                )
        elif block.block_type == CHECK:
            # Like Moodle's "passing grade or all attempts completed": a trainee who used every
            # attempt has done what the check asks, and the score stays on record for the
            # facilitators; otherwise a failed last attempt would lock the lesson for good.
            if not standing(block.value, all_attempts[block.id]).can_attempt:
                continue
            attempt = attempts.get(block.id)
            if attempt is None or not attempt.passed:
                missing.append(
                    _("Pass the knowledge check “%(title)s” with at least %(mark)d%%.")
                    % {"title": block.value.get("title"), "mark": block.value.get("pass_mark")}
                )
    return LessonActivity(
        reflections=reflections, attempts=attempts, missing=missing, all_attempts=all_attempts
    )


@dataclass(frozen=True)
class AttemptSummary:
    """A trainee's attempts at one knowledge check: how many, the best score, passed or not."""

    attempts: int
    best_score: int
    passed: bool


def check_attempt_summaries(
    *, edition: EditionPage, enrolment_ids: Iterable[int]
) -> dict[tuple[int, int, str], AttemptSummary]:
    """One query: the attempt summary of each knowledge check these enrolments of the edition
    tried, keyed by (enrolment id, lesson id, check block id). A check nobody tried has no key."""
    rows = (
        CheckAttempt.objects.filter(
            enrolment__edition=edition, enrolment_id__in=list(enrolment_ids)
        )
        .values("enrolment_id", "lesson_id", "block_id")
        .annotate(
            attempts=Count("pk"),
            best_score=Max("score"),
            passes=Count("pk", filter=Q(passed=True)),
        )
        .order_by()
    )
    return {
        (row["enrolment_id"], row["lesson_id"], row["block_id"]): AttemptSummary(
            attempts=row["attempts"], best_score=row["best_score"], passed=row["passes"] > 0
        )
        for row in rows
    }
