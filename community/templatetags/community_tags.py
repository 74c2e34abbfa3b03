"""Template tags the site's header uses to show the community without importing it."""

from django import template

from .. import notifications

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """The signed-in person's unread notifications, counted in one query once per request; 0 for
    a visitor, without touching the database, so anonymous pages stay the same for the page
    cache."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return 0
    return notifications.unread_count(user=user)
