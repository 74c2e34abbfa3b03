from .pages import (
    AcademyIndexPage,
    EditionFacilitator,
    EditionPage,
    EnrolmentMode,
    LessonPage,
    ModulePage,
    Phase,
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
]
