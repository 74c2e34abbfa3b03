"""Template tags the rest of the site uses to show the academy without importing it."""

from django import template

from .. import selectors

register = template.Library()


@register.simple_tag
def current_edition():
    """The edition to promote now (see ``selectors.current_edition``), or None."""
    return selectors.current_edition()
