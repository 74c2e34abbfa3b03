"""The moderators' pages and actions: pin, lock and move a topic, hide and restore a post, the
flag form for members, the queue of flagged posts and the log. Each view parses its input, calls
one verb of ``community.moderation`` and goes back to where the person acted, with a message."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cms.ratelimit import limit_posts

from .. import moderation, permissions, selectors
from ..models import Flag, FlagResolution, Post, Topic
from ..moderation import forms
from ..moderation.flags import ALREADY_FLAGGED
from ..moderation.queue import flagged_posts, moderation_log, move_targets, reporters_count

# Guards against floods, one count for members' flags and one for moderators' actions.
FLAGS = limit_posts("community:flags")
MODERATION_POSTS = limit_posts("community:moderation")

FLAGGED_POSTS_PER_PAGE = 20
LOG_ACTIONS_PER_PAGE = 50


def _topic_to_moderate(request: HttpRequest, topic_id: int) -> Topic:
    """404 for a topic the person may not read, 403 when they may read but not moderate."""
    topic = Topic.objects.select_related("forum").filter(pk=topic_id).first()
    if topic is None or not permissions.can_read_forum(request.user, topic.forum):
        raise Http404(_("No topic here."))
    if not permissions.can_moderate_forum(request.user, topic.forum):
        raise PermissionDenied
    return topic


def _post_to_read(request: HttpRequest, post_id: int) -> Post:
    post = selectors.readable_post(user=request.user, post_id=post_id)
    if post is None:
        raise Http404(_("No post here."))
    return post


def _post_to_moderate(request: HttpRequest, post_id: int) -> Post:
    post = _post_to_read(request, post_id)
    if not permissions.can_moderate_forum(request.user, post.topic.forum):
        raise PermissionDenied
    return post


def _posted(request: HttpRequest):
    """The submitted data, for a form bound on POST even when it is empty."""
    return request.POST if request.method == "POST" else None


def _refusal(error: ValidationError) -> str:
    return " ".join(error.messages)


# ---------------------------------------------------------------------------------------------
# Topics


TOPIC_VERBS = {
    forms.PIN: (moderation.topic_pin, gettext_lazy("The topic is pinned to the top of its forum.")),
    forms.UNPIN: (moderation.topic_unpin, gettext_lazy("The topic is no longer pinned.")),
    forms.LOCK: (
        moderation.topic_lock,
        gettext_lazy("The topic is locked: members can no longer reply."),
    ),
    forms.UNLOCK: (moderation.topic_unlock, gettext_lazy("The topic is open for replies again.")),
}


@MODERATION_POSTS
def topic_moderate(request: HttpRequest, topic_id: int) -> HttpResponse:
    """Pin, unpin, lock, unlock, move or rename a topic. The topic page holds the compact form; this
    address shows the same form on a page of its own when something in it needs correcting."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    topic = _topic_to_moderate(request, topic_id)
    targets = move_targets(user=request.user, forum=topic.forum)
    form = forms.TopicModerationForm(_posted(request), targets=targets)
    if request.method == "POST" and form.is_valid():
        action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
        try:
            if action == forms.MOVE:
                target = form.cleaned_data["target"]
                moderation.topic_move(
                    moderator=request.user, topic=topic, to_forum=target, reason=reason
                )
                message = _("The topic is now in “%(forum)s”.") % {"forum": target.name}
            elif action == forms.RETITLE:
                moderation.topic_retitle(
                    moderator=request.user,
                    topic=topic,
                    title=form.cleaned_data["title"],
                    reason=reason,
                )
                message = _("The topic is now called “%(title)s”.") % {"title": topic.title}
            else:
                verb, message = TOPIC_VERBS[action]
                verb(moderator=request.user, topic=topic, reason=reason)
        except ValidationError as error:
            messages.error(request, _refusal(error))
        else:
            messages.success(request, message)
        return HttpResponseRedirect(topic.get_absolute_url())
    return TemplateResponse(
        request,
        "community/moderation/topic_moderate.html",
        {"topic": topic, "forum": topic.forum, "form": form},
    )


# ---------------------------------------------------------------------------------------------
# Posts


