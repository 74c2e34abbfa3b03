"""The home page's call to action follows the current academy edition by itself."""

import ast
import datetime
from pathlib import Path

import pytest
from django.conf import settings

from tests.cms.factories import StandardPageFactory
from tests.learning.factories import EditionPageFactory

pytestmark = pytest.mark.django_db


def _with_editor_cta(home):
    about = StandardPageFactory(parent=home, title="About the academy")
    home.cta_title = "Hand-written call to action"
    home.cta_label = "Read more"
    home.cta_page = about
    home.save_revision().publish()
    return about


def test_cta_names_the_current_edition_and_links_to_it(client, home, academy, edition):
    _with_editor_cta(home)

    html = client.get("/").content.decode()

    assert "The academy: Turin 2027" in html
    assert f'href="{edition.url}"' in html and "Apply now" in html
    assert "Hand-written call to action" not in html


def test_cta_prefers_the_running_edition_over_past_ones(client, home, academy, edition):
    EditionPageFactory(
        parent=academy,
        title="Turin 2014",
        pre_training_start=datetime.date(2014, 1, 6),
        pre_training_end=datetime.date(2014, 2, 9),
        residential_start=datetime.date(2014, 2, 10),
        residential_end=datetime.date(2014, 2, 14),
        follow_up_start=datetime.date(2014, 2, 15),
        follow_up_end=datetime.date(2014, 5, 30),
    )
    html = client.get("/").content.decode()
    assert "The academy: Turin 2027" in html and "Turin 2014" not in html


def test_cta_falls_back_to_the_editors_fields_without_a_live_edition(
    client, home, academy, edition
):
    about = _with_editor_cta(home)
    edition.unpublish()

    html = client.get("/").content.decode()

    assert "Hand-written call to action" in html and f'href="{about.url}"' in html
    assert "The academy:" not in html


def test_cms_code_does_not_import_learning():
    offenders = []
    for path in (Path(settings.BASE_DIR) / "cms").rglob("*.py"):
        if "settings" in path.parts or path.name == "urls.py":
            continue  # the project wiring names every app
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(name == "learning" or name.startswith("learning.") for name in names):
                offenders.append(str(path))
    assert offenders == []
