"""The abstract page every public page type builds on: promote fields, a social image, page
queries that ask for the site's private sections once per request, and a route walk that finds a
page's descendants in one query."""

from django.db import models
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet

from cms.request_memory import forget, remembered

RESTRICTIONS_KEY = "page_view_restrictions"


def restricted_pages() -> list[Page]:
    """The pages that start a private section, read once a request."""
    return remembered(
        RESTRICTIONS_KEY,
        lambda: [
            restriction.page for restriction in PageViewRestriction.objects.select_related("page")
        ],
    )


class SitePageQuerySet(PageQuerySet):
    def private_q(self) -> Q:
        """Wagtail's test for pages in a private section, with the sections read once a request:
        a page asks ``.public()`` of its listings, menu and filters several times over."""
        q = Q()
        for page in restricted_pages():
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

    def route(self, request, path_components):
        """Wagtail's route walk with every page the path names read in one query.

        Wagtail asks the database for each level twice (the child by its slug, then its specific
        type). The pages the path names are the descendants whose ``url_path`` extends this
        page's one slug at a time; a page type with its own ``route`` (routable pages) is handed
        the rest of the path as Wagtail would, and only the page served is read as its type.
        """
        if not path_components:
            return super().route(request, path_components)
        url_paths = [
            self.url_path + "".join(f"{slug}/" for slug in path_components[: level + 1])
            for level in range(len(path_components))
        ]
        found = {
            page.url_path: page
            for page in Page.objects.filter(url_path__in=url_paths, path__startswith=self.path)
        }
        parent = self
        for level, url_path in enumerate(url_paths):
            page = found.get(url_path)
            if page is None or page.depth != self.depth + level + 1:
                raise Http404
            page._cached_parent_obj = parent
            remaining = path_components[level + 1 :]
            page_type = page.specific_class
            if not remaining or page_type is None or page_type.route is not BasePage.route:
                return page.specific.route(request, remaining)
            parent = page
        raise Http404  # not reached: the last level always returns

    def get_view_restrictions(self):
        """Wagtail's restrictions on this page and its ancestors (an alias answering for its
        source), in one query, or none when the site has no private section at all; the sections
        are the ones ``.public()`` reads once a request, so most pages ask nothing more."""
        if not restricted_pages():
            return PageViewRestriction.objects.none()
        paths = [self.path[: self.steplen * depth] for depth in range(1, self.depth + 1)]
        lineage = Page.objects.filter(path__in=paths)
        # An alias is never the source of another alias, so one step reaches the source.
        return PageViewRestriction.objects.filter(
            Q(page__in=lineage.filter(alias_of__isnull=True))
            | Q(page__in=lineage.filter(alias_of__isnull=False).values("alias_of"))
        )

    def get_social_image(self):
        return self.social_image or getattr(self, "listing_image_for_sharing", None)
