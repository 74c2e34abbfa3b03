"""Forms of the cohort page: its filters (read from the query string), a decision on an
application, residential attendance and feedback on a reflection."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MAX_REFLECTION_LENGTH, Enrolment, EnrolmentStatus

SEARCH_MAX_LENGTH = 100
STATUS_CHOICES = [
    ("", _("Any status")),
    (EnrolmentStatus.ACCEPTED, _("In progress")),
    (EnrolmentStatus.COMPLETED, _("Completed")),
]


class CohortFilterForm(forms.Form):
    """The cohort's filters and sort order. Each value is checked on its own, so one bad
    parameter in a shared link is dropped while the others still apply."""

    q = forms.CharField(
        label=_("Name or organisation"), required=False, max_length=SEARCH_MAX_LENGTH
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_CHOICES)
    country = forms.ChoiceField(label=_("Country"), required=False)
    sort = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)

    def __init__(self, *args, countries: list[str], sort_keys: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [
            ("", _("Any country")),
            *[(country, country) for country in countries],
        ]
        self.sort_keys = sort_keys

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data["q"].split())

    def clean_sort(self) -> str:
        value = self.cleaned_data["sort"]
        if value.removeprefix("-") not in self.sort_keys:
            raise forms.ValidationError(_("Unknown sort order."))
        return value

    def value_of(self, name: str) -> str:
        """The cleaned value, or empty when the parameter was missing or invalid."""
        self.is_valid()
        return self.cleaned_data.get(name) or ""


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("accept", _("Accept")), ("decline", _("Decline"))]
    )
    note = forms.CharField(
        label=_("Note to the applicant"),
        required=False,
        max_length=Enrolment._meta.get_field("decision_note").max_length,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Sent with the e-mail. Optional."),
    )


class AttendanceForm(forms.Form):
    attended = forms.TypedChoiceField(
        choices=[("1", _("Attended")), ("0", _("Not attended"))],
        coerce=lambda value: value == "1",
    )


class FeedbackForm(forms.Form):
    text = forms.CharField(
        label=_("Your feedback"),
        max_length=MAX_REFLECTION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write some feedback before sending it.")},
    )
