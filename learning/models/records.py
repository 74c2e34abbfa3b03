"""What people do in an edition, stored once as facts: an enrolment, a lesson completed, a
knowledge check attempted, a reflection written, residential attendance, a certificate issued.
Progress is always computed from these facts, never stored beside them."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .pages import EditionPage, LessonPage

MAX_REFLECTION_LENGTH = 10_000


class EnrolmentStatus(models.TextChoices):
    APPLIED = "applied", _("Applied, awaiting a decision")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    COMPLETED = "completed", _("Completed")


# The statuses of an enrolment that holds a place: an accepted trainee, or one who completed the
# edition. Read it through ``Enrolment.objects.active()`` (or ``enrolment__in=`` that queryset
# across a relation) and ``Enrolment.is_active``.
_HOLDS_PLACE = frozenset({EnrolmentStatus.ACCEPTED, EnrolmentStatus.COMPLETED})


class EnrolmentQuerySet(models.QuerySet):
    def active(self):
        """Enrolments that hold a place: accepted trainees and those who completed the edition."""
        return self.filter(status__in=sorted(_HOLDS_PLACE))

    def pending(self):
        return self.filter(status=EnrolmentStatus.APPLIED)


class Enrolment(models.Model):
    # What deleting a person does to their record here (tests/test_deletion.py holds the table):
    # an enrolment carries completions, attempts, reflections and the certificate that employers
    # verify, and it counts in cohort statistics, so a person with enrolments cannot be deleted
    # (PROTECT); the admin says so and offers deactivation. Who decided (``decided_by``) and who
    # gave feedback (``Reflection.feedback_by``) are only names on the record: SET_NULL.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    edition = models.ForeignKey(
        EditionPage,
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EnrolmentStatus.choices,
        default=EnrolmentStatus.APPLIED,
        db_index=True,
    )
    organisation = models.CharField(_("organisation"), max_length=200)
    role = models.CharField(_("role"), max_length=200)
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country"), max_length=100)
    motivation = models.TextField(_("motivation"), max_length=5000, blank=True)

    applied_at = models.DateTimeField(_("applied"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_note = models.TextField(_("note to the applicant"), blank=True, max_length=2000)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    # The residential course attended: set by a facilitator (the override), or by
    # ``learning.agenda.services.residential_refresh`` once the agenda's attendance threshold is reached.
    # Either way it makes the trainee an alumnus, read from this one column in any list.
    residential_attended_at = models.DateTimeField(
        _("attended the residential course"), null=True, blank=True
    )
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        ordering = ["-applied_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "edition"], name="one_enrolment_per_person_and_edition"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.edition}"

    @property
    def is_active(self) -> bool:
        """The enrolment holds a place (see ``EnrolmentQuerySet.active``)."""
        return self.status in _HOLDS_PLACE

    @property
    def is_alumnus(self) -> bool:
        return self.is_active and self.residential_attended_at is not None


class LessonCompletion(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="completions")
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="completions")
    # The revision the trainee saw: a later edit shows "updated since you completed it" and
    # never takes the tick away.
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    completed_at = models.DateTimeField(_("completed"), auto_now_add=True)

    class Meta:
        verbose_name = _("lesson completion")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson"], name="one_completion_per_lesson"
            )
        ]

    def __str__(self) -> str:
        return f"{self.lesson} completed by {self.enrolment.user}"


class CheckAttempt(models.Model):
    """One submission of a knowledge check; the best attempt decides whether it is passed."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="check_attempts"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="check_attempts")
    block_id = models.CharField(_("knowledge check"), max_length=64)
    answers = models.JSONField(
        _("answers"), default=dict, help_text=_("Question id to chosen option ids.")
    )
    score = models.PositiveSmallIntegerField(_("score (percent)"))
    passed = models.BooleanField(_("passed"))
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        verbose_name = _("knowledge check attempt")
        ordering = ["-submitted_at"]
        indexes = [
            models.Index(fields=["enrolment", "lesson", "block_id"], name="check_attempt_lookup")
        ]

    def __str__(self) -> str:
        return f"{self.score}% on {self.lesson}"


class Reflection(models.Model):
    """A trainee's answer to a reflection prompt: private unless shared with the facilitators."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="reflections")
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="reflections")
    block_id = models.CharField(_("reflection prompt"), max_length=64)
    text = models.TextField(_("your reflection"), max_length=MAX_REFLECTION_LENGTH)
    shared_with_facilitators = models.BooleanField(_("share with the facilitators"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    feedback = models.TextField(_("feedback"), blank=True, max_length=MAX_REFLECTION_LENGTH)
    feedback_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    feedback_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("reflection")
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson", "block_id"], name="one_reflection_per_prompt"
            )
        ]

    def __str__(self) -> str:
        return f"Reflection on {self.lesson}"


def new_certificate_code() -> str:
    return secrets.token_urlsafe(16)


class Certificate(models.Model):
    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.CASCADE, related_name="certificate"
    )
    code = models.CharField(
        _("verification code"), max_length=40, unique=True, default=new_certificate_code
    )
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)

    class Meta:
        verbose_name = _("certificate")

    def __str__(self) -> str:
        return self.code
