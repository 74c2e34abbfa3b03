"""The downloadable kit: the discussion paper, every practice's infosheet and the documentary videos."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from .base import BasePage


class KitPage(BasePage):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    discussion_paper = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("discussion paper"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    discussion_paper_summary = models.TextField(_("what the paper covers"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("discussion_paper"),
        FieldPanel("discussion_paper_summary"),
        InlinePanel("extra_documents", label=_("Other documents")),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count = 1
    template = "cms/kit_page.html"

    class Meta:
        verbose_name = _("kit")

    @property
    def listing_summary(self) -> str:
        return self.discussion_paper_summary

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import kit_contents

        context = super().get_context(request, *args, **kwargs)
        context.update(kit_contents(kit=self))
        return context


class KitDocument(Orderable):
    page = ParentalKey(KitPage, on_delete=models.CASCADE, related_name="extra_documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("document"), FieldPanel("description")]
