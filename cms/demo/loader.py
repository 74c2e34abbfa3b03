"""Reads the demo's data files and turns their references into ids: one loader for every app.

Each app keeps its demo words in YAML files in its own ``demo/`` package (``cms/demo/``,
``cms/selection/demo/``, ``learning/demo/``); ``load("learning.demo", "academy")`` reads
``learning/demo/academy.yaml``. StreamField bodies are written in Wagtail's block JSON, a list
of ``{"type": ..., "value": ...}``, with rich text as the HTML Wagtail stores.

A page, image or document is named by a reference, a string that the loader replaces with
the object's id:

- ``"@page <path>"``: the live page at that path below the default site's home page, such as
  ``"@page about"`` or ``"@page practices/recognition-advice-hamburg"``;
- ``"@image <title>"`` and ``"@document <title>"``: the image or document with that title.

References work anywhere in a block's value, and in rich text links as Wagtail stores them:
``<a linktype="page" id="@page about">``. A block that names something which does not exist
is left out, so an app's demo still loads when another app's content is missing. A seeder
that can create a missing image or document passes its own ``lookup``.
"""

import re
import uuid
from collections.abc import Callable
from importlib import resources
from typing import Any

import yaml
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

REFERENCE = re.compile(r"^@(page|image|document) (.+)$")
RICH_TEXT_REFERENCE = re.compile(r'id="@(page|image|document) ([^"]+)"')

Lookup = Callable[[str, str], Any]


def load(package: str, name: str) -> Any:
    """The data of ``<name>.yaml`` in the ``package`` folder (a dotted module path)."""
    text = (resources.files(package) / f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def find(kind: str, key: str) -> Any:
    """The page, image or document a reference names, or None if there is none."""
    if kind == "page":
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            return None
        url_path = f"{site.root_page.url_path}{key.strip('/')}/"
        page = Page.objects.live().filter(url_path=url_path).first()
        return page.specific if page is not None else None
    if kind == "image":
        return get_image_model().objects.filter(title=key).first()
    if kind == "document":
        return get_document_model().objects.filter(title=key).first()
    raise ValueError(f"Unknown kind of reference {kind!r}")


class MissingReference(LookupError):
    pass


def resolve(value: Any, lookup: Lookup = find) -> Any:
    """``value`` with every reference replaced by an id; MissingReference if one is missing."""
    if isinstance(value, dict):
        return {key: resolve(item, lookup) for key, item in value.items()}
    if isinstance(value, list):
        return [resolve(item, lookup) for item in value]
    if isinstance(value, str):
        match = REFERENCE.match(value)
        if match:
            return _object(match[1], match[2], lookup).pk
        if 'id="@' in value:
            return RICH_TEXT_REFERENCE.sub(
                lambda link: f'id="{_object(link[1], link[2], lookup).pk}"', value
            )
    return value


def reference(value: str, lookup: Lookup = find) -> Any:
    """The object a single reference names, or None."""
    match = REFERENCE.match(value)
    if not match:
        raise ValueError(f"Not a reference: {value!r}")
    return lookup(match[1], match[2])


def _object(kind: str, key: str, lookup: Lookup) -> Any:
    found = lookup(kind, key)
    if found is None:
        raise MissingReference(f"@{kind} {key}")
    return found


def stream(
    blocks: list[dict], lookup: Lookup = find, *, ids: tuple[object, ...] | None = None
) -> list[dict]:
    """A StreamField value from block JSON: references resolved, blocks naming something
    missing left out. With ``ids``, every block and list item gets an id derived from
    them and its position, so loading the same data always gives the same ids."""
    resolved = []
    for position, block in enumerate(blocks):
        try:
            block = resolve(block, lookup)
        except MissingReference:
            continue
        if ids is not None:
            block_id = str(uuid.uuid5(ID_NAMESPACE, "/".join(str(p) for p in (*ids, position))))
            block = {**block, "id": block_id, "value": _item_ids(block["value"], block_id)}
        resolved.append(block)
    return resolved


# Ids of demo blocks: uuid5 of this namespace and the block's place in the demo.
ID_NAMESPACE = uuid.UUID("2f0d6a43-3c8e-4d0e-9f55-6a1c0b7de815")


def _item_ids(value: Any, parent_id: str) -> Any:
    """List items get ``<parent id>-<first letter of the list's name><number>``, such as
    ``...-q1-o2`` for the second option of a check's first question."""
    if not isinstance(value, dict):
        return value
    result = {}
    for name, item in value.items():
        if isinstance(item, list) and all(
            isinstance(entry, dict) and entry.get("type") == "item" for entry in item
        ):
            item = [
                {
                    **entry,
                    "id": f"{parent_id}-{name[0]}{number}",
                    "value": _item_ids(entry["value"], f"{parent_id}-{name[0]}{number}"),
                }
                for number, entry in enumerate(item, start=1)
            ]
        result[name] = item
    return result
