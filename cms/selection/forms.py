"""Forms of the selection pipeline: the public nomination, the checks, the review, decisions."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.models import PolicyField
from cms.text import one_per_line

from .models import DOCUMENT_EXTENSIONS, NOMINATION_FIELDS, Criterion, Nomination, Review
from .uploads import document_kind

MAX_DOCUMENTS = 3
MAX_DOCUMENT_SIZE = 10 * 1024 * 1024
MAX_LINKS = 10

YES_NO_UNKNOWN = [("", _("Not checked yet")), ("yes", _("Yes")), ("no", _("No"))]
# For (c) and (d), which the nominator's answers decide unless a reviewer settles them.
VERDICTS = [
    ("", _("As the nominator's answers say")),
    ("yes", _("Met")),
    ("no", _("Not met")),
]
YES_NO_NOT_SURE = [("yes", _("Yes")), ("no", _("No")), ("not_sure", _("I am not sure"))]


def _to_bool(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def _from_bool(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _nominator_answer(label, *, help_text) -> forms.TypedChoiceField:
    """A nominator's yes / no / not sure on one pre-requisite; "not sure" is kept as None, which
    leaves the question to a reviewer."""
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO_NOT_SURE,
        coerce=_to_bool,
        widget=forms.RadioSelect,
        help_text=help_text,
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input, as Django's documentation suggests."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.docx,.odt"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class NominationForm(forms.ModelForm):
    policy_fields = forms.ModelMultipleChoiceField(
        label=_("Policy fields"),
        queryset=PolicyField.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one policy field.")},
    )
    ongoing = forms.BooleanField(
        label=_("The practice is still running"),
        required=False,
    )
    local_level = _nominator_answer(
        _("Is the practice run at local level (a city, municipality or district)?"),
        help_text=_(
            "We look for measures run by or in one city or area, not national programmes. "
            "If you are not sure, say so: a reviewer will look into it."
        ),
    )
    involves_public_authorities = _nominator_answer(
        _("Is a public authority involved in the practice?"),
        help_text=_(
            "For example a city council or one of its departments, a district office or a "
            "regional agency that runs, funds or commissions the practice."
        ),
    )
    documents = MultipleFileField(
        label=_("Documents"),
        required=False,
        help_text=_("Up to three files in PDF, DOCX or ODT format, 10 MB each at most."),
    )
    # A field people never see: software that fills in every input gives itself away.
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    class Meta:
        model = Nomination
        # Where the policy fields stand among the questions is field_order's to say.
        fields = [*NOMINATION_FIELDS, "policy_fields"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
            "public_authorities": forms.Textarea(attrs={"rows": 3}),
            "links": forms.Textarea(attrs={"rows": 3}),
            "goals": forms.Textarea(attrs={"rows": 5}),
            "description": forms.Textarea(attrs={"rows": 8}),
            "results": forms.Textarea(attrs={"rows": 5}),
            "funding": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {
            "is_self_nomination": _("I work on this practice (a self-nomination)"),
            "public_authorities": _("Which public authorities are involved, and how?"),
            "start_date": _("When did the practice start working with people?"),
            "start_date_is_approximate": _("I know only the month or the year it started"),
            "end_date": _("When did it end?"),
            "goals": _(
                "What does the practice want to change for people with a migrant background?"
            ),
        }
        help_texts = {
            "public_authorities": _(
                "Needed if you answered yes. One per line, for example: “City council, "
                "department of social affairs: funds the staff”."
            ),
            "start_date": _(
                "We look for practices with at least two years of work behind them. If you know "
                "only the month or the year, give its first day and tick the box below."
            ),
            "start_date_is_approximate": "",
            "links": _("Web addresses, one per line."),
            "end_date": _(
                "Practices that ended more than two years ago cannot be chosen. Leave this empty "
                "and tick the box below if the practice is still running."
            ),
            "goals": _(
                "Its aims for people with a migrant background, whether it serves only them or "
                "everyone."
            ),
        }

    field_order = [
        "practice_name",
        "city",
        "country",
        "local_level",
        "lead_organisation",
        "involves_public_authorities",
        "public_authorities",
        "policy_fields",
        "start_date",
        "start_date_is_approximate",
        "end_date",
        "ongoing",
    ]

    def clean_start_date(self):
        start = self.cleaned_data["start_date"]
        if start > timezone.localdate():
            raise ValidationError(_("The start date cannot be in the future."))
        return start

    def clean_links(self):
        links = one_per_line(self.cleaned_data["links"])
        if len(links) > MAX_LINKS:
            raise ValidationError(_("Give at most %(count)d links.") % {"count": MAX_LINKS})
        validate = URLValidator(schemes=["http", "https"])
        for link in links:
            try:
                validate(link)
            except ValidationError:
                raise ValidationError(
                    _("“%(link)s” is not a web address; start it with https://.") % {"link": link}
                ) from None
        return "\n".join(links)

    def clean_documents(self):
        files = self.cleaned_data.get("documents") or []
        if len(files) > MAX_DOCUMENTS:
            raise ValidationError(_("Attach at most %(count)d files.") % {"count": MAX_DOCUMENTS})
        for upload in files:
            extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
            if extension not in DOCUMENT_EXTENSIONS:
                raise ValidationError(
                    _("“%(name)s” is not a PDF, DOCX or ODT file.") % {"name": upload.name}
                )
            if upload.size > MAX_DOCUMENT_SIZE:
                raise ValidationError(
                    _("“%(name)s” is %(size)s; each file may be 10 MB at most.")
                    % {"name": upload.name, "size": filesizeformat(upload.size)}
                )
            # The name and the type the browser sends are the sender's word; the bytes are not.
            kind = document_kind(upload)
            if kind is None or kind.extension != extension:
                raise ValidationError(
                    _(
                        "“%(name)s” is not really a %(kind)s file: its content is of another "
                        "kind. Save it again as %(kind)s (or as PDF) and attach it again."
                    )
                    % {"name": upload.name, "kind": extension.upper()}
                )
        return files

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        ongoing = cleaned.get("ongoing")
        if end and ongoing:
            self.add_error("end_date", _("Give an end date or tick “still running”, not both."))
        elif not end and not ongoing and "end_date" not in self.errors:
            self.add_error("end_date", _("Give the end date, or tick “still running”."))
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        involved = cleaned.get("involves_public_authorities")
        named = cleaned.get("public_authorities", "").strip()
        if involved is True and not named and "public_authorities" not in self.errors:
            self.add_error(
                "public_authorities",
                _("Name the public authorities involved, one per line."),
            )
        elif involved is False and named:
            self.add_error(
                "public_authorities",
                _(
                    "You answered that no public authority is involved: clear this field, or "
                    "change the answer above."
                ),
            )
        return cleaned

    def full_clean(self):
        super().full_clean()
        # Tie each error message (and the help text) to its input for screen readers.
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            ids = [f"{bound.auto_id}-errors"]
            if self.fields[name].help_text:
                ids.insert(0, f"{bound.auto_id}_helptext")
            self.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get("website"))

    def nomination_data(self) -> dict:
        """The answers the nomination keeps in its own columns (see ``NOMINATION_FIELDS``)."""
        return {name: self.cleaned_data[name] for name in NOMINATION_FIELDS}


def _check_answer(label, choices, help_text="") -> forms.TypedChoiceField:
    """A reviewer's yes / no / not known on one pre-requisite."""
    return forms.TypedChoiceField(
        label=label,
        choices=choices,
        coerce=_to_bool,
        empty_value=None,
        required=False,
        help_text=help_text,
    )


