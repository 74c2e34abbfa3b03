"""Posts are written in Markdown and stored as sanitised HTML, rendered once when saved.

markdown-it-py renders CommonMark with raw HTML switched off; nh3 then keeps only an allow-list of
tags, attributes and URL schemes whatever the input, and marks every link as user-generated.
@handle mentions of existing members become links to their profiles.
"""

from __future__ import annotations

import re

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "a",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"

# A mention: @ then a handle, not inside a word or an e-mail address.
MENTION = re.compile(r"(?<![\w@/])@([a-z0-9][a-z0-9-]{1,39})\b", re.IGNORECASE)

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_markdown.enable("table").enable("strikethrough")


def mentioned_handles(source: str) -> list[str]:
    """The handles a text mentions, lower-cased, in order, once each."""
    seen: dict[str, None] = {}
    for match in MENTION.finditer(_without_code(source)):
        seen.setdefault(match.group(1).lower(), None)
    return list(seen)


def _without_code(source: str) -> str:
    return re.sub(r"```.*?```|`[^`]*`", "", source, flags=re.DOTALL)


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )


def render(source: str, *, profile_urls: dict[str, str] | None = None) -> str:
    """The stored HTML of a post. ``profile_urls`` maps the lower-cased handles of existing members
    to their profile addresses; other @words stay text."""
    profile_urls = profile_urls or {}

    def link(match: re.Match) -> str:
        url = profile_urls.get(match.group(1).lower())
        return f"[@{match.group(1)}]({url})" if url else match.group(0)

    linked = _outside_code(source, lambda text: MENTION.sub(link, text))
    tokens = _markdown.parse(linked)
    for token in tokens:
        # A post sits under the page's h1 and the post's h2: its own headings start at h3.
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + 2)}"
        # A column's alignment comes as a style, which the sanitiser drops: say it as align.
        elif token.type in ("th_open", "td_open") and token.attrs.get("style"):
            align = str(token.attrs.pop("style")).removeprefix("text-align:")
            if align in {"left", "center", "right"}:
                token.attrs["align"] = align
    return sanitise(_markdown.renderer.render(tokens, _markdown.options, {}))


def _outside_code(source: str, change) -> str:
    """Apply ``change`` to the text outside code spans and fenced code blocks."""
    parts = re.split(r"(```.*?```|`[^`]*`)", source, flags=re.DOTALL)
    return "".join(part if index % 2 else change(part) for index, part in enumerate(parts))


def quote(source: str, *, handle: str | None, number: int) -> str:
    """The Markdown that starts a reply quoting a post."""
    who = f"@{handle}" if handle else "A former member"
    lines = [f"{who} wrote in post {number}:"] + source.strip().splitlines()
    return "\n".join(f"> {line}".rstrip() for line in lines) + "\n\n"


def plain_text(html: str) -> str:
    """Text for e-mails and listings: no tags, whitespace collapsed."""
    text = nh3.clean(html, tags=set())
    return re.sub(r"\s+", " ", text).strip()
