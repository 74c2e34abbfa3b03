"""Parsing what a trainee posts from inside a lesson: a reflection, and an answer sheet for a
knowledge check. The rules (limits, which options belong to which question) stay in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

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
