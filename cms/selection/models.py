"""The selection pipeline's data: rounds, the call page, nominations, their documents and reviews."""

import datetime
import math
import uuid

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.core.files.storage import storages
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.http import HttpResponse, HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from cms import ratelimit
from cms.models.base import BasePage
from cms.models.practices import Criterion, Rating
from cms.text import one_per_line

from .uploads import DOCUMENT_KINDS, document_kind

DOCUMENT_EXTENSIONS = list(DOCUMENT_KINDS)
YEARS_LIVE_AFTER_END = 2
YEARS_OF_IMPLEMENTATION = 2


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day ``years`` later (or earlier); 29 February falls back to the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def weight_field(verbose_name):
    return models.PositiveSmallIntegerField(
        verbose_name,
        default=1,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
        help_text=_("From 0 (ignored) to 10; equal weights give a plain average."),
    )


class SelectionRound(models.Model):
    """One selection of practices: its reference date, weights and the shape of the short list."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    reference_date = models.DateField(
        _("reference date"),
        help_text=_(
            "Rule (d) is measured from this day: the practice must still run or have ended "
            "no more than two years before it."
        ),
    )
    is_closed = models.BooleanField(
        _("closed"),
        default=False,
        help_text=_("A closed round takes no more reviews, checks or changes to its short list."),
    )
    short_list_size = models.PositiveSmallIntegerField(
        _("short list size"), default=10, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    max_per_policy_field = models.PositiveSmallIntegerField(
        _("at most per policy field"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("So that the short list spans several sectors."),
    )
    weight_innovation = weight_field(_("weight of innovation"))
    weight_success = weight_field(_("weight of success"))
    weight_sustainability = weight_field(_("weight of sustainability"))
    weight_transferability = weight_field(_("weight of transferability"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldPanel("reference_date"),
        FieldRowPanel([FieldPanel("short_list_size"), FieldPanel("max_per_policy_field")]),
        MultiFieldPanel(
            [
                FieldPanel("weight_innovation"),
                FieldPanel("weight_success"),
                FieldPanel("weight_sustainability"),
                FieldPanel("weight_transferability"),
            ],
            heading=_("Weights of the qualifying features"),
        ),
        FieldPanel("is_closed"),
    ]

    class Meta:
        ordering = ["-reference_date", "-pk"]
        verbose_name = _("selection round")
        verbose_name_plural = _("selection rounds")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weight_innovation__gt=0)
                | models.Q(weight_success__gt=0)
                | models.Q(weight_sustainability__gt=0)
                | models.Q(weight_transferability__gt=0),
                name="selection_round_some_weight",
                violation_error_message=_("At least one weight must be above zero."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def weights(self) -> dict[str, int]:
        return {
            criterion.value: getattr(self, f"weight_{criterion.value}") for criterion in Criterion
        }


NOMINATIONS_SCOPE = "selection:nominations"


class CallForPracticesPage(RoutablePageMixin, BasePage):
    """The public call: an intro, the dates it is open, and the nomination form while it is."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link", "ul", "ol"])
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    selection_round = models.ForeignKey(
        SelectionRound,
        verbose_name=_("selection round"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Nominations go to this round. Without one the call takes no nominations."),
    )
    outcome_by = models.DateField(
        _("outcome expected by"),
        null=True,
        blank=True,
        help_text=_(
            "When nominators can expect to hear whether their practice was chosen. Shown after a "
            "nomination is sent and in the confirmation e-mail."
        ),
    )
    thank_you_text = models.TextField(
        _("thank-you text"),
        max_length=1000,
        blank=True,
        help_text=_("Shown after a nomination is sent."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldPanel("selection_round"),
        FieldPanel("outcome_by"),
        FieldPanel("thank_you_text"),
    ]

    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count = 1
    template = "selection/call_for_practices_page.html"

    class Meta:
        verbose_name = _("call for practices")

    @property
    def listing_summary(self) -> str:
        return self.search_description

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The call must close after it opens.")})

    def is_open(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return (
            self.selection_round_id is not None
            and not self.selection_round.is_closed
            and self.opens_at <= now < self.closes_at
        )

    def has_closed(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return now >= self.closes_at or bool(
            self.selection_round_id and self.selection_round.is_closed
        )

    # The call's own routes: the form and its thank-you page --------------------------------------
    # Forms, services and permissions import these models, hence the imports inside the methods.

    def _render(self, request, *, form=None, error="", status=200) -> HttpResponse:
        from .permissions import can_nominate

        context = self.get_context(request)
        context.update(
            {
                "form": form,
                "form_error": error,
                "is_open": can_nominate(self),
                "has_closed": self.has_closed(),
            }
        )
        return TemplateResponse(request, self.template, context, status=status)

    def _closed(self, request) -> HttpResponse:
        return self._render(
            request,
            error=gettext("This call is closed; nominations are no longer accepted."),
            status=403,
        )

    @path("", name="nominate")
    def nominate(self, request) -> HttpResponse:
        from . import services
        from .forms import NominationForm
        from .permissions import can_nominate

        if not can_nominate(self):
            return self._closed(request) if request.method == "POST" else self._render(request)
        if request.method != "POST":
            return self._render(request, form=NominationForm())
        try:
            data, files = request.POST, request.FILES
        except RequestDataTooBig:
            return self.nomination_too_large(request)
        form = NominationForm(data, files)
        # Only nominations that pass the form count towards the limit, so a person who corrects
        # a mistake is not held back.
        if not ratelimit.allowed_by_settings(request, scope=NOMINATIONS_SCOPE):
            seconds = ratelimit.seconds_left()
            refused = self._render(
                request,
                form=form,
                error=gettext(
                    "Too many nominations came from your address in the last hour. Try again in "
                    "%(minutes)d minutes at the latest."
                )
                % {"minutes": math.ceil(seconds / 60)},
                status=429,
            )
            refused["Retry-After"] = str(seconds)
            return refused
        if not form.is_valid():
            return self._render(request, form=form, status=400)
        ratelimit.count(request, scope=NOMINATIONS_SCOPE)
        thanks = HttpResponseRedirect(self.url + self.reverse_subpage("thanks"))
        if form.is_spam:
            return thanks
        try:
            services.nomination_submit(
                selection_round=self.selection_round,
                data=form.nomination_data(),
                policy_fields=form.cleaned_data["policy_fields"],
                local_level=form.cleaned_data["local_level"],
                documents=form.cleaned_data["documents"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
            return self._render(request, form=form, status=400)
        return thanks

    def nomination_too_large(self, request) -> HttpResponse:
        """The answer to a nomination whose texts were too large to receive (see the middleware
        that calls it): the form again, empty since nothing was received, with what to do."""
        from .forms import NominationForm
        from .permissions import can_nominate

        if not can_nominate(self):
            return self._closed(request)
        error = gettext(
            "The nomination was too large to receive (the texts together may be %(limit)s at "
            "most), so nothing was saved. Shorten the texts, fill in the form again and attach "
            "long documents as files."
        ) % {"limit": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)}
        return self._render(request, form=NominationForm(), error=error, status=413)

    @path("thanks/", name="thanks")
    def thanks(self, request) -> HttpResponse:
        return TemplateResponse(
            request, "selection/nomination_thanks.html", self.get_context(request)
        )


class NominationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting checks")
    LONG_LISTED = "long_listed", _("Long-listed")
    NOT_ELIGIBLE = "not_eligible", _("Not eligible")


class Decision(models.TextChoices):
    NONE = "", _("No decision")
    PINNED = "pinned", _("Pinned to the short list")
    EXCLUDED = "excluded", _("Excluded from the short list")


class NominationQuerySet(models.QuerySet):
    def long_listed(self) -> "NominationQuerySet":
        return self.filter(status=NominationStatus.LONG_LISTED)


class Nomination(models.Model):
    """A practice put forward through the call, with the checks of its pre-requisites."""

    selection_round = models.ForeignKey(
        SelectionRound,
        verbose_name=_("round"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    reference = models.UUIDField(_("reference"), default=uuid.uuid4, unique=True, editable=False)
    practice_name = models.CharField(_("practice name"), max_length=200)
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country"), max_length=100)
    lead_organisation = models.CharField(_("lead organisation"), max_length=255)
    # (c) as the nominator answered it: yes, no, or None for "not sure" (and nominations filed
    # before the question was asked).
    involves_public_authorities = models.BooleanField(
        _("public authorities involved (the nominator's answer)"), null=True, blank=True
    )
    public_authorities = models.TextField(
        _("public authorities involved"),
        max_length=2000,
        blank=True,
        help_text=_("One per line."),
    )
    policy_fields = models.ManyToManyField(
        "cms.PolicyField", verbose_name=_("policy fields"), related_name="nominations"
    )
    start_date = models.DateField(_("start of implementation"))
    start_date_is_approximate = models.BooleanField(
        _("start known only to the month or year"),
        default=False,
        help_text=_("The start date is then the first day of that month or year."),
    )
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Empty while the practice runs.")
    )
    goals = models.TextField(_("goals regarding people with a migrant background"), max_length=4000)
    description = models.TextField(_("description"), max_length=8000)
    results = models.TextField(_("results so far"), max_length=4000, blank=True)
    funding = models.TextField(_("funding and how it is sustained"), max_length=4000, blank=True)
    links = models.TextField(_("links"), max_length=2000, blank=True, help_text=_("One per line."))
    contact_name = models.CharField(_("contact name"), max_length=150)
    contact_email = models.EmailField(_("contact e-mail"), max_length=254)
    is_self_nomination = models.BooleanField(_("self-nomination"), default=False)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    # Pre-requisites a reviewer decides; None means nobody has checked yet.
    clear_goals = models.BooleanField(_("(a) clear integration goals"), null=True, blank=True)
    clear_goals_note = models.TextField(_("note on (a)"), max_length=2000, blank=True)
    local_level = models.BooleanField(
        _("(b) carried out at local level"),
        null=True,
        blank=True,
        help_text=_("Prefilled from the nominator's answer."),
    )
    local_level_note = models.TextField(_("note on (b)"), max_length=2000, blank=True)
    # (c) and (d) follow from the nominator's answers unless a reviewer settles them; None
    # means the answers decide.
    authorities_verdict = models.BooleanField(_("(c) reviewer's verdict"), null=True, blank=True)
    authorities_note = models.TextField(_("note on (c)"), max_length=2000, blank=True)
    dates_verdict = models.BooleanField(_("(d) reviewer's verdict"), null=True, blank=True)
    dates_note = models.TextField(_("note on (d)"), max_length=2000, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # Stored so that the listing can filter on it; services recompute it on every change.
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=NominationStatus.choices,
        default=NominationStatus.PENDING,
        db_index=True,
    )

    decision = models.CharField(
        _("short-list decision"), max_length=10, choices=Decision.choices, blank=True, default=""
    )
    decision_reason = models.TextField(_("reason"), max_length=2000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = NominationQuerySet.as_manager()

    panels = [
        FieldPanel("selection_round"),
        FieldPanel("practice_name"),
        FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
        FieldPanel("lead_organisation"),
        FieldPanel("involves_public_authorities"),
        FieldPanel("public_authorities"),
        FieldPanel("policy_fields"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("start_date_is_approximate"),
        FieldPanel("goals"),
        FieldPanel("description"),
        FieldPanel("results"),
        FieldPanel("funding"),
        FieldPanel("links"),
        FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_email")]),
        FieldPanel("is_self_nomination"),
    ]

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        permissions = [
            ("review_nomination", _("Can check and score nominations as a reviewer")),
        ]
        indexes = [models.Index(fields=["selection_round", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="nomination_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            # A double click or a second tab must not file the same practice twice: one
            # nomination per practice name and contact address in a round (case ignored).
            models.UniqueConstraint(
                "selection_round",
                Lower("contact_email"),
                Lower("practice_name"),
                name="one_nomination_per_practice_and_contact",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.practice_name} ({self.city})"

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.submitted_at and self.start_date > self.submitted_at.date():
            errors["start_date"] = _("The start date cannot be after the nomination was sent.")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if errors:
            raise ValidationError(errors)

    @property
    def public_authority_list(self) -> list[str]:
        return one_per_line(self.public_authorities)

    @property
    def link_list(self) -> list[str]:
        return one_per_line(self.links)

    @property
    def is_long_listed(self) -> bool:
        return self.status == NominationStatus.LONG_LISTED


# What a nominator answers in the call's form that the nomination keeps in its own columns, in
# the order the form asks: the one list the form shows and the service stores. The policy fields
# (a many-to-many, set once the nomination is saved) and the answer on local level (the prefill of
# pre-requisite (b)) reach the service as arguments of their own.
NOMINATION_FIELDS = [
    "practice_name",
    "city",
    "country",
    "lead_organisation",
    "involves_public_authorities",
    "public_authorities",
    "start_date",
    "start_date_is_approximate",
    "end_date",
    "goals",
    "description",
    "results",
    "funding",
    "links",
    "contact_name",
    "contact_email",
    "is_self_nomination",
]


def nomination_document_path(instance: "NominationDocument", filename: str) -> str:
    # A random folder keeps two files of the same name apart.
    return f"nominations/{uuid.uuid4().hex}/{filename}"


def nomination_storage():
    """The private storage (settings.STORAGES["private"]): nominators' files have no public URL."""
    return storages["private"]


class NominationDocument(models.Model):
    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="documents", verbose_name=_("nomination")
    )
    file = models.FileField(
        _("file"),
        upload_to=nomination_document_path,
        storage=nomination_storage,
        max_length=255,
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS)],
    )
    # The type read from the file's bytes when it was received, and the only one it is served
    # with; never the type the sender's browser claimed. Empty for files received before the
    # content was checked: those are served as plain bytes.
    content_type = models.CharField(_("content type"), max_length=100, blank=True, editable=False)

    class Meta:
        verbose_name = _("nomination document")
        verbose_name_plural = _("nomination documents")

    def __str__(self) -> str:
        return self.filename

    def clean(self):
        super().clean()
        extension = self.extension
        if not self.file or extension not in DOCUMENT_KINDS:
            return  # no file, or one the extension validator refuses already
        kind = document_kind(self.file)
        if kind is None or kind.extension != extension:
            raise ValidationError(
                {
                    "file": _("“%(name)s” is not really a %(kind)s file.")
                    % {"name": self.filename, "kind": extension.upper()}
                }
            )
        self.content_type = kind.content_type

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]

    @property
    def extension(self) -> str:
        name = self.filename
        return name.rsplit(".", 1)[-1].lower() if "." in name else ""

    @property
    def served_content_type(self) -> str:
        return self.content_type or "application/octet-stream"


def score_field(verbose_name):
    return models.PositiveSmallIntegerField(
        verbose_name,
        choices=Rating.choices,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )


class Review(models.Model):
    """One reviewer's scores of one long-listed nomination on the four qualifying features."""

    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("nomination")
    )
    # Deleting a person (tests/test_deletion.py holds the table): a review's scores make the
    # ranking of its round, which must not change once the round is closed, so a reviewer with
    # reviews cannot be deleted (PROTECT); the admin says so and offers deactivation. Who checked
    # or decided a nomination is only a name on it: SET_NULL.
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="practice_reviews",
        verbose_name=_("reviewer"),
    )
    innovation = score_field(_("innovation"))
    success = score_field(_("success"))
    sustainability = score_field(_("economic and financial sustainability"))
    transferability = score_field(_("transferability"))
    comment = models.TextField(_("comment"), max_length=4000, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["nomination", "reviewer"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "reviewer"],
                name="one_review_per_reviewer_and_nomination",
                violation_error_message=_("This reviewer has already reviewed this nomination."),
            ),
            *[
                models.CheckConstraint(
                    condition=models.Q(**{f"{c.value}__gte": 1, f"{c.value}__lte": 5}),
                    name=f"review_{c.value}_1_to_5",
                )
                for c in Criterion
            ],
        ]

    def __str__(self) -> str:
        return f"{self.nomination} by {self.reviewer}"