def _check_note(label) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class CheckForm(forms.Form):
    clear_goals = _check_answer(
        _("(a) Clear integration goals for people with a migrant background"), YES_NO_UNKNOWN
    )
    clear_goals_note = _check_note(_("Note on (a)"))
    local_level = _check_answer(_("(b) Carried out at local level"), YES_NO_UNKNOWN)
    local_level_note = _check_note(_("Note on (b)"))

    authorities_verdict = _check_answer(
        _("(c) Involves public authorities"),
        VERDICTS,
        help_text=_("Settle it when the nominator was not sure or the answer is wrong."),
    )
    authorities_note = _check_note(_("Note on (c)"))
    dates_verdict = _check_answer(
        _("(d) Live or recently ended, with two years of implementation"),
        VERDICTS,
        help_text=_("Settle it when the start date is only approximate or the dates are wrong."),
    )
    dates_note = _check_note(_("Note on (d)"))

    @classmethod
    def for_nomination(cls, nomination: Nomination, data=None) -> "CheckForm":
        return cls(
            data,
            initial={
                "clear_goals": _from_bool(nomination.clear_goals),
                "clear_goals_note": nomination.clear_goals_note,
                "local_level": _from_bool(nomination.local_level),
                "local_level_note": nomination.local_level_note,
                "authorities_verdict": _from_bool(nomination.authorities_verdict),
                "authorities_note": nomination.authorities_note,
                "dates_verdict": _from_bool(nomination.dates_verdict),
                "dates_note": nomination.dates_note,
            },
        )


SCORE_ERRORS = {"invalid_choice": _("Give a score from 1 to 5."), "required": _("Give a score.")}


class ReviewForm(forms.ModelForm):
    class Meta:
        model = Review
        fields = [*[criterion.value for criterion in Criterion], "comment"]
        widgets = {
            **{criterion.value: forms.RadioSelect for criterion in Criterion},
            "comment": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {criterion.value: SCORE_ERRORS for criterion in Criterion}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each feature with what it means and what each score means, from the one definition
        # the ranking, the export and the practice profiles read too.
        for criterion in Criterion:
            field = self.fields[criterion.value]
            field.label = criterion.label
            field.help_text = criterion.description
            field.choices = [(score, f"{score}: {meaning}") for score, meaning in criterion.scale]
            field.error_messages.update(SCORE_ERRORS)


class DecisionAction(models.TextChoices):
    """What an editor does to a long-listed nomination's place on the proposed short list."""

    PIN = "pin", _("Pin to the short list")
    EXCLUDE = "exclude", _("Exclude")
    CLEAR = "clear", _("Clear")


class DecisionForm(forms.Form):
    action = forms.TypedChoiceField(
        choices=DecisionAction.choices,
        coerce=DecisionAction,
        widget=forms.RadioSelect,
        label=_("Decision"),
    )
    reason = forms.CharField(
        label=_("Reason"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        cleaned = super().clean()
        needs_reason = cleaned.get("action") in {DecisionAction.PIN, DecisionAction.EXCLUDE}
        if needs_reason and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Give a reason for pinning or excluding."))
        return cleaned
