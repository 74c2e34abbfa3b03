"""The demo loader: data files read as written, references turned into ids, stable block ids."""

import re
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from cms.demo import loader
from tests.cms.factories import DocumentFactory, ImageFactory, StandardPageFactory

DATA_FILES = sorted(
    path
    for app in ("cms", "learning")
    for path in (Path(settings.BASE_DIR) / app).rglob("demo/*.yaml")
)


def test_every_app_keeps_its_demo_words_in_data_files():
    folders = {path.parent.relative_to(settings.BASE_DIR).as_posix() for path in DATA_FILES}

    assert folders == {"cms/demo", "cms/selection/demo", "learning/demo"}


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda path: path.name)
def test_every_reference_in_the_data_is_well_formed(path):
    text = path.read_text(encoding="utf-8")
    references = re.findall(r"@[a-z]+ ", text)

    assert yaml.safe_load(text)
    assert {reference.strip() for reference in references} <= {"@page", "@image", "@document"}


def test_load_reads_an_apps_data_file():
    site = loader.load("cms.demo", "site")

    assert "admin@example.org" in {user["email"] for user in site["users"]}


def test_references_become_ids_in_values_and_in_rich_text_links(home):
    about = StandardPageFactory(parent=home, slug="about", title="About")
    image = ImageFactory(title="Group work")
    document = DocumentFactory(title="Discussion paper")

    body = loader.stream(
        [
            {"type": "call_to_action", "value": {"title": "More", "page": "@page about"}},
            {"type": "image", "value": {"image": "@image Group work", "caption": ""}},
            {"type": "document", "value": {"document": "@document Discussion paper"}},
            {
                "type": "paragraph",
                "value": '<p>Read <a linktype="page" id="@page about">it</a></p>',
            },
        ]
    )

    assert [block["value"] for block in body] == [
        {"title": "More", "page": about.pk},
        {"image": image.pk, "caption": ""},
        {"document": document.pk},
        f'<p>Read <a linktype="page" id="{about.pk}">it</a></p>',
    ]


def test_a_block_naming_something_missing_is_left_out(home):
    body = loader.stream(
        [
            {"type": "practice", "value": {"practice": "@page practices/nowhere", "note": ""}},
            {"type": "paragraph", "value": "<p>Still here.</p>"},
        ]
    )

    assert body == [{"type": "paragraph", "value": "<p>Still here.</p>"}]


def test_block_ids_are_derived_from_the_place_of_the_block(db):
    check = {
        "type": "knowledge_check",
        "value": {
            "title": "Check",
            "questions": [
                {
                    "type": "item",
                    "value": {
                        "question": "Why?",
                        "options": [
                            {"type": "item", "value": {"text": "Because", "correct": True}},
                            {"type": "item", "value": {"text": "No", "correct": False}},
                        ],
                    },
                }
            ],
        },
    }

    first = loader.stream([check], ids=("ghent", "lesson"))
    again = loader.stream([check], ids=("ghent", "lesson"))
    elsewhere = loader.stream([check], ids=("turin-2014", "lesson"))

    assert first == again
    assert first[0]["id"] != elsewhere[0]["id"]
    question = first[0]["value"]["questions"][0]
    assert question["id"] == f"{first[0]['id']}-q1"
    assert [option["id"] for option in question["value"]["options"]] == [
        f"{first[0]['id']}-q1-o1",
        f"{first[0]['id']}-q1-o2",
    ]
