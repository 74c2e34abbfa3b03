"""The forums as members read and write them: the index, a forum's topics, a topic's posts, a new
topic, a reply, editing and deleting one's own post, "mark read" and search. Reads come from
``community.selectors``, writes go through ``community.posting`` and ``community.read_state``, and
who may do what is asked of ``community.permissions``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.ratelimit import limit_posts

from .. import markup, permissions, posting, read_state, selectors
from ..forms import PostEditForm, ReplyForm, TopicForm
from ..models import Forum, Post, Topic
from ..moderation.queue import move_targets
from ..notifications import levels

# A guard against floods from one account or address, whatever the view; the posting rules
# themselves are posting's.
FORUM_POSTS = limit_posts("community:forums")


def _forum_or_404(request: HttpRequest, slug: str) -> Forum:
    forum = selectors.readable_forum(user=request.user, slug=slug)
    if forum is None:
        raise Http404(_("There is no forum at this address, or it is not open to you."))
    return forum


def _topic_or_404(request: HttpRequest, forum: str, topic_id: int) -> Topic:
    topic = selectors.readable_topic(user=request.user, topic_id=topic_id)
    if topic is None:
        raise Http404(_("There is no topic at this address, or it is not open to you."))
    return topic


def _post_or_404(request: HttpRequest, post_id: int) -> Post:
    post = selectors.readable_post(user=request.user, post_id=post_id)
    if post is None:
        raise Http404(_("There is no post at this address, or it is not open to you."))
    return post


def _post_url(post: Post) -> str:
    return selectors.post_url(post.topic, post.number)


# ---------------------------------------------------------------------------------------------
# The index and "mark read"


@login_required
def index(request: HttpRequest) -> HttpResponse:
    groups = selectors.forum_index(user=request.user)
    return TemplateResponse(
        request,
        "community/index.html",
        {"groups": groups},
    )


@login_required
@require_POST
@FORUM_POSTS
def mark_all_read(request: HttpRequest) -> HttpResponse:
    forums = list(permissions.readable_forums(request.user))
    read_state.forums_mark_read(user=request.user, forums=forums)
    messages.success(request, _("Everything in the forums is marked as read."))
    return HttpResponseRedirect(reverse("community:index"))


@login_required
@require_POST
@FORUM_POSTS
def forum_mark_read(request: HttpRequest, forum: str) -> HttpResponse:
    found = _forum_or_404(request, forum)
    read_state.forums_mark_read(user=request.user, forums=[found])
    messages.success(
        request, _("Every topic in “%(forum)s” is marked as read.") % {"forum": found.name}
    )
    return HttpResponseRedirect(found.get_absolute_url())


# ---------------------------------------------------------------------------------------------
# A forum's topics and a new topic


@login_required
def forum_detail(request: HttpRequest, forum: str) -> HttpResponse:
    found = _forum_or_404(request, forum)
    listing = selectors.topic_list(user=request.user, forum=found, page=request.GET.get("page"))
    return TemplateResponse(
        request,
        "community/forum.html",
        {
            "forum": found,
            "listing": listing,
            "can_start_topic": permissions.can_start_topic(request.user, found),
            "level": levels.forum_level(user=request.user, forum=found),
            "level_action": reverse("community:forum_level", kwargs={"forum": found.slug}),
        },
    )


@login_required
@FORUM_POSTS
def topic_new(request: HttpRequest, forum: str) -> HttpResponse:
    found = _forum_or_404(request, forum)
    if not permissions.can_start_topic(request.user, found):
        raise PermissionDenied(_("This forum is archived: nobody can start a topic in it."))
    form = TopicForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            topic = posting.topic_create(
                user=request.user,
                forum=found,
                title=form.cleaned_data["title"],
                source=form.cleaned_data["source"],
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Your topic is posted."))
            return HttpResponseRedirect(topic.get_absolute_url())
    return TemplateResponse(request, "community/topic_new.html", {"forum": found, "form": form})


# ---------------------------------------------------------------------------------------------
# A topic and replies


def _topic_response(
    request: HttpRequest, topic: Topic, *, page: str | None, reply_form: ReplyForm | None = None
) -> TemplateResponse:
    shown = selectors.topic_page(user=request.user, topic=topic, page=page)
    forum = topic.forum
    can_moderate = permissions.can_moderate_forum(request.user, forum)
    can_reply = permissions.can_reply(request.user, topic)
    if reply_form is None and can_reply:
        reply_form = ReplyForm(initial=_quote(request, shown))
    # Only when the page goes further than the member had read: a page read again costs nothing.
    if shown.posts and shown.last_number > (getattr(topic, "read_to", None) or 0):
        read_state.topic_mark_read(user=request.user, topic=topic, up_to=shown.last_number)
    return TemplateResponse(
        request,
        "community/topic.html",
        {
            "forum": forum,
            "topic": topic,
            "shown": shown,
            "can_moderate": can_moderate,
            "move_targets": (move_targets(user=request.user, forum=forum) if can_moderate else []),
            "can_reply": can_reply,
            "reply_form": reply_form if can_reply else None,
            "level": levels.level_for(user=request.user, topic=topic),
            "level_action": reverse(
                "community:topic_level",
                kwargs={"forum": forum.slug, "topic_id": topic.pk, "slug": topic.slug},
            ),
        },
    )


def _quote(request: HttpRequest, shown: selectors.TopicPage) -> dict:
    """The reply form's start when the member asked to quote a post shown on this page."""
    wanted = request.GET.get("quote", "")
    for entry in shown.posts:
        if str(entry.post.number) == wanted and entry.can_quote:
            return {
                "source": markup.quote(
                    entry.post.source, handle=entry.handle, number=entry.post.number
                ),
                "quoted": entry.post.pk,
            }
    return {}


