"""Who a person is to the course a module or lesson page belongs to, and the course's modules as
that person sees them: a trainee's own progress, or the syllabus for everybody else."""

from __future__ import annotations

from dataclasses import dataclass

from wagtail.models import Page

from cms.accounts.types import AnyUser

from .. import permissions
from ..models import EditionPage, Enrolment
from ..selectors.course import ModuleProgress, syllabus_for
from ..selectors.editions import edition_of, enrolment_for
from ..selectors.progress import Progress, progress_for

__all__ = ["CourseAccess", "course_access", "course_of"]


@dataclass(frozen=True)
class CourseAccess:
    """What a person may see of the course a module or lesson page belongs to."""

    edition: EditionPage | None
    enrolment: Enrolment | None  # the person's enrolment when it holds a place, else None
    can_view: bool  # may read the module introductions and lesson bodies
    is_preview: bool  # the course team: sees every lesson, locked or not


def course_access(*, user: AnyUser, page: Page) -> CourseAccess:
    """Who the person is to the edition of a module or lesson page, as ``permissions`` decides."""
    # A page previewed before it is saved may have no place in the tree yet.
    edition = edition_of(page=page) if page.path else None
    if edition is None:
        editor = permissions.can_edit_course_pages(user)
        return CourseAccess(edition=None, enrolment=None, can_view=editor, is_preview=editor)
    enrolment = enrolment_for(user=user, edition=edition)
    if not permissions.holds_place(user, enrolment):
        enrolment = None
    is_preview = permissions.can_preview_course(user, edition)
    return CourseAccess(
        edition=edition,
        enrolment=enrolment,
        can_view=enrolment is not None or is_preview,
        is_preview=is_preview,
    )


def course_of(access: CourseAccess) -> tuple[Progress | None, list[ModuleProgress]]:
    """The edition's modules with the trainee's progress, or its syllabus for everybody else."""
    if access.enrolment is not None:
        progress = progress_for(enrolment=access.enrolment)
        return progress, progress.modules
    if access.edition is not None:
        return None, syllabus_for(edition=access.edition)
    return None, []
