"""Addresses on this site as e-mails must give them: absolute, on the site's public address.

A request's own host is not always the public one (a task runs without a request; behind a proxy
the host may be internal), and a Wagtail Site row says "localhost" on a fresh install. The one
setting is ``WAGTAILADMIN_BASE_URL``, which Wagtail's own notification mails already use; production
reads it from the environment and ``make run`` sets it to the address it serves.
"""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Page


def absolute_url(path_or_url: str) -> str:
    """``/news/`` (or ``http://any-host/news/?q=1``) as ``<base URL>/news/`` (with its query)."""
    parts = urlsplit(path_or_url)
    path = parts.path or "/"
    query = f"?{parts.query}" if parts.query else ""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path + query


def page_absolute_url(page: Page) -> str:
    """A page's address for an e-mail; empty when the page is not routable."""
    url_parts = page.get_url_parts()
    if url_parts is None:
        return ""
    return absolute_url(url_parts[2])
