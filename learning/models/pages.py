"""The course structure as pages: the academy index, an edition, its modules and
lessons. Editors get drafts, revisions, previews and scheduled publishing for the whole course."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from cms.blocks import BodyBlock
from cms.models.base import BasePage

from ..blocks import LessonBodyBlock


class Phase(models.TextChoices):
    """The three phases of an academy edition, in the order a trainee meets them."""

    PRE_TRAINING = "pre_training", _("Pre-training")
    RESIDENTIAL = "residential", _("Residential course")
    FOLLOW_UP = "follow_up", _("Follow-up")


class EnrolmentMode(models.TextChoices):
    OPEN = "open", _("Open: members enrol directly")
    APPLICATION = "application", _("By application: staff accept or decline")


class AcademyIndexPage(BasePage):
    """``/academy/``: every edition, the current one first."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["learning.EditionPage"]
    max_count = 1
    template = "learning/academy_index_page.html"

    class Meta:
        verbose_name = _("academy index")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import current_edition

        context = super().get_context(request, *args, **kwargs)
        editions = list(
            EditionPage.objects.live().public().child_of(self).order_by("-residential_start")
        )
        current = current_edition()
        # The current edition leads; the others follow, the newest first.
        if current is not None and any(edition.pk == current.pk for edition in editions):
            editions.sort(key=lambda edition: edition.pk != current.pk)
        context["editions"] = editions
        context["current_edition"] = current
        return context


class EditionPage(BasePage):
    """One academy edition, e.g. the Turin residential course of February 2014."""

    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("Shown on cards and in search.")
    )
    intro = StreamField(BodyBlock(), verbose_name=_("introduction"), blank=True)
    venue = models.CharField(
        _("venue"), max_length=200, help_text=_("Where the residential course takes place.")
    )

    pre_training_start = models.DateField(_("pre-training starts"))
    pre_training_end = models.DateField(_("pre-training ends"))
    residential_start = models.DateField(_("residential course starts"))
    residential_end = models.DateField(_("residential course ends"))
    follow_up_start = models.DateField(_("follow-up starts"))
    follow_up_end = models.DateField(_("follow-up ends"))

    enrolment_mode = models.CharField(
        _("enrolment"),
        max_length=20,
        choices=EnrolmentMode.choices,
        default=EnrolmentMode.APPLICATION,
    )
    enrolment_closes = models.DateField(
        _("applications close"),
        null=True,
        blank=True,
        help_text=_(
            "The last day to apply or enrol; empty keeps enrolment open until the residential course."
        ),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("Accepted trainees at most; empty means no limit."),
    )
    application_help = RichTextField(
        _("guidance for applicants"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("Shown above the application form: what to write in each answer."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        FieldPanel("intro"),
        FieldPanel("venue"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("pre_training_start"), FieldPanel("pre_training_end")]),
                FieldRowPanel([FieldPanel("residential_start"), FieldPanel("residential_end")]),
                FieldRowPanel([FieldPanel("follow_up_start"), FieldPanel("follow_up_end")]),
            ],
            heading=_("Phases"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("enrolment_mode"),
                FieldRowPanel([FieldPanel("enrolment_closes"), FieldPanel("capacity")]),
                FieldPanel("application_help"),
            ],
            heading=_("Enrolment"),
        ),
        InlinePanel("facilitators", label=_("Facilitators")),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("venue"),
        index.FilterField("residential_start"),
    ]

    parent_page_types = ["learning.AcademyIndexPage"]
    subpage_types = ["learning.ModulePage"]
    template = "learning/edition_page.html"

    class Meta:
        verbose_name = _("academy edition")

    @property
    def listing_summary(self) -> str:
        return self.summary

    def get_context(self, request, *args, **kwargs):
        from .. import permissions, selectors
        from .records import EnrolmentStatus

        context = super().get_context(request, *args, **kwargs)
        user = request.user
        enrolment = selectors.enrolment_for(user=user, edition=self)
        progress = None
        if enrolment is not None and enrolment.is_active:
            progress = selectors.progress_for(enrolment=enrolment)
            syllabus = progress.modules
        else:
            syllabus = selectors.syllabus_for(edition=self)
        is_staff_here = user.is_authenticated and permissions.can_view_cohort(user, self)
        context.update(
            {
                "edition": self,
                "enrolment": enrolment,
                "progress": progress,
                "syllabus": syllabus,
                "is_applicant": bool(enrolment and enrolment.status == EnrolmentStatus.APPLIED),
                "can_withdraw": bool(
                    enrolment
                    and enrolment.status in {EnrolmentStatus.APPLIED, EnrolmentStatus.ACCEPTED}
                ),
                "apply_refusal": permissions.apply_refusal(user, self)
                if user.is_authenticated and progress is None
                else "",
                "places_left": permissions.places_left(self),
                "facilitator_list": [
                    item.user for item in self.facilitators.select_related("user")
                ],
                "can_view_cohort": is_staff_here,
                "can_view_course": progress is not None
                or is_staff_here
                or (user.is_authenticated and permissions.is_editor(user)),
                "cohort_path": reverse("learning:cohort", args=[self.slug]),
                "phase_dates": [
                    (label, *self.phase_dates()[phase]) for phase, label in Phase.choices
                ],
            }
        )
        return context

    def clean(self):
        super().clean()
        order = [
            ("pre_training_start", "pre_training_end"),
            ("pre_training_end", "residential_start"),
            ("residential_start", "residential_end"),
            ("residential_end", "follow_up_start"),
            ("follow_up_start", "follow_up_end"),
        ]
        errors = {}
        for earlier, later in order:
            first, second = getattr(self, earlier), getattr(self, later)
            if first and second and second < first:
                errors[later] = _("This date comes before %(field)s.") % {
                    "field": self._meta.get_field(earlier).verbose_name
                }
        if errors:
            raise ValidationError(errors)

    def phase_dates(self) -> dict[str, tuple[datetime.date, datetime.date]]:
        return {
            Phase.PRE_TRAINING: (self.pre_training_start, self.pre_training_end),
            Phase.RESIDENTIAL: (self.residential_start, self.residential_end),
            Phase.FOLLOW_UP: (self.follow_up_start, self.follow_up_end),
        }

    def enrolment_is_open(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        closes = self.enrolment_closes or self.residential_start - datetime.timedelta(days=1)
        return today <= closes


class EditionFacilitator(Orderable):
    edition = ParentalKey(EditionPage, on_delete=models.CASCADE, related_name="facilitators")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitator"),
        on_delete=models.CASCADE,
        related_name="facilitated_editions",
    )

    panels = [FieldPanel("user")]

    class Meta(Orderable.Meta):
        verbose_name = _("facilitator")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "user"], name="unique_facilitator_per_edition"
            )
        ]


