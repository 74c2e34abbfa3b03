"""The home page and the general-purpose standard page."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from cms.blocks import BodyBlock

from .base import BasePage


class HomePage(BasePage):
    hero_title = models.CharField(_("hero title"), max_length=150)
    hero_intro = models.TextField(_("hero introduction"), max_length=600, blank=True)
    hero_image = models.ForeignKey(
        "cms.CustomImage",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cta_title = models.CharField(_("call to action title"), max_length=150, blank=True)
    cta_text = models.TextField(_("call to action text"), blank=True)
    cta_label = models.CharField(_("button label"), max_length=60, blank=True)
    cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("linked page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cta_url = models.URLField(_("or external link"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_intro"), FieldPanel("hero_image")],
            heading=_("Hero"),
        ),
        InlinePanel("featured_practices", label=_("Featured practices"), max_num=6),
        MultiFieldPanel(
            [
                FieldPanel("cta_title"),
                FieldPanel("cta_text"),
                FieldPanel("cta_label"),
                FieldPanel("cta_page"),
                FieldPanel("cta_url"),
            ],
            heading=_("Call to action: the current academy edition"),
        ),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("hero_intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    template = "cms/home_page.html"

    class Meta:
        verbose_name = _("home page")

    @property
    def listing_summary(self) -> str:
        return self.hero_intro

    @property
    def listing_image_for_sharing(self):
        return self.hero_image

    @property
    def cta_link(self) -> str:
        if self.cta_page_id and self.cta_page.live:
            return self.cta_page.url
        return self.cta_url

    def clean(self):
        super().clean()
        if self.cta_label and not (self.cta_page_id or self.cta_url):
            raise ValidationError({"cta_page": _("Choose a page or enter a link for the button.")})

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import featured_practices, latest_news

        context = super().get_context(request, *args, **kwargs)
        context["featured_practices"] = featured_practices(home=self)
        context["latest_news"] = latest_news(limit=3)
        return context


class HomeFeaturedPractice(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_practices")
    practice = models.ForeignKey(
        "cms.PracticePage",
        verbose_name=_("practice"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("practice")]


class StandardPage(BasePage):
    intro = models.TextField(_("introduction"), max_length=600, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]
    template = "cms/standard_page.html"

    class Meta:
        verbose_name = _("standard page")

    @property
    def listing_summary(self) -> str:
        return self.intro
