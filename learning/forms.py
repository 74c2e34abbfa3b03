"""The learning app's forms: what a trainee posts inside a lesson (a reflection, an answer sheet),
the application form, the cohort page's filters and decisions, and the note of the admin's bulk
decisions; the agenda's forms are in ``learning.agenda.forms``. The rules (limits, capacity, which
options belong to which question) stay in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MAX_REFLECTION_LENGTH, Enrolment, EnrolmentStatus, Phase

# Inside a lesson -------------------------------------------------------------------------------

ANSWER_PREFIX = "answer-"


class ReflectionForm(forms.Form):
    # No max_length here: the service refuses an over-long answer with a message that gives the
    # limit and the length, and the trainee keeps their text in the browser's history.
    text = forms.CharField(label=_("Your reflection"), widget=forms.Textarea, required=False)
    shared = forms.BooleanField(label=_("Share with the facilitators"), required=False)


def answer_field_name(question_id: str) -> str:
    return f"{ANSWER_PREFIX}{question_id}"


def check_answers(data) -> dict[str, list[str]]:
    """Question id to the chosen option ids, for every ``answer-<question id>`` field posted.

    Unknown question ids are passed on so that grading refuses the sheet rather than ignoring
    part of it."""
    return {
        key.removeprefix(ANSWER_PREFIX): [value for value in data.getlist(key) if value]
        for key in data
        if key.startswith(ANSWER_PREFIX)
    }


# Applying to an edition ------------------------------------------------------------------------

APPLICATION_FIELDS = ["organisation", "role", "city", "country", "motivation"]


class ApplicationForm(forms.ModelForm):
    """What a member tells the facilitators when they apply to an edition."""

    class Meta:
        model = Enrolment
        fields = APPLICATION_FIELDS
        labels = {
            "organisation": _("Organisation"),
            "role": _("Your role"),
            "city": _("City"),
            "country": _("Country"),
            "motivation": _("Why do you want to take part?"),
        }
        help_texts = {
            "organisation": _("The city, agency or association you work for."),
            "motivation": _("A few sentences on your work and what you hope to take back to it."),
        }
        widgets = {"motivation": forms.Textarea(attrs={"rows": 6})}

    def application_data(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in APPLICATION_FIELDS}


# The cohort page -------------------------------------------------------------------------------

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
    incomplete = forms.ChoiceField(
        label=_("Phase not done"),
        required=False,
        choices=[("", _("Any progress")), *Phase.choices],
    )
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


class ApplicationDecisionForm(forms.Form):
    """Accept or decline one application on the cohort page."""

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


DECISIONS = [("accept", _("Accept")), ("decline", _("Decline"))]


class ReflectionFilterForm(forms.Form):
    waiting = forms.BooleanField(label=_("Only those that need feedback"), required=False)

    def value_of(self, name: str):
        self.is_valid()
        return self.cleaned_data.get(name) or ""


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


# The admin -------------------------------------------------------------------------------------


class BulkDecisionForm(forms.Form):
    """The note sent to every applicant accepted or declined together in the admin."""

    note = forms.CharField(
        label=_("Note to the applicants"),
        required=False,
        max_length=Enrolment._meta.get_field("decision_note").max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Included in the e-mail each applicant receives. Optional."),
    )


class CohortBulkDecisionForm(BulkDecisionForm):
    """Accept or decline several applications of one edition at once on the cohort page."""

    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS)
    enrolments = forms.ModelMultipleChoiceField(
        label=_("Applications"),
        queryset=Enrolment.objects.none(),
        error_messages={
            "required": _("Tick at least one application first."),
            "invalid_choice": _("One of the ticked applications has been decided already."),
            "invalid_pk_value": _("One of the ticked applications has been decided already."),
        },
    )

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        # Only this edition's waiting applications can be ticked: any other id is refused.
        self.fields["enrolments"].queryset = (
            Enrolment.objects.pending().filter(edition=edition).select_related("user", "edition")
        )
