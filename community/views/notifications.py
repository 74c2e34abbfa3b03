"""(Being written.)"""

from django.http import Http404


def notification_list(request, **kwargs):
    raise Http404


def mark_notifications_read(request, **kwargs):
    raise Http404


def preferences(request, **kwargs):
    raise Http404


def unsubscribe(request, **kwargs):
    raise Http404


def forum_level(request, **kwargs):
    raise Http404


def topic_level(request, **kwargs):
    raise Http404
