"""(Being written.)"""

from django.http import Http404


def queue(request, **kwargs):
    raise Http404


def log(request, **kwargs):
    raise Http404


def flag_resolve(request, **kwargs):
    raise Http404


def topic_moderate(request, **kwargs):
    raise Http404


def post_hide(request, **kwargs):
    raise Http404


def post_restore(request, **kwargs):
    raise Http404


def post_flag(request, **kwargs):
    raise Http404
