"""The member's notifications page, their notification settings, the notification level of a forum
or a topic, and the unsubscribe link of the e-mails, which works without signing in.

Viewing the notifications page marks the notifications it shows as read (they still show as new
on that visit): the page is where a member reads them, and the header's count drops once they
have. "Mark all as read" also clears those on older pages.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from cms.ratelimit import limit_posts

from .. import permissions
from ..models import EmailFrequency, Forum, Level, Topic
from ..notifications import emails, inbox, levels
from ..notifications.forms import PreferencesForm
from ..notifications.preferences import (
    email_frequency_set,
    forum_levels,
    preferences_save,
    topic_levels,
)
from ..profiles import profile_for

# ---------------------------------------------------------------------------------------------
# The notifications page


@login_required
@require_http_methods(["GET", "HEAD"])
def notification_list(request: HttpRequest) -> HttpResponse:
    listing = inbox.notification_page(user=request.user, before=request.GET.get("before"))
    inbox.notifications_mark_read(user=request.user, ids=listing.unread_ids)
    return TemplateResponse(
        request,
        "community/notifications.html",
        {
            "listing": listing,
            "unread_left": inbox.unread_count(user=request.user),
        },
    )


@login_required
@require_POST
def mark_notifications_read(request: HttpRequest) -> HttpResponse:
    marked = inbox.notifications_mark_read(user=request.user)
    if marked:
        messages.success(request, _("All your notifications are marked as read."))
    else:
        messages.info(request, _("You had no unread notifications."))
    return HttpResponseRedirect(reverse("community:notifications"))


# ---------------------------------------------------------------------------------------------
# Settings


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    profile = profile_for(user=request.user)
    initial = {"email_frequency": profile.email_frequency, "watch_on_post": profile.watch_on_post}
    form = PreferencesForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        forum_levels=forum_levels(user=request.user),
        topic_levels=topic_levels(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            preferences_save(
                user=request.user,
                email_frequency=form.cleaned_data["email_frequency"],
                watch_on_post=form.cleaned_data["watch_on_post"],
                levels=form.levels(),
                topic_levels_wanted=form.topic_levels(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your notification settings are saved."))
            return HttpResponseRedirect(reverse("community:preferences"))
    return TemplateResponse(
        request,
        "community/preferences.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


# ---------------------------------------------------------------------------------------------
# Unsubscribe


@csrf_exempt  # The signed token is the protection; mail clients post the one-click form.
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        person = emails.user_for_unsubscribe_token(token)
    except emails.InvalidToken:
        return _unsubscribe_page(request, "invalid", status=400)
    except get_user_model().DoesNotExist:
        return _unsubscribe_page(request, "gone", status=404)
    if request.method == "POST":
        email_frequency_set(user=person, frequency=EmailFrequency.NONE)
        return _unsubscribe_page(request, "done")
    # A GET changes nothing: mail scanners open every link they see.
    return _unsubscribe_page(request, "confirm")


def _unsubscribe_page(request: HttpRequest, state: str, *, status: int = 200) -> HttpResponse:
    response = TemplateResponse(
        request, "community/unsubscribe.html", {"state": state}, status=status
    )
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


# ---------------------------------------------------------------------------------------------
# Levels of a forum and of a topic

_LEVEL_SAVED = {
    Level.WATCHING: gettext_lazy("You are watching %(target)s: every new post notifies you."),
    Level.NORMAL: gettext_lazy(
        "%(target)s is back to normal: you hear of replies in topics you started, quotes and "
        "mentions."
    ),
    Level.MUTED: gettext_lazy("You muted %(target)s: nothing there notifies you."),
}


def _back(request: HttpRequest, fallback: str) -> HttpResponseRedirect:
    wanted = request.POST.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(wanted)
    return HttpResponseRedirect(fallback)


def _set_level(request: HttpRequest, *, target: Forum | Topic, forum: Forum, action: str):
    level = request.POST.get("level", "")
    keyword = "topic" if isinstance(target, Topic) else "forum"
    try:
        levels.level_set(user=request.user, level=level, **{keyword: target})
    except ValidationError as error:
        current = (
            levels.level_for(user=request.user, topic=target)
            if isinstance(target, Topic)
            else levels.forum_level(user=request.user, forum=forum)
        )
        return TemplateResponse(
            request,
            "community/level.html",
            {
                "target": target,
                "level": current,
                "action": action,
                "errors": error.messages,
            },
            status=400,
        )
    messages.success(request, _LEVEL_SAVED[level] % {"target": f"“{target}”"})
    return _back(request, target.get_absolute_url())


def _readable_forum(request: HttpRequest, slug: str) -> Forum:
    forum = get_object_or_404(Forum, slug=slug)
    if not permissions.can_read_forum(request.user, forum):
        raise Http404
    return forum


@login_required
@require_POST
@limit_posts("community:levels")
def forum_level(request: HttpRequest, forum: str) -> HttpResponse:
    target = _readable_forum(request, forum)
    action = reverse("community:forum_level", kwargs={"forum": target.slug})
    return _set_level(request, target=target, forum=target, action=action)


@login_required
@require_POST
@limit_posts("community:levels")
def topic_level(request: HttpRequest, forum: str, topic_id: int, slug: str) -> HttpResponse:
    found = _readable_forum(request, forum)
    topic = get_object_or_404(Topic.objects.select_related("forum"), pk=topic_id, forum=found)
    action = reverse(
        "community:topic_level",
        kwargs={"forum": found.slug, "topic_id": topic.pk, "slug": topic.slug},
    )
    return _set_level(request, target=topic, forum=found, action=action)
