"""(Being written.)"""

from django.http import Http404


def index(request, **kwargs):
    raise Http404


def mark_all_read(request, **kwargs):
    raise Http404


def search(request, **kwargs):
    raise Http404


def post_edit(request, **kwargs):
    raise Http404


def post_delete(request, **kwargs):
    raise Http404


def forum_detail(request, **kwargs):
    raise Http404


def topic_new(request, **kwargs):
    raise Http404


def forum_mark_read(request, **kwargs):
    raise Http404


def topic_detail(request, **kwargs):
    raise Http404


def topic_reply(request, **kwargs):
    raise Http404
