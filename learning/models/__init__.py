from .pages import (
    ACTIONS_ANCHOR,
    AcademyIndexPage,
    EditionFacilitator,
    EditionPage,
    EnrolmentMode,
    LessonPage,
    ModulePage,
    Phase,
    lesson_anchor,
)
from .records import (
    MAX_REFLECTION_LENGTH,
    Certificate,
    CheckAttempt,
    Enrolment,
    EnrolmentStatus,
    LessonCompletion,
    Reflection,
)

__all__ = [
    "ACTIONS_ANCHOR",
    "MAX_REFLECTION_LENGTH",
    "AcademyIndexPage",
    "Certificate",
    "CheckAttempt",
    "Enrolment",
    "EnrolmentMode",
    "EnrolmentStatus",
    "LessonCompletion",
    "LessonPage",
    "ModulePage",
    "Phase",
    "EditionFacilitator",
    "EditionPage",
    "Reflection",
    "lesson_anchor",
]
