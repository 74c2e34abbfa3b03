"""What every public page shows around its content (the site, the main menu, the footer), kept in
the shared cache for the current page-cache generation, so a page reads it without a query.

Entries are plain data (titles, addresses, text), never model instances, and their keys hold the
generation from ``cms.pagecache``: publishing, moving or deleting a page and saving a setting or a
snippet replace the generation, so every web process shows the change on the next request. Keys
also hold the site, the language and the day, since some of what is shown (the current edition)
changes with the date. Nothing here depends on who is asking.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.utils import timezone, translation
from wagtail.models import Site

from cms import pagecache
from cms.request_memory import remembered

# Entries of replaced generations are never read again; they only need to expire.
CHROME_SECONDS = 24 * 60 * 60


def site_wide(name: str, build: Callable[[], Any], *, site: Site | None = None) -> Any:
    """The value ``build()`` returns for this generation, site, language and day, built once."""
    generation = pagecache.current_generation_for_request()
    key = ":".join(
        [
            "page-frame",
            generation.token,
            name,
            str(site.pk if site else ""),
            translation.get_language() or "",
            timezone.localdate().isoformat(),
        ]
    )

    def read() -> Any:
        cache = pagecache.page_cache()
        # Wrapped, so that "nothing to show" (None) is remembered too.
        entry = cache.get(key)
        if entry is None:
            entry = (build(),)
            cache.set(key, entry, CHROME_SECONDS)
        return entry[0]

    return remembered(key, read)


def menu_items(request: HttpRequest | None) -> list[dict]:
    """The main menu: the home page's live, public children flagged "show in menus"."""
    from cms.models.base import site_pages

    site = find_site(request) if request else None
    if site is None:
        return []

    def build() -> list[dict]:
        pages = site_pages().child_of(site.root_page).live().public().in_menu()
        return [
            {
                "pk": page.pk,
                "path": page.path,
                "title": page.title,
                "url": page.get_url(request=request),
            }
            for page in pages
        ]

    return site_wide("menu", build, site=site)


def footer(request: HttpRequest | None) -> dict:
    """The footer settings of the request's site, with the privacy page's address."""
    from cms.models.settings import SiteFooterSettings

    site = find_site(request) if request else None
    if site is None:
        return {}

    def build() -> dict:
        # Not ``for_site``, which saves a default row on first use: a page view writes nothing,
        # and that save would replace the generation (and empty the page cache) once more.
        settings = SiteFooterSettings.objects.filter(site=site).select_related(
            "privacy_page"
        ).first() or SiteFooterSettings(site=site)
        privacy = settings.privacy_page
        privacy_url = privacy.get_url(request=request) if privacy and privacy.live else None
        return {
            "partner_list": settings.partner_list,
            "funding_statement": settings.funding_statement,
            "privacy_url": privacy_url,
            "contact_email": settings.contact_email,
        }

    return site_wide("footer", build, site=site)


def find_site(request: HttpRequest) -> Site | None:
    """Wagtail's site for the request, looked up once a generation for each host and port, and
    kept on the request where Wagtail's ``Site.find_for_request`` looks first.

    Sites and their root pages change only through saves that replace the generation. What is
    kept is the site with its root page, as Wagtail's own look-up returns them, and the root
    page's specific page.
    """
    if not hasattr(request, "_wagtail_site"):
        host = request.get_host()  # refuses a host outside ALLOWED_HOSTS, as later code would
        request._wagtail_site = site_wide(
            f"site:{host}:{request.get_port()}", lambda: _site_with_specific_root(request)
        )
    return request._wagtail_site


def _site_with_specific_root(request: HttpRequest) -> Site | None:
    site = Site._find_for_request(request)
    if site is not None:
        # Wagtail starts every route walk at ``site.root_page.specific``, a cached property:
        # read here, it is kept with the site rather than asked for on every request.
        site.root_page.specific  # noqa: B018
    return site