@login_required
def topic_detail(request: HttpRequest, forum: str, topic_id: int, slug: str) -> HttpResponse:
    topic = _topic_or_404(request, forum, topic_id)
    # An old title or the forum the topic was moved from: the topic's address now.
    if slug != topic.slug or forum != topic.forum.slug:
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(
            topic.get_absolute_url() + (f"?{query}" if query else "")
        )
    if "post" in request.GET:
        page = selectors.page_for_post(topic, request.GET["post"])
        if page is not None:
            number = max(1, min(int(request.GET["post"]), topic.post_count))
            return HttpResponseRedirect(f"{topic.get_absolute_url()}?page={page}#post-{number}")
    return _topic_response(request, topic, page=request.GET.get("page"))


@login_required
@require_POST
@FORUM_POSTS
def topic_reply(request: HttpRequest, forum: str, topic_id: int, slug: str) -> HttpResponse:
    topic = _topic_or_404(request, forum, topic_id)
    if not permissions.can_reply(request.user, topic):
        raise PermissionDenied(_("This topic takes no more replies."))
    form = ReplyForm(request.POST)
    if form.is_valid():
        quoted = selectors.post_in_topic(topic=topic, post_id=form.cleaned_data["quoted"])
        try:
            post = posting.topic_reply(
                user=request.user, topic=topic, source=form.cleaned_data["source"], quoted=quoted
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Your reply is posted."))
            return HttpResponseRedirect(selectors.post_url(topic, post.number))
    # The topic's page again, at the reply URL: its forms still post to their own addresses and
    # the level form goes back to the topic, never to this POST-only one.
    last_page = str(selectors.topic_num_pages(topic))
    response = _topic_response(request, topic, page=last_page, reply_form=form)
    response.status_code = 400
    return response


# ---------------------------------------------------------------------------------------------
# Editing and deleting one's own post


@login_required
@FORUM_POSTS
def post_edit(request: HttpRequest, post_id: int) -> HttpResponse:
    post = _post_or_404(request, post_id)
    if not permissions.can_edit_post(request.user, post):
        raise PermissionDenied(
            _("You can edit your own post for 30 minutes after writing it; this one is closed.")
        )
    form = PostEditForm(
        request.POST if request.method == "POST" else None, initial={"source": post.source}
    )
    if request.method == "POST" and form.is_valid():
        try:
            posting.post_edit(user=request.user, post=post, source=form.cleaned_data["source"])
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Your changes are saved."))
            return HttpResponseRedirect(_post_url(post))
    return TemplateResponse(
        request,
        "community/post_edit.html",
        {
            "post": post,
            "topic": post.topic,
            "forum": post.topic.forum,
            "form": form,
            "closes_at": permissions.edit_window_closes(post),
            "moderates": permissions.can_moderate_forum(request.user, post.topic.forum),
        },
    )


@login_required
@FORUM_POSTS
def post_delete(request: HttpRequest, post_id: int) -> HttpResponse:
    post = _post_or_404(request, post_id)
    if not permissions.can_delete_post(request.user, post):
        raise PermissionDenied(_("Only its author can delete a post, once."))
    if request.method == "POST":
        posting.post_delete(user=request.user, post=post)
        messages.success(request, _("Your post is deleted; its place in the topic says so."))
        return HttpResponseRedirect(_post_url(post))
    return TemplateResponse(
        request,
        "community/post_delete.html",
        {"post": post, "topic": post.topic, "forum": post.topic.forum},
    )


# ---------------------------------------------------------------------------------------------
# Search


@login_required
def search(request: HttpRequest) -> HttpResponse:
    context = selectors.search(
        user=request.user, query=request.GET.get("q", ""), page=request.GET.get("page")
    )
    context["max_query_length"] = selectors.MAX_QUERY_LENGTH
    return TemplateResponse(request, "community/search.html", context)
