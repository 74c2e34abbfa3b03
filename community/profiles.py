"""A member as the rest of the community sees them: their profile, made on first use, the one rule
for the name others see, and the profiles a text mentions. Posting, notifications, the pages and
the e-mails all name people through ``display_name``, so a name reads the same everywhere and never
shows any part of an e-mail address."""

from __future__ import annotations

import operator
from functools import reduce

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from cms.accounts.types import AnyUser

from . import markup
from .models import MemberProfile

DISPLAY_NAME_MAX_LENGTH = MemberProfile._meta.get_field("display_name").max_length


def loaded_profile(user) -> MemberProfile | None:
    """The profile loaded with ``user`` (``member_profile`` selected), or None when there is
    none; no query when it was selected."""
    if user is None:
        return None
    try:
        return user.member_profile
    except ObjectDoesNotExist:
        return None


def own_name(user) -> str:
    """The name the member gave: their profile's display name, else the name on their account;
    empty when they gave none. Never their e-mail address, nor any part of it."""
    if user is None:
        return ""
    profile = loaded_profile(user)
    chosen = profile.display_name.strip() if profile is not None else ""
    return chosen or user.get_full_name().strip()


def display_name(user) -> str:
    """How a member is named to others: the name they gave (``own_name``), else "A member";
    "A former member" once the account is gone. Load ``member_profile`` with the user, so that no
    query is made."""
    if user is None:
        return _("A former member")
    return own_name(user) or _("A member")


def profile_for(*, user: AnyUser) -> MemberProfile:
    """The member's profile, made on first use from their account: its display name is the
    account's name, or left empty (``display_name`` then says "A member") until they choose
    one."""
    profile = MemberProfile.objects.filter(user=user).first()
    if profile is not None:
        return profile
    profile, _created = MemberProfile.objects.get_or_create(
        user=user,
        defaults={"display_name": user.get_full_name().strip()[:DISPLAY_NAME_MAX_LENGTH]},
    )
    return profile


def mentioned_profiles(source: str, *, in_quotes: bool = False) -> QuerySet[MemberProfile]:
    """The profiles a text mentions. Mentions are matched whatever their case (``@Amira`` is
    ``@amira``), and handles may hold capitals, so the lookup ignores case too."""
    return profiles_by_handle(markup.mentioned_handles(source, in_quotes=in_quotes))


def profiles_by_handle(handles) -> QuerySet[MemberProfile]:
    handles = list(handles)
    if not handles:
        return MemberProfile.objects.none()
    return MemberProfile.objects.filter(
        reduce(operator.or_, (Q(handle__iexact=handle) for handle in handles))
    )


def mention_links(source: str) -> dict[str, str]:
    """Where each handle a text mentions leads (its profile), quotes included: for rendering."""
    return {
        profile.handle.lower(): profile.get_absolute_url()
        for profile in mentioned_profiles(source, in_quotes=True)
    }
