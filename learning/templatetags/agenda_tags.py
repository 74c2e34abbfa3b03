"""The residential week summed up on the edition page, from ``agenda_selectors``."""

from django import template

from ..agenda_selectors import agenda_summary

register = template.Library()


@register.inclusion_tag("learning/agenda/summary.html")
def residential_summary(edition):
    return {"summary": agenda_summary(edition=edition), "edition": edition}
