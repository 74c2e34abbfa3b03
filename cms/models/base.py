"""The abstract page every public page type builds on: promote fields, a social image, and page
queries that ask for the site's private sections once per request."""

from django.db import models
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet

from cms.memo import forget, remembered

RESTRICTIONS_KEY = "page_view_restrictions"


class SitePageQuerySet(PageQuerySet):
    def private_q(self) -> Q:
        """Wagtail's test for pages in a private section, with the sections read once a request:
        a page asks ``.public()`` of its listings, menu and filters several times over."""
        restricted = remembered(
            RESTRICTIONS_KEY,
            lambda: [
                restriction.page
                for restriction in PageViewRestriction.objects.select_related("page")
            ],
        )
        q = Q()
        for page in restricted:
            q |= self.descendant_of_q(page, inclusive=True)
        # No private section: match nothing, as Wagtail does.
        return q if q else Q(pk__in=[])


SitePageManager = PageManager.from_queryset(SitePageQuerySet)


def site_pages() -> SitePageQuerySet:
    """Every page, in tree order, as ``Page.objects`` gives them, with the request-wide test above."""
    return SitePageQuerySet(Page).order_by("path")


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def forget_restrictions(**kwargs) -> None:
    forget(RESTRICTIONS_KEY)


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

    objects = SitePageManager()

    class Meta:
        abstract = True

    def get_meta_description(self) -> str:
        return self.search_description or getattr(self, "listing_summary", "") or ""

    def get_social_image(self):
        return self.social_image or getattr(self, "listing_image_for_sharing", None)
