"""Agenda items as iCalendar (RFC 5545) files: the edition's public agenda and a trainee's
personal feed. Each item keeps one UID for its whole life, so a calendar program that subscribed
updates the event instead of adding a second one."""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone

from cms.links import absolute_url

from ..models import AgendaItem, AgendaPage


def item_uid(item: AgendaItem) -> str:
    # The site's public host names the UID's domain; the item's primary key never changes.
    return f"agenda-item-{item.pk}@{urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname}"


def _location(item: AgendaItem) -> str:
    if item.place is None:
        return ""
    return ", ".join(
        part for part in (item.place.name, item.place.address.replace("\n", ", ")) if part
    )


def agenda_calendar(*, agenda: AgendaPage, items: list[AgendaItem], name: str) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{settings.WAGTAIL_SITE_NAME}//Agenda//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", agenda.time_zone)
    tz = agenda.tz
    stamp = timezone.now().astimezone(datetime.UTC)
    page_url = absolute_url(agenda.url) if agenda.url else ""
    for item in items:
        event = icalendar.Event()
        event.add("uid", item_uid(item))
        event.add("dtstamp", stamp)
        event.add("dtstart", item.starts_at(tz))
        event.add("dtend", item.ends_at(tz))
        event.add("summary", item.title)
        description = [str(item.get_kind_display())]
        if item.description:
            description.append(item.description)
        speakers = [person.name for person in item.speakers.all()]
        if speakers:
            description.append(", ".join(speakers))
        event.add("description", "\n\n".join(description))
        location = _location(item)
        if location:
            event.add("location", location)
        if page_url:
            event.add("url", f"{page_url}#item-{item.pk}")
        event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
