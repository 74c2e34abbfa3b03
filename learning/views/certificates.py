"""The public certificate check: anyone holding a code can verify who completed which edition,
on the page or as a PDF to keep."""

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ..certificates_pdf import LAYOUT, render_certificate_pdf
from ..selectors.certificates import CertificateRecord, certificate_record

# Browsers may keep the file an hour; shared caches keep no copy of a personal document.
PDF_MAX_AGE = 60 * 60
# Setting the page takes a good part of a second (the embedded font is parsed and subset), so the
# site keeps each rendering under its version, which changes with anything the PDF shows.
PDF_CACHE_SECONDS = 7 * 24 * 60 * 60


def _record_or_404(code: str) -> CertificateRecord:
    record = certificate_record(code=code)
    if record is None:
        raise Http404(_("No certificate has this code."))
    return record


@require_safe
def certificate(request: HttpRequest, code: str) -> HttpResponse:
    record = _record_or_404(code)
    return TemplateResponse(
        request,
        "learning/certificate.html",
        {
            "record": record,
            "certificate": record.certificate,
            "edition": record.edition,
            "completed_at": record.completed_at,
        },
    )


@require_safe
def certificate_pdf(request: HttpRequest, code: str) -> HttpResponse:
    record = _record_or_404(code)
    # What the file shows, in which words, set by which layout: the same three, the same bytes.
    version = f"{record.fingerprint()}.{get_language()}.{LAYOUT}"
    etag = f'"{version}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        content = cache.get_or_set(
            f"learning:certificate-pdf:{version}",
            lambda: render_certificate_pdf(record),
            PDF_CACHE_SECONDS,
        )
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=record.filename
        )
    response["ETag"] = etag
    response["X-Robots-Tag"] = "noindex, nofollow"
    patch_cache_control(response, private=True, max_age=PDF_MAX_AGE)
    return response
