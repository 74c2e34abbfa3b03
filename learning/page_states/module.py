"""A module page's state: the module's lessons with the trainee's progress (or the syllabus), and
whether the person may read the module at all."""

from __future__ import annotations

from dataclasses import dataclass

from cms.accounts.types import AnyUser

from ..models import EditionPage, Enrolment, ModulePage
from ..selectors.course import ModuleProgress
from ..selectors.progress import Progress
from .access import CourseAccess, course_access, course_of

__all__ = ["ModulePageState", "module_page_state"]


@dataclass(frozen=True)
class ModulePageState:
    edition: EditionPage | None
    enrolment: Enrolment | None
    can_view: bool
    is_preview: bool
    progress: Progress | None
    module_progress: ModuleProgress | None  # the module's lessons, with the trainee's progress


def module_page_state(
    *, user: AnyUser, module: ModulePage, access: CourseAccess | None = None
) -> ModulePageState:
    access = access or course_access(user=user, page=module)
    progress, modules = course_of(access)
    return ModulePageState(
        edition=access.edition,
        enrolment=access.enrolment,
        can_view=access.can_view,
        is_preview=access.is_preview,
        progress=progress,
        module_progress=next((item for item in modules if item.module.path == module.path), None),
    )
