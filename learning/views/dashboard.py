"""My learning: every enrolment of the signed-in person, with their progress and what is left."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse

from .. import selectors
from ..models import AcademyIndexPage, EnrolmentStatus


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    progresses = selectors.dashboard_for(user=request.user)
    reflections = selectors.reflections_by_enrolment(
        enrolments=[progress.enrolment for progress in progresses]
    )
    entries = []
    for progress in progresses:
        enrolment = progress.enrolment
        certificate = getattr(enrolment, "certificate", None)
        entries.append(
            {
                "progress": progress,
                "enrolment": enrolment,
                "is_active": enrolment.is_active,
                "is_pending": enrolment.status == EnrolmentStatus.APPLIED,
                "certificate": certificate,
                "reflections": reflections.get(enrolment.pk, []),
                "certificate_path": reverse("learning:certificate", args=[certificate.code])
                if certificate
                else "",
            }
        )
    context = {
        "active": [entry for entry in entries if entry["is_active"]],
        "pending": [entry for entry in entries if entry["is_pending"]],
        "certificates": [entry for entry in entries if entry["certificate"]],
        "closed": [
            entry for entry in entries if not entry["is_active"] and not entry["is_pending"]
        ],
    }
    if not entries:
        academy = AcademyIndexPage.objects.live().first()
        context["academy_url"] = academy.url if academy else ""
    return TemplateResponse(request, "learning/dashboard.html", context)
