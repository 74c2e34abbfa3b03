"""Read a response as a person would: its visible text, its links, its form errors.

Tests assert on these rather than on raw markup, so that a change of tags or classes that keeps
the page right does not break a test, and one that changes what a person reads does.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

_SPACE = re.compile(r"\s+")


def _markup(response_or_html) -> str:
    if isinstance(response_or_html, str):
        return response_or_html
    return response_or_html.content.decode()


def soup(response_or_html) -> BeautifulSoup:
    return BeautifulSoup(_markup(response_or_html), "html.parser")


def squeeze(value: str) -> str:
    return _SPACE.sub(" ", value).strip()


def text(response_or_html, selector: str | None = None) -> str:
    """The visible text (of the first element matching ``selector``), whitespace collapsed.
    Scripts, styles and the contents of ``<template>`` are not text a person reads."""
    document = soup(response_or_html)
    for hidden in document.select("script, style, template"):
        hidden.decompose()
    node = document.select_one(selector) if selector else document
    if node is None:
        raise AssertionError(f"No element matches {selector!r}")
    return squeeze(node.get_text(" "))


def texts(response_or_html, selector: str) -> list[str]:
    """The text of every element matching ``selector``, in document order."""
    return [squeeze(node.get_text(" ")) for node in soup(response_or_html).select(selector)]


def links(response_or_html, selector: str | None = None) -> list[tuple[str, str]]:
    """Every link as (text, href), in document order (within ``selector`` when given)."""
    document = soup(response_or_html)
    scope: Tag | None = document.select_one(selector) if selector else document
    if scope is None:
        raise AssertionError(f"No element matches {selector!r}")
    return [(squeeze(a.get_text(" ")), a.get("href", "")) for a in scope.find_all("a")]


def hrefs(response_or_html, selector: str | None = None) -> list[str]:
    return [href for _text, href in links(response_or_html, selector)]


def link_to(response_or_html, href: str) -> str:
    """The text of the first link to ``href``; fails when no link goes there."""
    for label, target in links(response_or_html):
        if target == href:
            return label
    raise AssertionError(f"No link to {href!r}")


def form_errors(response_or_html) -> list[str]:
    """Error messages shown with a form: Django's error lists and elements marked as errors."""
    return texts(response_or_html, ".errorlist li, .field-error, [role=alert]")
