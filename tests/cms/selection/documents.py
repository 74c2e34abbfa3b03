"""Small but real documents of each kind the call accepts, and files dressed up as them."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def archive(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx_entries() -> dict[str, bytes]:
    return {
        "[Content_Types].xml": (
            b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
            b'2006/content-types"><Override PartName="/word/document.xml" ContentType="'
            b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
            b'"/></Types>'
        ),
        "word/document.xml": b"<w:document/>",
    }


def docx() -> bytes:
    return archive(docx_entries())


def odf(mimetype: str = "application/vnd.oasis.opendocument.text") -> bytes:
    return archive({"mimetype": mimetype.encode(), "content.xml": b"<office:document-content/>"})


def odt() -> bytes:
    return odf()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)
