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


class PracticeStatus(models.TextChoices):
    LIVE = "live", _("Live")
    CLOSED = "closed", _("Closed")


def rating_field(verbose_name):
    return models.PositiveSmallIntegerField(
        verbose_name,
        choices=Rating.choices,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
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
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    context_features = RichTextField(_("context features that mattered"), blank=True)
    assets_and_obstacles = RichTextField(_("assets and obstacles"), blank=True)
    achievements_and_failures = RichTextField(_("achievements and failures"), blank=True)
    transferability_notes = RichTextField(
        _("what transfers, and under which conditions"), blank=True
    )

    innovation_rating = rating_field(_("innovation"))
    innovation_justification = models.TextField(_("why this innovation rating"), blank=True)
    success_rating = rating_field(_("success"))
    success_justification = models.TextField(_("why this success rating"), blank=True)
    sustainability_rating = rating_field(_("sustainability"))
    sustainability_justification = models.TextField(_("why this sustainability rating"), blank=True)
    transferability_rating = rating_field(_("transferability"))
    transferability_justification = models.TextField(
        _("why this transferability rating"), blank=True
    )

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
                FieldPanel("policy_fields", widget=forms.CheckboxSelectMultiple),
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
        return [line.strip() for line in self.partners.splitlines() if line.strip()]

    @property
    def public_authority_list(self) -> list[str]:
        return [line.strip() for line in self.public_authorities.splitlines() if line.strip()]

    @cached_property
    def qualifying_features(self) -> list[dict]:
        """The four ratings with their justification, in the order the method lists them."""
        features = [
            ("innovation", _("Innovation")),
            ("success", _("Success")),
            ("sustainability", _("Economic and financial sustainability")),
            ("transferability", _("Transferability")),
        ]
        return [
            {
                "key": key,
                "label": label,
                "rating": getattr(self, f"{key}_rating"),
                "justification": getattr(self, f"{key}_justification"),
            }
            for key, label in features
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
