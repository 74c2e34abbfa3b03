"""Nominators' files: kept on the private storage, checked by their content wherever they come
in, and served only to assessors, as downloads of the type that was checked."""

import datetime
import importlib
import io
import random
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.db import connection
from django.urls import reverse

from cms.selection import services
from cms.selection.models import Nomination, NominationDocument
from cms.selection.uploads import document_kind
from tests.cms.test_settings import production_env, run

from . import documents
from .documents import upload
from .factories import NominationFactory

pytestmark = pytest.mark.django_db

PDF_TYPE = "application/pdf"


@pytest.fixture
def nomination(selection_round, fields):
    return NominationFactory(selection_round=selection_round, practice_name="Welcome desk")


def submit(selection_round, fields, *files):
    return services.nomination_submit(
        selection_round=selection_round,
        data={
            "practice_name": "Welcome desk",
            "city": "Ghent",
            "country": "Belgium",
            "lead_organisation": "City social services",
            "start_date": datetime.date(2018, 1, 1),
            "goals": "Newcomers find the services they need.",
            "description": "One desk for every first question.",
            "contact_name": "An Example",
            "contact_email": "an@example.org",
        },
        policy_fields=[fields["housing"]],
        local_level=True,
        documents=files,
        notify=False,
    )


def test_a_received_document_lives_outside_the_public_media_folder(selection_round, fields):
    nomination = submit(selection_round, fields, upload("plan.pdf", documents.PDF, "text/html"))
    document = nomination.documents.get()
    path = Path(document.file.path).resolve()
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert path.read_bytes() == documents.PDF
    # No address of its own: nothing can link to it past the permission check.
    with pytest.raises(ValueError, match="private"):
        document.file.url  # noqa: B018
    # The type is the one read from its bytes, not the one the sender's browser claimed.
    assert document.content_type == PDF_TYPE


def test_the_private_folder_is_not_below_the_public_one():
    private = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    assert not private.is_relative_to(Path(settings.MEDIA_ROOT).resolve())


def test_production_refuses_a_private_folder_below_the_public_one(tmp_path):
    env = production_env(
        MEDIA_ROOT=str(tmp_path / "media"), PRIVATE_MEDIA_ROOT=str(tmp_path / "media" / "private")
    )
    result = run(["manage.py", "check"], env)
    assert result.returncode != 0
    assert "Set PRIVATE_MEDIA_ROOT to a folder outside MEDIA_ROOT." in result.stderr


def test_a_disguised_file_is_refused_by_the_service_too(selection_round, fields):
    with pytest.raises(ValidationError) as refused:
        submit(selection_round, fields, upload("report.pdf", documents.HTML, PDF_TYPE))
    assert "“report.pdf” is not really a PDF file." in refused.value.messages
    assert Nomination.objects.count() == 0
    assert NominationDocument.objects.count() == 0


def _stored(nomination, name: str, content: bytes, content_type: str = "") -> NominationDocument:
    document = NominationDocument(nomination=nomination, content_type=content_type)
    document.file.save(name, ContentFile(content))
    return document


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        pytest.param("plan.pdf", documents.PDF, PDF_TYPE, id="pdf"),
        pytest.param(
            "budget.odt", documents.odt(), "application/vnd.oasis.opendocument.text", id="odt"
        ),
    ],
)
def test_an_assessor_downloads_a_document_with_its_checked_type(
    client, editor, nomination, name, content, content_type
):
    document = _stored(nomination, name, content, content_type)
    client.force_login(editor)
    response = client.get(reverse("nominations:document", args=[document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_document_received_before_the_check_is_served_as_plain_bytes(client, editor, nomination):
    # An old row: its file was never checked, so its name says nothing about what it is.
    document = _stored(nomination, "report.pdf", documents.HTML)
    client.force_login(editor)
    response = client.get(reverse("nominations:document", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_member_gets_no_document(client, member, nomination):
    document = _stored(nomination, "plan.pdf", documents.PDF, PDF_TYPE)
    client.force_login(member)
    response = client.get(reverse("nominations:document", args=[document.pk]))
    assert response.status_code in {302, 403}
    assert documents.PDF not in response.content


def test_documents_received_before_move_to_the_private_storage(
    nomination, django_capture_on_commit_callbacks
):
    """The data migration: a file on the public media storage moves to the private one, under
    the same name, and its row still finds it."""
    name = default_storage.save("nominations/0a1b/plan.pdf", ContentFile(documents.PDF))
    document = NominationDocument.objects.create(nomination=nomination, file=name)
    migration = importlib.import_module(
        "cms.selection.migrations.0007_move_nomination_documents_to_private_storage"
    )
    editor = SimpleNamespace(connection=connection)
    with django_capture_on_commit_callbacks(execute=True):
        migration.move_to_private(apps, editor)
    document.refresh_from_db()
    assert document.file.name == name
    assert storages["private"].exists(name)
    assert not default_storage.exists(name)
    assert document.file.read() == documents.PDF

    with django_capture_on_commit_callbacks(execute=True):
        migration.move_to_public(apps, editor)
    assert default_storage.exists(name)
    assert not storages["private"].exists(name)


@pytest.mark.parametrize(
    ("content", "extension"),
    [
        pytest.param(documents.docx(), "docx", id="docx"),
        pytest.param(documents.odt(), "odt", id="odt"),
    ],
)
def test_a_damaged_document_is_refused_never_an_error(content, extension):
    """Bytes changed at random in a real document: the file is of its kind or of none, and
    reading it never fails (it used to, on encrypted entries, bad offsets and names)."""
    rng = random.Random(1)  # noqa: S311 -- a fixed, repeatable set of damaged files
    for _ in range(400):
        damaged = bytearray(content)
        for _ in range(rng.randint(1, 8)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        kind = document_kind(io.BytesIO(bytes(damaged)))
        assert kind is None or kind.extension == extension
