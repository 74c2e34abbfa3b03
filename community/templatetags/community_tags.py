"""Template tags of the community's pages, and those the site's header uses to show the community
without importing it."""

from django import template

from .. import markup
from ..models import Level
from ..notifications import inbox

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """The signed-in person's unread notifications, counted in one query once per request; 0 for
    a visitor, without touching the database, so anonymous pages stay the same for the page
    cache."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return 0
    return inbox.unread_count(user=user)


@register.filter
def post_excerpt(stored_html: str, words: int = 30) -> str:
    """A post's stored HTML as plain text cut to so many words: ``{{ post.html|post_excerpt:60 }}``.
    The text is autoescaped like any other, so ``Tom & Jerry`` shows as written."""
    return markup.excerpt(stored_html or "", words=int(words))


@register.simple_tag
def notification_levels() -> type[Level]:
    """The enum of notification levels, so that the level form compares a level with its members
    rather than with their values: ``{% notification_levels as Level %}``."""
    return Level
