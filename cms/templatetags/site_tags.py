"""Template helpers for the public site's frame: the main navigation and document facts."""

from django import template
from wagtail.models import Page

from cms import page_frame

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context) -> list[dict]:
    """The home page's live children flagged "show in menus", in tree order, as titles and
    addresses kept in the shared cache until the site's content next changes."""
    return page_frame.menu_items(context.get("request"))


@register.simple_tag(takes_context=True)
def site_footer(context) -> dict:
    """The footer's partners, funding, privacy address and contact, kept like the menu."""
    return page_frame.footer(context.get("request"))


@register.simple_tag(takes_context=True)
def site_root_url(context) -> str:
    request = context.get("request")
    site = page_frame.find_site(request) if request else None
    # With the request, Wagtail reads the site's root paths once for the whole page.
    return site.root_page.get_url(request=request) if site else "/"


@register.filter
def document_format(document) -> str:
    """The file format an editor or visitor recognises, e.g. "PDF"."""
    return document.file_extension.upper() if document else ""


@register.filter
def is_section_of(page: Page | None, menu_item: dict) -> bool:
    return bool(page and page.path.startswith(menu_item["path"]))
