"""The course structure as pages: the academy index, an edition, its modules and
lessons. Editors get drafts, revisions, previews and scheduled publishing for the whole course."""

import dataclasses
import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from cms.blocks import BodyBlock
from cms.models.base import BasePage
from cms.ratelimit import limit_posts

from ..blocks import LessonBodyBlock

# The learning modules that read and write (selectors, page states, services, permissions, forms)
# import these models, so the pages import them inside their methods.

# Where on the lesson page the result of "Mark as complete" shows.
ACTIONS_ANCHOR = "lesson-actions"

# What a lesson's actions share: signed in, posted, and within the rate limit of lesson posts.
LESSON_POST = [login_required, require_POST, limit_posts("learning:lesson")]


def _page_state_context(state) -> dict:
    """A page's state for its template: the whole of it as ``page_state`` (for its properties),
    and each field as a variable of its own (shallow: nested dataclasses stay objects)."""
    return {
        "page_state": state,
        **{field.name: getattr(state, field.name) for field in dataclasses.fields(state)},
    }


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
        from ..selectors.editions import current_edition

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
        context["EnrolmentMode"] = EnrolmentMode
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
    attendance_threshold = models.PositiveSmallIntegerField(
        _("attendance needed (percent)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "The share of the agenda's required items a trainee attends to complete the "
            "residential course."
        ),
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
                FieldPanel("attendance_threshold"),
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
    subpage_types = ["learning.ModulePage", "learning.AgendaPage"]
    template = "learning/edition_page.html"

    class Meta:
        verbose_name = _("academy edition")

    @property
    def listing_summary(self) -> str:
        return self.summary

    def get_context(self, request, *args, **kwargs):
        from ..page_states.edition import edition_page_state

        context = super().get_context(request, *args, **kwargs)
        context.update(_page_state_context(edition_page_state(user=request.user, edition=self)))
        context["cohort_path"] = reverse("learning:cohort", args=[self.slug])
        context["EnrolmentMode"] = EnrolmentMode
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

    def has_finished(self, today: datetime.date | None = None) -> bool:
        """The follow-up has ended: the edition's lessons are read-only for its trainees."""
        return (today or timezone.localdate()) > self.follow_up_end

    def enrolment_is_open(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        closes = self.enrolment_closes or self.residential_start - datetime.timedelta(days=1)
        return today <= closes


class EditionFacilitator(Orderable):
    edition = ParentalKey(EditionPage, on_delete=models.CASCADE, related_name="facilitators")
    # A role, not a record: deleting the person ends it (CASCADE). Their feedback and decisions
    # stay, without their name (SET_NULL on those records).
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
    outsider_template = "learning/module_page_outsider.html"

    class Meta:
        verbose_name = _("module")

    @property
    def outcomes(self) -> list[str]:
        return [line.strip() for line in self.learning_outcomes.splitlines() if line.strip()]

    def serve(self, request, *args, **kwargs):
        """Somebody who may not view the course gets the syllabus and a way in, from a template
        that has no module content to show."""
        from ..page_states.module import module_page_state

        request.is_preview = getattr(request, "is_preview", False)
        state = module_page_state(user=request.user, module=self)
        template = self.get_template(request) if state.can_view else self.outsider_template
        return TemplateResponse(request, template, self.get_context(request, page_state=state))

    def serve_preview(self, request, mode_name):
        # The preview takes the same access decision as the live page.
        return self.serve(request)

    def get_context(self, request, *args, page_state=None, **kwargs):
        from ..page_states.module import module_page_state

        context = super().get_context(request, *args, **kwargs)
        state = page_state or module_page_state(user=request.user, module=self)
        context.update(_page_state_context(state))
        return context


# The blocks a trainee answers, whose results show inside them, and the prefix of their anchors
# on the lesson page (``check-<block id>``, ``reflection-<block id>``).
_ANSWERED = {"knowledge_check": "check", "reflection": "reflection"}


def lesson_anchor(block_type: str, block_id: str) -> str:
    """The id of a check or reflection block on the lesson page, which redirects aim at."""
    return f"{_ANSWERED[block_type]}-{block_id}"


def _is_anchor(tag: str) -> bool:
    return tag == ACTIONS_ANCHOR or tag.startswith(tuple(f"{p}-" for p in _ANSWERED.values()))


class LessonPage(RoutablePageMixin, BasePage):
    """A lesson of a module. Its own routes take what a trainee posts from it: completing it,
    answering a knowledge check, saving a reflection."""

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
    outsider_template = "learning/lesson_page_outsider.html"

    class Meta:
        verbose_name = _("lesson")

    @property
    def listing_summary(self) -> str:
        return self.summary

    # Reading the lesson -----------------------------------------------------------------------

    @path("")
    def index_route(self, request, *args, **kwargs):
        """The lesson itself. Access is decided first: somebody who may not view the course gets
        the syllabus and a way in, from a template that has no lesson body to show."""
        from ..page_states.access import course_access
        from ..page_states.lesson import lesson_page_state

        request.is_preview = getattr(request, "is_preview", False)
        access = course_access(user=request.user, page=self)
        if not access.can_view:
            state = lesson_page_state(user=request.user, lesson=self, access=access)
            return TemplateResponse(
                request, self.outsider_template, self.get_context(request, page_state=state)
            )
        by_anchor, general = self._messages_by_anchor(request)
        state = lesson_page_state(
            user=request.user, lesson=self, access=access, messages_by_anchor=by_anchor
        )
        # A result shows in the block the trainee acted in; one whose block is not on the page
        # now (a lesson locked meanwhile, a block deleted) shows at the top instead.
        shown = {item.anchor for item in state.body_items if item.block.block_type in _ANSWERED}
        if state.show_body and state.enrolment is not None and state.lesson_state is not None:
            shown.add(ACTIONS_ANCHOR)
        general += [
            message
            for anchor, found in by_anchor.items()
            if anchor not in shown
            for message in found
        ]
        context = self.get_context(request, page_state=state)
        context["messages"] = general
        return TemplateResponse(request, self.get_template(request), context)

    def get_context(self, request, *args, page_state=None, **kwargs):
        from ..page_states.lesson import lesson_page_state

        context = super().get_context(request, *args, **kwargs)
        state = page_state or lesson_page_state(user=request.user, lesson=self)
        context.update(_page_state_context(state))
        return context

    @staticmethod
    def _messages_by_anchor(request: HttpRequest) -> tuple[dict[str, list], list]:
        """The pending messages: those tagged with the anchor of the place on the lesson they
        belong to (see ``_say``), and the others, which the page shows at the top."""
        by_anchor: dict[str, list] = {}
        general = []
        for message in messages.get_messages(request):
            if message.extra_tags and _is_anchor(message.extra_tags):
                by_anchor.setdefault(message.extra_tags, []).append(message)
            else:
                general.append(message)
        return by_anchor, general

    @staticmethod
    def _say(request: HttpRequest, level: int, text: str, *, anchor: str) -> None:
        messages.add_message(request, level, text, extra_tags=anchor)

    def _back_to(self, anchor: str) -> HttpResponseRedirect:
        return HttpResponseRedirect(f"{self.url}#{anchor}")

    # What a trainee posts -----------------------------------------------------------------------

    def _trainee_enrolment(self, request: HttpRequest):
        """The poster's enrolment, once it holds a place in the lesson's edition (else 403)."""
        from .. import permissions
        from ..selectors.editions import edition_of, enrolment_for

        edition = edition_of(page=self)
        if edition is None:
            raise Http404
        enrolment = enrolment_for(user=request.user, edition=edition)
        if not permissions.can_work_on_lessons(request.user, enrolment):
            raise PermissionDenied(
                gettext("Only accepted trainees of this edition can work on its lessons.")
            )
        return enrolment

    @classmethod
    def _refused(cls, request: HttpRequest, error: ValidationError, *, anchor: str) -> None:
        for message in error.messages:
            cls._say(request, messages.ERROR, message, anchor=anchor)

    @path("complete/", name="lesson_complete")
    @method_decorator(LESSON_POST)
    def complete(self, request: HttpRequest) -> HttpResponse:
        from ..services import lesson_complete

        enrolment = self._trainee_enrolment(request)
        try:
            lesson_complete(enrolment=enrolment, lesson=self)
        except ValidationError as error:
            self._refused(request, error, anchor=ACTIONS_ANCHOR)
        else:
            self._say(
                request,
                messages.SUCCESS,
                gettext("Lesson complete. Well done."),
                anchor=ACTIONS_ANCHOR,
            )
        return self._back_to(ACTIONS_ANCHOR)

    @path("check/<str:block_id>/", name="check_submit")
    @method_decorator(LESSON_POST)
    def check_submit(self, request: HttpRequest, block_id: str) -> HttpResponse:
        from ..forms import check_answers
        from ..knowledge_checks import CHECK, find_block
        from ..services import check_submit

        enrolment = self._trainee_enrolment(request)
        if find_block(self, CHECK, block_id) is None:
            raise Http404
        anchor = lesson_anchor(CHECK, block_id)
        try:
            check_submit(
                enrolment=enrolment,
                lesson=self,
                block_id=block_id,
                answers=check_answers(request.POST),
            )
        except ValidationError as error:
            self._refused(request, error, anchor=anchor)
        # A graded sheet needs no message: the check shows the score, the attempts left and
        # which questions were right, and the page opens at it.
        return self._back_to(anchor)

    @path("reflection/<str:block_id>/", name="reflection_save")
    @method_decorator(LESSON_POST)
    def reflection_save(self, request: HttpRequest, block_id: str) -> HttpResponse:
        from ..forms import ReflectionForm
        from ..knowledge_checks import REFLECTION, find_block
        from ..services import reflection_save

        enrolment = self._trainee_enrolment(request)
        if find_block(self, REFLECTION, block_id) is None:
            raise Http404
        anchor = lesson_anchor(REFLECTION, block_id)
        form = ReflectionForm(request.POST, prefix=f"reflection-{block_id}")
        form.is_valid()  # both fields are optional; the service judges the text
        try:
            reflection_save(
                enrolment=enrolment,
                lesson=self,
                block_id=block_id,
                text=form.cleaned_data.get("text", ""),
                shared=form.cleaned_data.get("shared", False),
            )
        except ValidationError as error:
            self._refused(request, error, anchor=anchor)
        else:
            self._say(
                request,
                messages.SUCCESS,
                gettext("Your reflection is saved."),
                anchor=anchor,
            )
        return self._back_to(anchor)
