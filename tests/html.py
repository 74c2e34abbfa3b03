"""Read a response the way a person sees it: its words, its links, its tables and forms.

Tests that use these keep passing when the markup changes and the page stays right, and fail
when the page itself goes wrong. Every function takes a response or an HTML string (a whole page
or a fragment).
"""

import json
import re

from bs4 import BeautifulSoup, Tag


def parse(response) -> BeautifulSoup:
    """The parsed document of a response (or of an HTML string)."""
    html = response if isinstance(response, str) else response.content.decode()
    return BeautifulSoup(html, "html.parser")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def element(response, selector: str = "body") -> Tag:
    """The first element matching a CSS selector; fails the test when there is none. A fragment
    without a body is its own "body"."""
    document = parse(response)
    found = document.select_one(selector)
    if found is None and selector == "body":
        return document
    assert found is not None, f"nothing matches {selector!r}"
    return found


# Elements that start on a line of their own: their words never run into their neighbours'.
BLOCKS = [
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "label",
    "legend",
    "li",
    "main",
    "nav",
    "ol",
    "option",
    "p",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
]


def text_of(response, selector: str = "body") -> str:
    """The visible words of the page (or of the part the selector picks), spaces collapsed."""
    part = element(response, selector)
    for hidden in part.find_all(["script", "style", "template"]):
        hidden.decompose()
    for block in part.find_all(BLOCKS):
        block.insert_before(" ")
        block.append(" ")
    return squash(part.get_text())


def text(response, selector: str | None = None) -> str:
    """``text_of`` the page, or of the first element matching ``selector``."""
    return text_of(response, selector or "body")


def texts(response, selector: str) -> list[str]:
    """The words of every element matching ``selector``, in page order."""
    return [squash(found.get_text(" ")) for found in parse(response).select(selector)]


def links(response, selector: str | None = None) -> list[tuple[str, str]]:
    """Each link as (its words, its href), in page order."""
    return [
        (squash(anchor.get_text()), anchor["href"])
        for anchor in element(response, selector or "body").find_all("a", href=True)
    ]


def hrefs(response, selector: str | None = None) -> set[str]:
    return {href for _, href in links(response, selector)}


def link_to(response, href: str) -> str:
    """The words of the first link to ``href``; fails the test when no link goes there."""
    for words, target in links(response):
        if target == href:
            return words
    raise AssertionError(f"no link to {href!r}")


def form_errors(response) -> list[str]:
    """Error messages shown with a form: Django's error lists, field errors and alerts."""
    return texts(response, ".errorlist li, .field-error, [role=alert]")


def headings(response, level: str = "h1", selector: str = "body") -> list[str]:
    return [squash(h.get_text(" ")) for h in element(response, selector).find_all(level)]


def table_rows(response, selector: str = "table") -> list[list[str]]:
    """The cells' words, row by row, of the first table the selector picks."""
    return [
        [squash(cell.get_text(" ")) for cell in row.find_all(["th", "td"])]
        for row in element(response, selector).find_all("tr")
    ]


def cells_by_heading(table: Tag, *, strict: bool = False) -> list[dict[str, Tag]]:
    """Each body row of a table as {column heading: its cell}, the way a person reads a row
    against the headings. ``strict`` fails when a row has more or fewer cells than headings."""
    headings = [squash(th.get_text(" ")) for th in table.select("thead th")]
    return [
        dict(zip(headings, row.find_all(["th", "td"], recursive=False), strict=strict))
        for row in table.select("tbody tr")
    ]


def selected_options(response, name: str) -> list[str]:
    """The values chosen in the select box of that name."""
    select = element(response, f'select[name="{name}"]')
    return [option.get("value", "") for option in select.find_all("option", selected=True)]


def field_value(response, name: str) -> str | None:
    """The value an input (or the text a text area) of that name shows."""
    field = element(response, f'[name="{name}"]')
    if field.name == "textarea":
        # The parser keeps the newline HTML drops after the opening tag.
        return field.get_text().removeprefix("\n")
    return field.get("value")


def meta(response, key: str) -> str | None:
    """The content of a <meta name=...> or <meta property=...> tag."""
    found = parse(response).find("meta", attrs={"name": key}) or parse(response).find(
        "meta", attrs={"property": key}
    )
    return found.get("content") if found else None


def definitions(response, selector: str = "dl") -> dict[str, str]:
    """The terms and descriptions of a definition list (facts shown as "term: value")."""
    found = element(response, selector)
    return {
        squash(term.get_text(" ")): squash(term.find_next_sibling("dd").get_text(" "))
        for term in found.find_all("dt")
    }


def rows_by_heading(response, selector: str = "table") -> list[dict[str, str]]:
    """Each body row of the first table the selector picks as {column heading: its words}."""
    return [
        {heading: squash(cell.get_text(" ")) for heading, cell in row.items()}
        for row in cells_by_heading(element(response, selector))
    ]


def row_cells(response, column: str, starts: str, selector: str = "table") -> dict[str, Tag]:
    """The body row whose cell under ``column`` starts with ``starts``, in any table the selector
    picks, as {column heading: its cell}; fails the test when no row does."""
    for table in parse(response).select(selector):
        for row in cells_by_heading(table):
            if column in row and squash(row[column].get_text(" ")).startswith(starts):
                return row
    raise AssertionError(f"no row whose {column!r} starts with {starts!r}")


def row_text(response, column: str, starts: str, selector: str = "table") -> dict[str, str]:
    """``row_cells`` as the words of each cell: {column heading: words}."""
    return {
        heading: squash(cell.get_text(" "))
        for heading, cell in row_cells(response, column, starts, selector).items()
    }


def buttons(response, selector: str | None = None) -> list[str]:
    """The words of each button, in page order."""
    return [
        squash(button.get_text(" "))
        for button in element(response, selector or "body").find_all("button")
    ]


def admin_menu(response) -> dict[str, str]:
    """The Wagtail admin's menu as {label: address}. The browser draws the sidebar from data the
    page carries; this reads that data, submenus included."""
    props = element(response, "#wagtail-sidebar-props")
    found = {}

    def walk(node):
        if isinstance(node, dict):
            if node.get("_type") == "wagtail.sidebar.LinkMenuItem":
                item = node["_args"][0]
                found[item["label"]] = item["url"]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(props.string))
    return found
