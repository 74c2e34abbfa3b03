"""Template helpers for the public site's chrome: the main navigation and document facts."""

from django import template
from wagtail.models import Page, Site

from cms.models.base import site_pages

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context) -> list[Page]:
    """The home page's live children flagged "show in menus", in tree order: one query."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    return list(site_pages().child_of(site.root_page).live().public().in_menu())


@register.simple_tag(takes_context=True)
def site_root_url(context) -> str:
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    # With the request, Wagtail reads the site's root paths once for the whole page.
    return site.root_page.get_url(request=request) if site else "/"


@register.filter
def document_format(document) -> str:
    """The file format an editor or visitor recognises, e.g. "PDF"."""
    return document.file_extension.upper() if document else ""


@register.filter
def is_section_of(page: Page | None, menu_page: Page) -> bool:
    return bool(page and page.path.startswith(menu_page.path))
