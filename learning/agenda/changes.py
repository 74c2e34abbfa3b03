"""Changes to a published agenda reach the people they concern. Each publication of an agenda
page is compared with what was last published (``PublishedSchedule``): a new time, place or
cancellation becomes a ``ScheduleChange``, shown on the agenda and in its changelog. The e-mail
goes out in batches: every trainee for whom a changed item is required, starred or booked gets
one message listing all the changes not yet sent, so ten edits in a minute make one message."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django_tasks import task

from cms.links import absolute_url, page_absolute_url
from cms.tasks import send_email

from ..models import (
    AgendaItem,
    AgendaPage,
    ChangeKind,
    EditionPage,
    Enrolment,
    ItemStar,
    PublishedSchedule,
    ScheduleChange,
    VisitSignup,
)

# How long a batch waits for more edits before its e-mail goes out.
BATCH_DELAY = datetime.timedelta(minutes=1)


def _when(date: datetime.date, start: datetime.time, end: datetime.time) -> str:
    day = formats.date_format(date, "DATE_FORMAT")
    return f"{day}, {start:%H:%M}–{end:%H:%M}"


def _snapshot(item: AgendaItem) -> PublishedSchedule:
    return PublishedSchedule(
        item=item,
        date=item.date,
        start=item.start,
        end=item.end,
        place_name=item.place.name if item.place else "",
        cancelled=item.cancelled,
    )


def _differences(item: AgendaItem, before: PublishedSchedule) -> list[ScheduleChange]:
    now = _snapshot(item)
    changes = []
    if (before.date, before.start, before.end) != (now.date, now.start, now.end):
        changes.append(
            ScheduleChange(
                item=item,
                kind=ChangeKind.TIME,
                before=_when(before.date, before.start, before.end),
                after=_when(now.date, now.start, now.end),
            )
        )
    if before.place_name != now.place_name:
        changes.append(
            ScheduleChange(
                item=item, kind=ChangeKind.PLACE, before=before.place_name, after=now.place_name
            )
        )
    if before.cancelled != now.cancelled:
        changes.append(
            ScheduleChange(
                item=item, kind=ChangeKind.CANCELLED if now.cancelled else ChangeKind.RESTORED
            )
        )
    return changes


@transaction.atomic
def schedule_record(*, agenda: AgendaPage) -> list[ScheduleChange]:
    """Compare the agenda as just published with its last publication, record what changed and
    remember this publication. The first publication of an item records nothing."""
    items = list(AgendaItem.objects.filter(page=agenda).select_related("place"))
    snapshots = {
        snapshot.item_id: snapshot
        for snapshot in PublishedSchedule.objects.filter(item__in=items).select_for_update()
    }
    changes, fresh, updated = [], [], []
    for item in items:
        before = snapshots.get(item.pk)
        if before is None:
            fresh.append(_snapshot(item))
            continue
        found = _differences(item, before)
        if found:
            changes.extend(found)
            now = _snapshot(item)
            for name in ("date", "start", "end", "place_name", "cancelled"):
                setattr(before, name, getattr(now, name))
            updated.append(before)
    PublishedSchedule.objects.bulk_create(fresh)
    PublishedSchedule.objects.bulk_update(
        updated, ["date", "start", "end", "place_name", "cancelled"]
    )
    ScheduleChange.objects.bulk_create(changes)
    if changes:
        transaction.on_commit(_enqueue_batch)
    return changes


def _enqueue_batch() -> None:
    # A queue that can wait sends the batch a minute later, with every edit made meanwhile;
    # the immediate backend of development and tests sends at once.
    if send_schedule_changes.get_backend().supports_defer:
        send_schedule_changes.using(run_after=timezone.now() + BATCH_DELAY).enqueue()
    else:
        send_schedule_changes.enqueue()


def _edition_of(agenda: AgendaPage, editions: dict[str, EditionPage]) -> EditionPage | None:
    return editions.get(agenda.path[: -AgendaPage.steplen])


def _recipients(items: set[int], editions: dict[int, EditionPage], item_edition: dict[int, int]):
    """For each enrolment, the changed items that concern it: required ones for the whole
    cohort, starred and booked ones for whoever starred or booked them. Four queries."""
    concerned: dict[int, set[int]] = defaultdict(set)
    required = set(
        AgendaItem.objects.filter(pk__in=items, required=True).values_list("pk", flat=True)
    )
    enrolments = {
        enrolment.pk: enrolment
        for enrolment in Enrolment.objects.active()
        .filter(edition_id__in=set(item_edition.values()))
        .select_related("user")
    }
    for enrolment in enrolments.values():
        for item in required:
            if item_edition[item] == enrolment.edition_id:
                concerned[enrolment.pk].add(item)
    for model in (ItemStar, VisitSignup):
        for enrolment_pk, item_pk in model.objects.filter(item__in=items).values_list(
            "enrolment_id", "item_id"
        ):
            if enrolment_pk in enrolments:
                concerned[enrolment_pk].add(item_pk)
    return enrolments, concerned


@transaction.atomic
def schedule_changes_send(*, now: datetime.datetime | None = None) -> int:
    """Send every change not yet sent, one e-mail per concerned trainee; returns how many
    messages were queued. Changes are locked, so two workers never send the same batch."""
    now = now or timezone.now()
    pending = list(
        ScheduleChange.objects.select_for_update(skip_locked=True)
        .filter(notified_at__isnull=True)
        .select_related("item__page")
        .order_by("changed_at", "pk")
    )
    if not pending:
        return 0
    agendas = {change.item.page_id: change.item.page for change in pending}
    editions_by_path = {
        edition.path: edition
        for edition in EditionPage.objects.filter(
            path__in=[agenda.path[: -AgendaPage.steplen] for agenda in agendas.values()]
        )
    }
    item_edition = {}
    for change in pending:
        edition = _edition_of(change.item.page, editions_by_path)
        if edition is not None:
            item_edition[change.item_id] = edition.pk
    editions = {edition.pk: edition for edition in editions_by_path.values()}
    enrolments, concerned = _recipients(set(item_edition), editions, item_edition)
    by_item: dict[int, list[ScheduleChange]] = defaultdict(list)
    for change in pending:
        by_item[change.item_id].append(change)

    sent = 0
    for enrolment_pk, item_pks in concerned.items():
        enrolment = enrolments[enrolment_pk]
        edition = editions[enrolment.edition_id]
        rows = [
            (by_item[pk][0].item, by_item[pk])
            for pk in sorted(
                item_pks, key=lambda pk: (by_item[pk][0].item.date, by_item[pk][0].item.start)
            )
        ]
        agenda = rows[0][0].page
        context = {
            "person": enrolment.user,
            "edition": edition,
            "rows": rows,
            "agenda_url": page_absolute_url(agenda),
            "changelog_url": absolute_url(reverse("learning:agenda_changes", args=[edition.slug])),
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        subject = _("Changes to the agenda of %(edition)s") % {"edition": edition.title}
        body = render_to_string("learning/email/agenda_changes.txt", context)
        recipient = enrolment.user.email
        transaction.on_commit(
            lambda subject=subject, body=body, recipient=recipient: send_email.enqueue(
                subject=subject, body=body, recipients=[recipient]
            )
        )
        sent += 1
    ScheduleChange.objects.filter(pk__in=[change.pk for change in pending]).update(notified_at=now)
    return sent


@task()
def send_schedule_changes() -> int:
    return schedule_changes_send()


def record_on_publish(sender, instance, **kwargs) -> None:
    """``page_published`` receiver: the agenda's publication, scheduled or not, is compared."""
    if isinstance(instance, AgendaPage):
        schedule_record(agenda=instance)
