"""The forms members write in: a new topic, a reply, an edit. They only carry the words; the rules
(required, lengths, posting limits) are ``community.posting``'s, whose messages the forms show."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import MAX_POST_LENGTH, MAX_TITLE_LENGTH

MARKDOWN_HELP = _(
    "Markdown works: **bold**, *italic*, [a link](https://example.org), lists, > quotes and "
    "`code`. Mention a member with @ and their handle."
)


def _message(label) -> forms.CharField:
    # Not required and no max_length here: posting refuses an empty or over-long message
    # with a message of its own, and the text stays in the form.
    return forms.CharField(
        label=label,
        required=False,
        strip=False,
        help_text=MARKDOWN_HELP,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": MAX_POST_LENGTH}),
    )


class ServiceErrorsMixin:
    def add_service_error(self, error: ValidationError) -> None:
        """Show a service's refusal: on its field when it names one of ours, else above."""
        if hasattr(error, "error_dict"):
            for name, errors in error.error_dict.items():
                self.add_error(name if name in self.fields else None, errors)
        else:
            self.add_error(None, error)


class TopicForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(
        label=_("Title"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": MAX_TITLE_LENGTH}),
        help_text=_("A question or a short summary, so that peers know what it is about."),
    )
    source = _message(_("Message"))


class ReplyForm(ServiceErrorsMixin, forms.Form):
    source = _message(_("Your reply"))
    quoted = forms.CharField(required=False, widget=forms.HiddenInput)


class PostEditForm(ServiceErrorsMixin, forms.Form):
    source = _message(_("Message"))