@MODERATION_POSTS
def post_hide(request: HttpRequest, post_id: int) -> HttpResponse:
    """Hide a post, with a reason; without one, the form comes back asking for it."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    post = _post_to_moderate(request, post_id)
    form = forms.HideForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            moderation.post_hide(
                moderator=request.user, post=post, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            messages.error(request, _refusal(error))
        else:
            messages.success(
                request,
                _("Post #%(number)d is hidden; the log keeps your reason.")
                % {"number": post.number},
            )
        return HttpResponseRedirect(post.get_absolute_url())
    return TemplateResponse(
        request,
        "community/moderation/post_hide.html",
        {"post": post, "topic": post.topic, "forum": post.topic.forum, "form": form},
    )


@MODERATION_POSTS
def post_restore(request: HttpRequest, post_id: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    post = _post_to_moderate(request, post_id)
    form = forms.RestoreForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            moderation.post_restore(
                moderator=request.user, post=post, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            messages.error(request, _refusal(error))
        else:
            messages.success(
                request, _("Post #%(number)d is visible again.") % {"number": post.number}
            )
        return HttpResponseRedirect(post.get_absolute_url())
    return TemplateResponse(
        request,
        "community/moderation/post_restore.html",
        {"post": post, "topic": post.topic, "forum": post.topic.forum, "form": form},
    )


@FLAGS
def post_flag(request: HttpRequest, post_id: int) -> HttpResponse:
    """A member tells the moderators that a post needs their eyes."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    post = _post_to_read(request, post_id)
    if not permissions.can_flag_post(request.user, post):
        raise PermissionDenied
    already = Flag.objects.open().filter(post=post, reporter=request.user).exists()
    form = forms.FlagForm(_posted(request))
    if request.method == "POST" and not already and form.is_valid():
        try:
            moderation.post_flag(
                user=request.user,
                post=post,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            if getattr(error, "code", None) == ALREADY_FLAGGED:
                already = True
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("Thank you, moderators will look at it."))
            return HttpResponseRedirect(post.get_absolute_url())
    if already and request.method == "POST":
        messages.info(request, _("You already flagged this post; the moderators will look at it."))
        return HttpResponseRedirect(post.get_absolute_url())
    return TemplateResponse(
        request,
        "community/moderation/post_flag.html",
        {
            "post": post,
            "topic": post.topic,
            "forum": post.topic.forum,
            "form": form,
            "already_flagged": already,
        },
    )


# ---------------------------------------------------------------------------------------------
# The queue and the log


def _moderator_or_refuse(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not permissions.can_moderate_anywhere(request.user):
        raise PermissionDenied
    return None


def queue(request: HttpRequest) -> HttpResponse:
    """The open flags of the forums the person moderates, one entry per post."""
    if (refusal := _moderator_or_refuse(request)) is not None:
        return refusal
    page = Paginator(flagged_posts(user=request.user), FLAGGED_POSTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    for post in page.object_list:
        post.reporters_count = reporters_count(post)
    return TemplateResponse(
        request,
        "community/moderation/queue.html",
        {"page_obj": page, "posts": page.object_list},
    )


def log(request: HttpRequest) -> HttpResponse:
    if (refusal := _moderator_or_refuse(request)) is not None:
        return refusal
    page = Paginator(moderation_log(user=request.user), LOG_ACTIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return TemplateResponse(
        request,
        "community/moderation/log.html",
        {"page_obj": page, "actions": page.object_list},
    )


@require_POST
@MODERATION_POSTS
def flag_resolve(request: HttpRequest, flag_id: int) -> HttpResponse:
    """Hide or keep a flagged post: every open flag of the post is resolved at once."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("community:moderation"))
    flag = Flag.objects.select_related("post__topic__forum").filter(pk=flag_id).first()
    if flag is None or not permissions.can_read_forum(request.user, flag.post.topic.forum):
        raise Http404(_("No flag here."))
    if not permissions.can_moderate_forum(request.user, flag.post.topic.forum):
        raise PermissionDenied
    form = forms.ResolveForm(request.POST)
    back = reverse("community:moderation")
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return HttpResponseRedirect(f"{back}#post-{flag.post_id}")
    hide = form.cleaned_data["decision"] == forms.HIDE
    try:
        moderation.flag_resolve(
            moderator=request.user,
            flag=flag,
            resolution=FlagResolution.HIDDEN if hide else FlagResolution.KEPT,
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        messages.error(request, _refusal(error))
    else:
        number = flag.post.number
        messages.success(
            request,
            (
                _("Post #%(number)d of “%(topic)s” is hidden and its flags are resolved.")
                if hide
                else _("Post #%(number)d of “%(topic)s” stays; its flags are resolved.")
            )
            % {"number": number, "topic": flag.post.topic.title},
        )
    return HttpResponseRedirect(back)
