"""The abstract page every public page type builds on: promote fields and a social image."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page


class BasePage(Page):
    social_image = models.ForeignKey(
        "cms.CustomImage",
        verbose_name=_("social image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the page is shared; defaults to the page's own image."),
    )

    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug"),
                FieldPanel("seo_title"),
                FieldPanel("search_description"),
                FieldPanel("social_image"),
            ],
            heading=_("For search engines and sharing"),
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], heading=_("For site menus")),
    ]

    class Meta:
        abstract = True

    def get_meta_description(self) -> str:
        return self.search_description or getattr(self, "listing_summary", "") or ""

    def get_social_image(self):
        return self.social_image or getattr(self, "listing_image_for_sharing", None)
