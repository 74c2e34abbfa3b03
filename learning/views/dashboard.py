"""My learning: every enrolment of the signed-in person, with their progress and what is left,
and, for facilitators, the editions they facilitate with what waits for them there."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse

from cms.links import absolute_url

from ..agenda.selectors import feed_tokens
from ..models import AcademyIndexPage, EnrolmentStatus
from ..selectors.editions import current_edition, facilitated_editions
from ..selectors.progress import dashboard_for
from ..selectors.reflections import reflections_by_enrolment


def _academy_url() -> str:
    academy = AcademyIndexPage.objects.live().first()
    return academy.url if academy else ""


def _feed_urls(progresses) -> dict[int, str]:
    """Each active enrolment's personal calendar address (webcal), in one query."""
    tokens = feed_tokens(
        enrolment_pks=[p.enrolment.pk for p in progresses if p.enrolment.is_active]
    )
    return {
        pk: absolute_url(reverse("learning:personal_feed", args=[token]))
        .replace("https://", "webcal://")
        .replace("http://", "webcal://")
        for pk, token in tokens.items()
    }


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    progresses = dashboard_for(user=request.user)
    reflections = reflections_by_enrolment(
        enrolments=[progress.enrolment for progress in progresses]
    )
    feeds = _feed_urls(progresses)
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
                # A finished edition is a record: the page speaks of it in the past tense.
                "finished": enrolment.edition.has_finished(),
                "certificate": certificate,
                "reflections": reflections.get(enrolment.pk, []),
                "feed_url": feeds.get(enrolment.pk, ""),
                "certificate_path": reverse("learning:certificate", args=[certificate.code])
                if certificate
                else "",
            }
        )
    facilitated = [
        {
            "edition": item.edition,
            "pending_applications": item.pending_applications,
            "reflections_waiting": item.reflections_waiting,
            "cohort_url": reverse("learning:cohort", args=[item.edition.slug]),
            "applications_url": reverse("learning:cohort_applications", args=[item.edition.slug]),
            "reflections_url": reverse("learning:cohort_reflections", args=[item.edition.slug])
            + "?waiting=1",
        }
        for item in facilitated_editions(user=request.user)
    ]
    active = [entry for entry in entries if entry["is_active"]]
    context = {
        "facilitated": facilitated,
        "active": active,
        "pending": [entry for entry in entries if entry["is_pending"]],
        "certificates": [entry for entry in entries if entry["certificate"]],
        "closed": [
            entry for entry in entries if not entry["is_active"] and not entry["is_pending"]
        ],
    }
    if any(entry["finished"] for entry in active):
        # What an alumnus can go on to: the current edition, unless it is one of theirs.
        current = current_edition()
        own = {entry["enrolment"].edition_id for entry in entries}
        if current is not None and current.pk not in own and not current.has_finished():
            context["next_edition"] = current
        else:
            context["academy_url"] = _academy_url()
    if not entries and not facilitated:
        context["academy_url"] = _academy_url()
    return TemplateResponse(request, "learning/dashboard.html", context)
