"""The agenda's forms: the admin form of an agenda page, which checks its items together for two
in one room at the same time, and the session code a trainee types to check in."""

from __future__ import annotations

from types import SimpleNamespace

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

__all__ = ["AgendaPageForm", "CheckInCodeForm", "overlaps"]


def overlaps(items) -> list[tuple[object, str]]:
    """Items (or their form data, as objects with the same attributes) that share a room at the
    same time, each with the message saying so: (the later item, message)."""
    timed = [
        item
        for item in items
        if item.date and item.start and item.end and item.place and not item.cancelled
    ]
    clashes = []
    for position, item in enumerate(timed):
        for other in timed[position + 1 :]:
            if (
                item.place == other.place
                and item.date == other.date
                and item.start < other.end
                and other.start < item.end
            ):
                clashes.append(
                    (
                        other,
                        _(
                            "“%(first)s” and “%(second)s” overlap in %(place)s on %(date)s: "
                            "move one of them or choose another place."
                        )
                        % {
                            "first": item.title,
                            "second": other.title,
                            "place": item.place,
                            "date": item.date.isoformat(),
                        },
                    )
                )
    return clashes


class AgendaPageForm(WagtailAdminPageForm):
    """Checks the items together: the page's own ``clean`` runs before the inline items are
    attached to it, so the overlap check reads the items' forms here."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("items")
        if formset is None:
            return cleaned
        formset.is_valid()  # clean the item forms first: their data is compared here
        rows = []
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            rows.append((form, SimpleNamespace(**data)))
        by_row = {id(row): form for form, row in rows}
        for row, message in overlaps([row for _form, row in rows]):
            by_row[id(row)].add_error("start", message)
            self.add_error(None, message)
        return cleaned


class CheckInCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Session code"),
        max_length=12,
        help_text=_("The code a facilitator shows in the room."),
        error_messages={"required": _("Type the code shown in the room.")},
    )
