"""News updates: a blog of the academy's work, with an RSS feed."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from cms.blocks import BodyBlock

from .base import BasePage

NEWS_PER_PAGE = 10


class NewsIndexPage(RoutablePageMixin, BasePage):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]
    max_count = 1
    template = "cms/news_index_page.html"

    class Meta:
        verbose_name = _("news index")

    @property
    def listing_summary(self) -> str:
        return self.intro

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import news_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(news_listing(index=self, params=request.GET))
        return context

    @path("feed/", name="feed")
    def feed(self, request):
        from cms.feeds import NewsFeed

        return NewsFeed(index=self)(request)


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsPage(BasePage):
    date = models.DateField(_("date"), default=timezone.localdate)
    intro = models.TextField(_("introduction"), max_length=600)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    listing_image = models.ForeignKey(
        "cms.CustomImage",
        verbose_name=_("listing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("date"),
        InlinePanel("news_authors", label=_("Authors")),
        FieldPanel("intro"),
        FieldPanel("listing_image"),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types: list[str] = []
    template = "cms/news_page.html"

    class Meta:
        verbose_name = _("news update")
        verbose_name_plural = _("news updates")

    @property
    def listing_summary(self) -> str:
        return self.intro

    @property
    def listing_image_for_sharing(self):
        return self.listing_image

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["authors"] = [
            item.person for item in self.news_authors.select_related("person", "person__photo")
        ]
        return context


class NewsPageAuthor(Orderable):
    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="news_authors")
    person = models.ForeignKey(
        "cms.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("person")]
