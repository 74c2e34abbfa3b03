"""The residential week: an edition's agenda page with its items, the places they happen in, and
what trainees do with an item (star it, sign up for a study visit, attend it). What people post
about an item goes to ``learning.urls``; the rules live in ``learning.agenda.services``."""

from __future__ import annotations

import datetime
import secrets
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from cms.models.base import BasePage

from ..agenda.forms import AgendaPageForm
from .records import Enrolment

# Letters and digits nobody confuses when reading them off a screen across a room.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6


def new_session_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name) for name in sorted(zoneinfo.available_timezones()) if "/" in name]


class Place(index.Indexed, models.Model):
    """A room of the venue or a site a study visit goes to."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    address = models.TextField(_("address"), blank=True, max_length=500)
    map_url = models.URLField(_("map link"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("address"), FieldPanel("map_url")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self) -> str:
        return self.name


class ItemKind(models.TextChoices):
    LECTURE = "lecture", _("Lecture and discussion")
    CASE_STUDY = "case_study", _("Case study")
    OPEN_SPACE = "open_space", _("Open-space debate")
    ROLE_PLAY = "role_play", _("Role play")
    STUDY_VISIT = "study_visit", _("Study visit")
    GROUP_WORK = "group_work", _("Group work")
    PLENARY = "plenary", _("Plenary")
    BREAK = "break", _("Break")


class AgendaPage(BasePage):
    """``/academy/<edition>/agenda/``: the residential week, one per edition. Public once
    published; starring, sign-up and check-in are for the edition's trainees and team."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    time_zone = models.CharField(
        _("time zone of the venue"),
        max_length=64,
        default=settings.TIME_ZONE,
        choices=time_zone_choices,
        help_text=_("Every start and end time of the agenda is read in this time zone."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("time_zone"),
        InlinePanel("items", heading=_("Agenda items"), label=_("Agenda item")),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    base_form_class = AgendaPageForm

    parent_page_types = ["learning.EditionPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "learning/agenda/agenda_page.html"

    class Meta:
        verbose_name = _("agenda")

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def get_context(self, request, *args, **kwargs):
        from ..agenda.page_state import AgendaFilters, agenda_page_state

        context = super().get_context(request, *args, **kwargs)
        context["page_state"] = agenda_page_state(
            user=request.user, agenda=self, filters=AgendaFilters.from_query(request.GET)
        )
        context["ItemKind"] = ItemKind
        return context


class AgendaItem(Orderable, ClusterableModel):
    page = ParentalKey(AgendaPage, on_delete=models.CASCADE, related_name="items")
    date = models.DateField(_("date"))
    start = models.TimeField(_("starts"))
    end = models.TimeField(_("ends"))
    kind = models.CharField(_("type"), max_length=20, choices=ItemKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    speakers = ParentalManyToManyField("cms.Person", verbose_name=_("speakers"), blank=True)
    place = models.ForeignKey(
        Place,
        verbose_name=_("room or place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    practice = models.ForeignKey(
        "cms.PracticePage",
        verbose_name=_("practice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The functioning practice a case study or study visit is about."),
    )
    prework = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("pre-work"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A module or lesson to finish before the session."),
    )
    materials = ParentalManyToManyField(
        "wagtaildocs.Document", verbose_name=_("materials"), blank=True
    )
    required = models.BooleanField(
        _("attendance required"),
        default=True,
        help_text=_("Required items count towards the residential phase."),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("For study visits with limited places; empty means no sign-up is needed."),
    )
    cancelled = models.BooleanField(_("cancelled"), default=False)
    session_code = models.CharField(
        _("check-in code"), max_length=CODE_LENGTH, default=new_session_code, editable=False
    )

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("start"), FieldPanel("end")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("place")]),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("speakers"),
        MultiFieldPanel(
            [FieldPanel("practice"), FieldPanel("prework"), FieldPanel("materials")],
            heading=_("Links"),
        ),
        FieldRowPanel([FieldPanel("required"), FieldPanel("capacity"), FieldPanel("cancelled")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("agenda item")
        ordering = ["date", "start", "sort_order"]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The item must end after it starts.")})
        if self.capacity is not None and self.kind != ItemKind.STUDY_VISIT:
            raise ValidationError({"capacity": _("Only study visits take sign-ups with places.")})

    def starts_at(self, tz: datetime.tzinfo) -> datetime.datetime:
        return datetime.datetime.combine(self.date, self.start, tzinfo=tz)

    def ends_at(self, tz: datetime.tzinfo) -> datetime.datetime:
        return datetime.datetime.combine(self.date, self.end, tzinfo=tz)

    @property
    def takes_signups(self) -> bool:
        return self.kind == ItemKind.STUDY_VISIT and self.capacity is not None


class ItemStar(models.Model):
    """A trainee put the item in their own agenda (and personal feed)."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="stars")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="stars")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("starred item")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "item"], name="one_star_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.item} starred"


class VisitSignup(models.Model):
    """A place taken on a study visit."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="signups")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="signups")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("study-visit sign-up")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "item"], name="one_signup_per_visit")
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.enrolment.user}"


class AttendanceSource(models.TextChoices):
    FACILITATOR = "facilitator", _("Checked in by a facilitator")
    CODE = "code", _("Checked in with the session code")


class Attendance(models.Model):
    """Whether a trainee was at an item: stored once per trainee and item."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendances")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="attendances")
    present = models.BooleanField(_("present"), default=True)
    source = models.CharField(_("recorded"), max_length=20, choices=AttendanceSource.choices)
    # Who checked the trainee in is only a name on the record: deleting them keeps it (SET_NULL).
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "item"], name="one_attendance_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.item}: {self.enrolment.user}"


class CalendarFeed(models.Model):
    """The secret address of a trainee's personal calendar; a new token retires the old one."""

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")

    def __str__(self) -> str:
        return f"Calendar feed of {self.enrolment}"


class PublishedSchedule(models.Model):
    """An item's time, place and status as last published: what the next publication is compared
    with. Drafts never touch it, so only changes people could have seen are reported."""

    item = models.OneToOneField(
        AgendaItem, on_delete=models.CASCADE, related_name="published_schedule"
    )
    date = models.DateField()
    start = models.TimeField()
    end = models.TimeField()
    place_name = models.CharField(max_length=150, blank=True)
    cancelled = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.item} as published"


class ChangeKind(models.TextChoices):
    TIME = "time", _("Time")
    PLACE = "place", _("Place")
    CANCELLED = "cancelled", _("Cancelled")
    RESTORED = "restored", _("Back on the agenda")


class ScheduleChange(models.Model):
    """One change to a published item, for the agenda's changelog and the trainees' e-mail;
    ``notified_at`` is set once the e-mail batch holding it has gone out."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(_("change"), max_length=20, choices=ChangeKind.choices)
    before = models.CharField(_("before"), max_length=200, blank=True)
    after = models.CharField(_("after"), max_length=200, blank=True)
    changed_at = models.DateTimeField(_("changed"), auto_now_add=True, db_index=True)
    notified_at = models.DateTimeField(_("notified"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("schedule change")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.item}: {self.get_kind_display()}"


__all__ = [
    "CODE_ALPHABET",
    "CODE_LENGTH",
    "AgendaItem",
    "AgendaPage",
    "Attendance",
    "AttendanceSource",
    "CalendarFeed",
    "ChangeKind",
    "ItemKind",
    "ItemStar",
    "Place",
    "PublishedSchedule",
    "ScheduleChange",
    "VisitSignup",
    "new_feed_token",
    "new_session_code",
    "time_zone_choices",
]
