"""Posts are written in Markdown and stored as sanitised HTML, rendered once when saved.

markdown-it-py renders CommonMark with raw HTML switched off; nh3 then keeps only an allow-list of
tags, attributes and URL schemes whatever the input, and marks every link as user-generated.
@handle mentions of existing members become links to their profiles.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import nh3
from django.utils.text import Truncator
from markdown_it import MarkdownIt
from markdown_it.token import Token

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


def mentioned_handles(source: str, *, in_quotes: bool = False) -> list[str]:
    """The handles a text mentions, lower-cased, in order, once each: not in code or link
    addresses, and only with ``in_quotes`` in the lines it quotes (which become links, but a quote
    does not notify again)."""
    seen: dict[str, None] = {}
    for text, quoted in _mention_texts(_markdown.parse(source)):
        if in_quotes or not quoted:
            for match in MENTION.finditer(text.content):
                seen.setdefault(match.group(1).lower(), None)
    return list(seen)


def _mention_texts(tokens: list[Token]) -> Iterator[tuple[Token, bool]]:
    """The text tokens where a mention counts, each with whether it sits in a blockquote: not in
    code (code spans and blocks are not text tokens) nor in a link, whose address and words are
    the writer's own."""
    quotes = 0
    for token in tokens:
        if token.type == "blockquote_open":
            quotes += 1
        elif token.type == "blockquote_close":
            quotes -= 1
        elif token.type == "inline":
            links = 0
            for child in token.children or []:
                if child.type == "link_open":
                    links += 1
                elif child.type == "link_close":
                    links -= 1
                elif child.type == "text" and not links:
                    yield child, quotes > 0


def _link_mentions(inline: Token, profile_urls: dict[str, str]) -> None:
    """Make the mentions of existing members in an inline token's text into profile links."""
    children: list[Token] = []
    links = 0
    for child in inline.children or []:
        if child.type == "link_open":
            links += 1
        elif child.type == "link_close":
            links -= 1
        if child.type != "text" or links:
            children.append(child)
            continue
        position = 0
        for match in MENTION.finditer(child.content):
            url = profile_urls.get(match.group(1).lower())
            if not url:
                continue
            if match.start() > position:
                children.append(
                    Token("text", "", 0, content=child.content[position : match.start()])
                )
            children.append(Token("link_open", "a", 1, attrs={"href": url}))
            children.append(Token("text", "", 0, content=match.group(0)))
            children.append(Token("link_close", "a", -1))
            position = match.end()
        if position == 0:
            children.append(child)
        elif position < len(child.content):
            children.append(Token("text", "", 0, content=child.content[position:]))
    inline.children = children


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
    tokens = _markdown.parse(source)
    for token in tokens:
        if token.type == "inline" and profile_urls:
            _link_mentions(token, profile_urls)
        # A post sits under the page's h1 and the post's h2: its own headings start at h3.
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + 2)}"
        # A column's alignment comes as a style, which the sanitiser drops: say it as align.
        elif token.type in ("th_open", "td_open") and token.attrs.get("style"):
            align = str(token.attrs.pop("style")).removeprefix("text-align:")
            if align in {"left", "center", "right"}:
                token.attrs["align"] = align
    return sanitise(_markdown.renderer.render(tokens, _markdown.options, {}))


def quote(source: str, *, handle: str | None, number: int) -> str:
    """The Markdown that starts a reply quoting a post."""
    who = f"@{handle}" if handle else "A former member"
    lines = [f"{who} wrote in post {number}:"] + source.strip().splitlines()
    return "\n".join(f"> {line}".rstrip() for line in lines) + "\n\n"


def plain_text(stored: str) -> str:
    """The words of a post's HTML as plain text for e-mails and listings: no tags, no entities
    (``&amp;`` is ``&`` again), whitespace collapsed. Escape it wherever it goes into HTML."""
    text = html.unescape(nh3.clean(stored, tags=set()))
    return re.sub(r"\s+", " ", text).strip()


def excerpt(stored: str, *, words: int | None = None, characters: int | None = None) -> str:
    """The start of a post's HTML as plain text, cut to so many words or characters after the
    entities are read, so that a cut never falls inside one."""
    text = plain_text(stored)
    if words is not None:
        return Truncator(text).words(words)
    if characters is not None:
        return Truncator(text).chars(characters)
    return text
