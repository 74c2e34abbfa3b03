"""Factories for the community: forums of each kind, topics and posts made through the services
(so numbers and counters are real), and member profiles."""

import datetime

import factory
from django.utils import timezone

from community import posting
from community.models import Forum, ForumKind, MemberProfile


class ForumFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Forum {n}")
    slug = factory.Sequence(lambda n: f"forum-{n}")
    description = "Peers compare what they tried and what they learned."
    kind = ForumKind.GENERAL

    class Meta:
        model = Forum


class MemberProfileFactory(factory.django.DjangoModelFactory):
    display_name = factory.LazyAttribute(lambda o: o.user.get_full_name() or o.user.email)
    handle = factory.Sequence(lambda n: f"member{n}")

    class Meta:
        model = MemberProfile
        django_get_or_create = ["user"]


# Posts made by helpers below are back-dated one minute apart, so that the posting limits (one
# post every few seconds, first-day limits) never refuse a test's arrangement.
_clock = {"at": None}


def _next_moment() -> datetime.datetime:
    now = timezone.now() - datetime.timedelta(days=2)
    if _clock["at"] is None or _clock["at"] > now:
        _clock["at"] = now - datetime.timedelta(days=30)
    _clock["at"] += datetime.timedelta(minutes=1)
    return _clock["at"]


def old_account(user):
    """An account older than a day, so first-day limits do not apply."""
    type(user).objects.filter(pk=user.pk).update(
        date_joined=timezone.now() - datetime.timedelta(days=60)
    )
    user.refresh_from_db()
    return user


def start_topic(user, forum, title="How do you reach newcomers?", source="Tell me.", at=None):
    return posting.topic_create(
        user=old_account(user), forum=forum, title=title, source=source, now=at or _next_moment()
    )


def reply(user, topic, source="Here is what we did.", quoted=None, at=None):
    return posting.topic_reply(
        user=old_account(user), topic=topic, source=source, quoted=quoted, now=at or _next_moment()
    )
