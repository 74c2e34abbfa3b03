"""(Being written.)"""

from django.http import Http404


def directory(request, **kwargs):
    raise Http404


def member(request, **kwargs):
    raise Http404


def profile_edit(request, **kwargs):
    raise Http404
