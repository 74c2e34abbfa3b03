"""Functioning practices: the researched local integration measures the academy teaches from."""

import datetime

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, PageManager
from wagtail.search import index

from cms.blocks import BodyBlock
from cms.text import one_per_line

from .base import BasePage, SitePageQuerySet
from .images import card_renditions

PRACTICES_PER_PAGE = 12
CARD_RENDITION = "fill-640x360|format-webp"
GALLERY_RENDITION = "fill-480x320|format-webp"


class Rating(models.IntegerChoices):
    VERY_LOW = 1, _("1: very low")
    LOW = 2, _("2: low")
    MEDIUM = 3, _("3: medium")
    HIGH = 4, _("4: high")
    VERY_HIGH = 5, _("5: very high")


class Criterion(models.TextChoices):
    """The four qualifying features of the short list, in the order the method lists them.

    Reviewers score them, the ranking and the export average them, and a practice profile shows
    them: each reads its label, description and scale from here.
    """

    INNOVATION = "innovation", _("Innovation")
    SUCCESS = "success", _("Success")
    SUSTAINABILITY = "sustainability", _("Economic and financial sustainability")
    TRANSFERABILITY = "transferability", _("Transferability")

    @property
    def short_label(self) -> str:
        return str(CRITERION_SHORT_LABELS.get(self, self.label))

    @property
    def description(self) -> str:
        return str(CRITERION_DESCRIPTIONS[self])

    @property
    def scale(self) -> list[tuple[int, str]]:
        """What each score from 1 to 5 means for this feature."""
        return [(score, str(meaning)) for score, meaning in CRITERION_SCALES[self].items()]


CRITERION_SHORT_LABELS = {Criterion.SUSTAINABILITY: _("Sustainability")}

CRITERION_DESCRIPTIONS = {
    Criterion.INNOVATION: _(
        "How new the approach is, in its place and in its field: a new idea, a new mix of known "
        "tools, or a known tool used where it had not been tried."
    ),
    Criterion.SUCCESS: _(
        "How far the practice reached the objectives it set itself, shown by results rather "
        "than by intentions."
    ),
    Criterion.SUSTAINABILITY: _(
        "Whether the money and the organisation behind the practice can keep it going beyond a "
        "pilot or a single grant, at a cost that matches what it achieves."
    ),
    Criterion.TRANSFERABILITY: _(
        "Whether another city could take it up: how much it depends on local conditions, "
        "money and particular people, and how well it is documented."
    ),
}

CRITERION_SCALES = {
    Criterion.INNOVATION: {
        1: _("Common practice, here and elsewhere"),
        2: _("A known approach with small local changes"),
        3: _("A known approach, new to this place or group"),
        4: _("A new method or a new combination for the field"),
        5: _("A new approach that others learn from"),
    },
    Criterion.SUCCESS: {
        1: _("No sign that the objectives were met"),
        2: _("Few objectives met, or results unclear"),
        3: _("Some objectives met, with evidence"),
        4: _("Most objectives met, with clear evidence"),
        5: _("All objectives met or exceeded, well documented"),
    },
    Criterion.SUSTAINABILITY: {
        1: _("Ends with its current grant"),
        2: _("Rests on one short-term source of money"),
        3: _("Funded for a few years; what comes after is open"),
        4: _("In a regular budget, or several stable sources"),
        5: _("Secured for the long term, at a fair cost"),
    },
    Criterion.TRANSFERABILITY: {
        1: _("Tied to conditions found nowhere else"),
        2: _("Transferable only with large changes"),
        3: _("Transferable to similar cities with some adaptation"),
        4: _("Easy to adapt, with modest means"),
        5: _("Simple, documented and already taken up elsewhere"),
    },
}


class PracticeStatus(models.TextChoices):
    LIVE = "live", _("Live")
    CLOSED = "closed", _("Closed")


def rating_field(verbose_name):
    # Nullable so that a draft may stay unrated, but not blank: publishing needs a rating
    # (Wagtail defers the required check of a nullable field when a draft is saved).
    return models.PositiveSmallIntegerField(
        verbose_name,
        choices=Rating.choices,
        null=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )


def justification_field(verbose_name):
    return models.TextField(
        verbose_name, help_text=_("In a sentence or two: what the rating rests on.")
    )


class PracticeQuerySet(SitePageQuerySet):
    def with_status(self, status: str, today: datetime.date | None = None) -> "PracticeQuerySet":
        today = today or timezone.localdate()
        live = Q(end_date__isnull=True) | Q(end_date__gte=today)
        if status == PracticeStatus.LIVE:
            return self.filter(live)
        if status == PracticeStatus.CLOSED:
            return self.exclude(live)
        return self

    def for_cards(self) -> "PracticeQuerySet":
        """Everything a practice card shows, in a fixed number of queries."""
        return self.select_related("listing_image").prefetch_related(
            "policy_fields", card_renditions("listing_image", CARD_RENDITION)
        )


PracticeManager = PageManager.from_queryset(PracticeQuerySet)


class PracticeIndexPage(BasePage):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.PracticePage"]
    max_count = 1
    template = "cms/practice_index_page.html"

    class Meta:
        verbose_name = _("practice index")

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import practice_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(practice_listing(index=self, params=request.GET))
        return context


class PracticeTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.PracticePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class PracticePage(BasePage):
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country"), max_length=100)
    policy_fields = ParentalManyToManyField(
        "cms.PolicyField", verbose_name=_("policy fields"), related_name="practices"
    )
    lead_organisation = models.CharField(_("lead organisation"), max_length=255)
    partners = models.TextField(_("partners"), blank=True, help_text=_("One per line."))
    public_authorities = models.TextField(
        _("public authorities involved"), blank=True, help_text=_("One per line.")
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Leave empty while the practice runs.")
    )
    summary = models.TextField(_("summary"), max_length=600)
    listing_image = models.ForeignKey(
        "cms.CustomImage",
        verbose_name=_("listing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(
        BodyBlock(),
        verbose_name=_("body"),
        help_text=_("What the practice does, for whom and how. Needed to publish."),
    )

    context_features = RichTextField(_("context features that mattered"), blank=True)
    assets_and_obstacles = RichTextField(_("assets and obstacles"), blank=True)
    achievements_and_failures = RichTextField(_("achievements and failures"), blank=True)
    transferability_notes = RichTextField(
        _("what transfers, and under which conditions"), blank=True
    )

    innovation_rating = rating_field(_("innovation"))
    innovation_justification = justification_field(_("why this innovation rating"))
    success_rating = rating_field(_("success"))
    success_justification = justification_field(_("why this success rating"))
    sustainability_rating = rating_field(_("sustainability"))
    sustainability_justification = justification_field(_("why this sustainability rating"))
    transferability_rating = rating_field(_("transferability"))
    transferability_justification = justification_field(_("why this transferability rating"))

    video_url = models.URLField(_("documentary video link"), blank=True)
    video_transcript = RichTextField(_("video transcript"), blank=True)
    infosheet = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("infosheet"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = ClusterTaggableManager(through=PracticeTag, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    source_nomination = models.OneToOneField(
        "selection.Nomination",
        verbose_name=_("source nomination"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practice_page",
        help_text=_("The nomination from the call for practices this profile grew from."),
    )

    objects = PracticeManager()

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
                FieldPanel(
                    "policy_fields", widget=forms.CheckboxSelectMultiple, required_on_save=False
                ),
                FieldPanel("lead_organisation"),
                FieldPanel("partners"),
                FieldPanel("public_authorities"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Facts"),
        ),
        FieldPanel("summary"),
        FieldPanel("listing_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("context_features"),
                FieldPanel("assets_and_obstacles"),
                FieldPanel("achievements_and_failures"),
                FieldPanel("transferability_notes"),
            ],
            heading=_("Analysis"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("innovation_rating"),
                FieldPanel("innovation_justification"),
                FieldPanel("success_rating"),
                FieldPanel("success_justification"),
                FieldPanel("sustainability_rating"),
                FieldPanel("sustainability_justification"),
                FieldPanel("transferability_rating"),
                FieldPanel("transferability_justification"),
            ],
            heading=_("Qualifying features"),
        ),
        MultiFieldPanel(
            [FieldPanel("video_url"), FieldPanel("video_transcript"), FieldPanel("infosheet")],
            heading=_("Documentary and infosheet"),
        ),
        InlinePanel("gallery_images", label=_("Photo gallery")),
        FieldPanel("tags"),
        FieldPanel("source_nomination", read_only=True),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("city"),
        index.SearchField("country"),
        index.SearchField("summary"),
        index.SearchField("lead_organisation"),
        index.SearchField("body"),
        index.SearchField("context_features"),
        index.SearchField("achievements_and_failures"),
        index.AutocompleteField("city"),
        index.FilterField("start_date"),
        index.FilterField("end_date"),
    ]

    parent_page_types = ["cms.PracticeIndexPage"]
    subpage_types: list[str] = []
    template = "cms/practice_page.html"

    class Meta:
        verbose_name = _("functioning practice")
        verbose_name_plural = _("functioning practices")

    @property
    def listing_summary(self) -> str:
        return self.summary

    @property
    def listing_image_for_sharing(self):
        return self.listing_image

    def status_on(self, day: datetime.date) -> str:
        if self.end_date is None or self.end_date >= day:
            return PracticeStatus.LIVE
        return PracticeStatus.CLOSED

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    @property
    def status_label(self) -> str:
        return PracticeStatus(self.status).label

    @property
    def partner_list(self) -> list[str]:
        return one_per_line(self.partners)

    @property
    def public_authority_list(self) -> list[str]:
        return one_per_line(self.public_authorities)

    @property
    def has_analysis(self) -> bool:
        return any(
            (
                self.context_features,
                self.assets_and_obstacles,
                self.achievements_and_failures,
                self.transferability_notes,
            )
        )

    @property
    def rated_features(self) -> list[dict]:
        """The qualifying features that carry a rating: what the public page shows."""
        return [feature for feature in self.qualifying_features if feature["rating"]]

    @cached_property
    def qualifying_features(self) -> list[dict]:
        """The four ratings with their justification, in the order the method lists them."""
        return [
            {
                "key": criterion.value,
                "label": criterion.label,
                "rating": getattr(self, f"{criterion.value}_rating"),
                "justification": getattr(self, f"{criterion.value}_justification"),
            }
            for criterion in Criterion
        ]

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import related_practices

        context = super().get_context(request, *args, **kwargs)
        context["related_practices"] = related_practices(practice=self)
        context["gallery"] = self.gallery_images.select_related("image").prefetch_related(
            card_renditions("image", GALLERY_RENDITION)
        )
        return context


class PracticeGalleryImage(Orderable):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "cms.CustomImage", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(_("alternative text"), max_length=255, blank=True)
    caption = models.CharField(_("caption"), max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]

    @property
    def alt(self) -> str:
        return self.alt_text or self.image.default_alt_text