class ModulePage(BasePage):
    """A pre-training module; its lessons are its children, ordered in the page tree."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul"])
    learning_outcomes = models.TextField(
        _("learning outcomes"), blank=True, help_text=_("One outcome per line.")
    )
    estimated_minutes = models.PositiveIntegerField(_("estimated time (minutes)"), default=60)
    release_at = models.DateTimeField(
        _("released on"), null=True, blank=True, help_text=_("Lessons stay locked until then.")
    )
    requires_previous = models.BooleanField(
        _("requires the previous module"),
        default=False,
        help_text=_(
            "Lessons stay locked until every required lesson of the module before is complete."
        ),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("learning_outcomes"),
        FieldRowPanel([FieldPanel("estimated_minutes"), FieldPanel("release_at")]),
        FieldPanel("requires_previous"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("learning_outcomes")]

    parent_page_types = ["learning.EditionPage"]
    subpage_types = ["learning.LessonPage"]
    template = "learning/module_page.html"

    class Meta:
        verbose_name = _("module")

    @property
    def outcomes(self) -> list[str]:
        return [line.strip() for line in self.learning_outcomes.splitlines() if line.strip()]

    def get_context(self, request, *args, **kwargs):
        # Imported here: the views import these models.
        from ..views.lessons import module_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(module_page_context(request=request, module=self))
        return context


class LessonPage(BasePage):
    summary = models.TextField(_("summary"), max_length=400, blank=True)
    estimated_minutes = models.PositiveIntegerField(_("estimated time (minutes)"), default=20)
    is_required = models.BooleanField(
        _("required"),
        default=True,
        help_text=_("Optional lessons do not count towards completion."),
    )
    body = StreamField(LessonBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("estimated_minutes"), FieldPanel("is_required")]),
        FieldPanel("body"),
    ]
    # Lesson bodies are for trainees only: search indexes the title and summary, never the body.
    search_fields = [*BasePage.search_fields, index.SearchField("summary")]

    parent_page_types = ["learning.ModulePage"]
    subpage_types: list[str] = []
    template = "learning/lesson_page.html"

    class Meta:
        verbose_name = _("lesson")

    @property
    def listing_summary(self) -> str:
        return self.summary

    def get_context(self, request, *args, **kwargs):
        from ..views.lessons import lesson_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_page_context(request=request, lesson=self))
        return context
