"""Nominators' files: what a file really is, read from its bytes rather than its name, and the
private storage that keeps these files away from every public media address."""

import struct
import zipfile
import zlib
from dataclasses import dataclass
from typing import IO

from django.core.files.storage import FileSystemStorage


@dataclass(frozen=True)
class DocumentKind:
    extension: str
    content_type: str


PDF = DocumentKind("pdf", "application/pdf")
DOCX = DocumentKind(
    "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)
ODT = DocumentKind("odt", "application/vnd.oasis.opendocument.text")

DOCUMENT_KINDS = {kind.extension: kind for kind in (PDF, DOCX, ODT)}

# An OOXML package names the type of its main part in [Content_Types].xml; a small file, read
# only when the archive says it is small, so that a crafted archive cannot make us inflate much.
DOCX_MAIN_PART = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MAX_MANIFEST_SIZE = 1024 * 1024


def _zip_member(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_MANIFEST_SIZE:
        return None
    return archive.read(info)


def _is_docx(archive: zipfile.ZipFile) -> bool:
    manifest = _zip_member(archive, "[Content_Types].xml")
    return manifest is not None and DOCX_MAIN_PART in manifest


def _is_odt(archive: zipfile.ZipFile) -> bool:
    # OpenDocument stores its type, uncompressed, in a first entry called "mimetype".
    mimetype = _zip_member(archive, "mimetype")
    return mimetype is not None and mimetype.strip() == ODT.content_type.encode()


def _read_kind(file: IO[bytes]) -> DocumentKind | None:
    head = file.read(8)
    if head.startswith(b"%PDF-"):
        return PDF
    if not head.startswith(b"PK\x03\x04"):
        return None
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            if _is_docx(archive):
                return DOCX
            if _is_odt(archive):
                return ODT
    except (
        # What a damaged or crafted archive raises (found by mutating real documents): it is
        # then not a document we accept, never a server error.
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,  # an unknown compression method
        RuntimeError,  # an encrypted entry
        ValueError,  # impossible offsets, names that are not UTF-8
        OSError,
        EOFError,
        struct.error,
        zlib.error,
    ):
        return None
    return None


def document_kind(file) -> DocumentKind | None:
    """The allowed kind the file's content is (a PDF, a DOCX or an ODT document), or None.

    ``file`` is an upload or a stored file; it is read from the start and left at the start.
    """
    file.seek(0)
    try:
        return _read_kind(file)
    finally:
        file.seek(0)


class PrivateFileSystemStorage(FileSystemStorage):
    """Files on the server's disk outside MEDIA_ROOT, with no address of their own: they reach a
    person only through a view that checks who is asking."""

    def url(self, name):
        raise ValueError(f"“{name}” is private: serve it through a view that checks permissions.")
