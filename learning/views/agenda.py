"""What people do from the agenda outside the page itself: star an item, sign up for a study
visit or leave it, check in with a session code, the facilitator's check-in screen, the calendar
files (the edition's agenda and a trainee's secret personal feed) and renewing the feed's address."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cms.ratelimit import limit_posts

from .. import permissions
from ..agenda.calendar import agenda_calendar
from ..agenda.forms import CheckInCodeForm
from ..agenda.selectors import (
    agenda_of,
    check_in_rows,
    personal_items,
    published_items,
    schedule_changes,
)
from ..agenda.services import (
    attendance_check_in,
    attendance_set,
    feed_token_regenerate,
    item_star,
    visit_leave,
    visit_signup,
)
from ..models import AgendaItem, AgendaPage, CalendarFeed
from ..selectors.editions import edition_by_slug, edition_of, enrolment_for

AGENDA_POST = limit_posts("learning:agenda")


def _live_item(pk: int) -> tuple[AgendaItem, AgendaPage]:
    item = get_object_or_404(AgendaItem.objects.select_related("page"), pk=pk)
    agenda = item.page
    if not agenda.live:
        raise Http404
    return item, agenda


def _trainee_enrolment(request: HttpRequest, agenda: AgendaPage):
    edition = edition_of(page=agenda)
    enrolment = enrolment_for(user=request.user, edition=edition)
    if not permissions.can_take_part_in_agenda(request.user, enrolment):
        raise PermissionDenied(_("Only accepted trainees of this edition can do this."))
    return enrolment


def _back(agenda: AgendaPage, item: AgendaItem) -> HttpResponseRedirect:
    return HttpResponseRedirect(f"{agenda.url}#item-{item.pk}")


def _refused(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


@login_required
@require_POST
@AGENDA_POST
def star(request: HttpRequest, pk: int) -> HttpResponse:
    item, agenda = _live_item(pk)
    enrolment = _trainee_enrolment(request, agenda)
    starred = request.POST.get("starred") == "1"
    item_star(enrolment=enrolment, item=item, starred=starred)
    if starred:
        messages.success(request, _("“%(title)s” is in your agenda.") % {"title": item.title})
    else:
        messages.success(request, _("“%(title)s” left your agenda.") % {"title": item.title})
    return _back(agenda, item)


@login_required
@require_POST
@AGENDA_POST
def signup(request: HttpRequest, pk: int) -> HttpResponse:
    item, agenda = _live_item(pk)
    enrolment = _trainee_enrolment(request, agenda)
    try:
        visit_signup(enrolment=enrolment, item=item)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(
            request, _("You have a place on the study visit “%(title)s”.") % {"title": item.title}
        )
    return _back(agenda, item)


@login_required
@require_POST
@AGENDA_POST
def leave(request: HttpRequest, pk: int) -> HttpResponse:
    item, agenda = _live_item(pk)
    enrolment = _trainee_enrolment(request, agenda)
    try:
        visit_leave(enrolment=enrolment, item=item)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            _("You left the study visit “%(title)s”; your place is free for someone else.")
            % {"title": item.title},
        )
    return _back(agenda, item)


@login_required
@require_POST
@AGENDA_POST
def check_in_code(request: HttpRequest, pk: int) -> HttpResponse:
    item, agenda = _live_item(pk)
    enrolment = _trainee_enrolment(request, agenda)
    form = CheckInCodeForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return _back(agenda, item)
    try:
        attendance_check_in(enrolment=enrolment, item=item, code=form.cleaned_data["code"])
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("You are checked in to “%(title)s”.") % {"title": item.title})
    return _back(agenda, item)


@login_required
def check_in(request: HttpRequest, pk: int) -> HttpResponse:
    """The facilitator's screen for one item: the session code, the cohort, present or absent."""
    item = get_object_or_404(AgendaItem.objects.select_related("page", "place"), pk=pk)
    agenda = item.page
    edition = edition_of(page=agenda)
    if not permissions.can_mark_attendance(request.user, edition):
        raise PermissionDenied(_("Only the edition's facilitators can check people in."))
    if request.method == "POST":
        if request.POST.get("all_present") == "1":
            marks = {row.enrolment.pk: True for row in check_in_rows(edition=edition, item=item)}
        else:
            marks = {}
            for key, value in request.POST.items():
                if key.startswith("mark-") and value in {"present", "absent"}:
                    pk_text = key.removeprefix("mark-")
                    if pk_text.isascii() and pk_text.isdigit() and len(pk_text) < 10:
                        marks[int(pk_text)] = value == "present"
        try:
            saved = attendance_set(item=item, by=request.user, marks=marks)
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Attendance saved (%(count)d changed).") % {"count": saved})
        return HttpResponseRedirect(request.path)
    rows = check_in_rows(edition=edition, item=item)
    present = sum(1 for row in rows if row.present)
    return TemplateResponse(
        request,
        "learning/agenda/check_in.html",
        {
            "item": item,
            "agenda": agenda,
            "edition": edition,
            "rows": rows,
            "present": present,
            "percent": (100 * present // len(rows)) if rows else 0,
        },
    )


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def agenda_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """``/academy/<edition>/agenda.ics``: every item of the published agenda."""
    edition = edition_by_slug(slug=slug)
    if edition is None:
        raise Http404
    agenda = agenda_of(edition=edition)
    if agenda is None or agenda.get_view_restrictions().exists():
        raise Http404
    items = list(published_items(agenda))
    return _ics(
        agenda_calendar(agenda=agenda, items=items, name=f"{edition.title}: {agenda.title}"),
        f"{edition.slug}-agenda.ics",
    )


@require_GET
def personal_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A trainee's own agenda at a secret address, for calendar programs that cannot sign in."""
    feed = (
        CalendarFeed.objects.select_related("enrolment__edition", "enrolment__user")
        .filter(token=token)
        .first()
    )
    if feed is None or not feed.enrolment.is_active:
        raise Http404
    agenda, items = personal_items(enrolment=feed.enrolment)
    if agenda is None:
        raise Http404
    edition = feed.enrolment.edition
    return _ics(
        agenda_calendar(
            agenda=agenda,
            items=items,
            name=_("My agenda: %(edition)s") % {"edition": edition.title},
        ),
        f"{edition.slug}-my-agenda.ics",
    )


@login_required
@require_POST
@AGENDA_POST
def feed_regenerate(request: HttpRequest, slug: str) -> HttpResponse:
    edition = edition_by_slug(slug=slug)
    if edition is None:
        raise Http404
    enrolment = enrolment_for(user=request.user, edition=edition)
    if not permissions.can_take_part_in_agenda(request.user, enrolment):
        raise PermissionDenied(_("Only accepted trainees of this edition have a personal feed."))
    feed_token_regenerate(enrolment=enrolment)
    messages.success(
        request,
        _("Your calendar feed has a new address; the old one no longer works. Subscribe again."),
    )
    return HttpResponseRedirect(reverse("learning:dashboard") + f"#feed-{edition.pk}")


@require_GET
def changes(request: HttpRequest, slug: str) -> HttpResponse:
    """The schedule changelog of a published agenda: what changed and when."""
    edition = edition_by_slug(slug=slug)
    if edition is None:
        raise Http404
    agenda = agenda_of(edition=edition)
    if agenda is None or agenda.get_view_restrictions().exists():
        raise Http404
    return TemplateResponse(
        request,
        "learning/agenda/changes.html",
        {
            "agenda": agenda,
            "edition": edition,
            "changes": schedule_changes(agenda=agenda),
        },
    )
