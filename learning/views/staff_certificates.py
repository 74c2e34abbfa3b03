"""The public certificate check: anyone holding a code can verify who completed which edition."""

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .. import selectors


def certificate(request: HttpRequest, code: str) -> HttpResponse:
    certificate = selectors.certificate_by_code(code=code)
    if certificate is None:
        raise Http404(_("No certificate has this code."))
    enrolment = certificate.enrolment
    return TemplateResponse(
        request,
        "learning/certificate.html",
        {
            "certificate": certificate,
            "holder": enrolment.user,
            "edition": enrolment.edition,
            "completed_at": enrolment.completed_at or certificate.issued_at,
        },
    )
