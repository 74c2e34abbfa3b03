"""The moderators' and flaggers' forms: they parse what was posted; the verbs decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import MAX_TITLE_LENGTH, FlagReason, Forum
from .log import MAX_REASON_LENGTH

PIN, UNPIN, LOCK, UNLOCK, MOVE = "pin", "unpin", "lock", "unlock", "move"
RETITLE = "retitle"
HIDE, KEEP = "hide", "keep"


class TopicModerationForm(forms.Form):
    action = forms.ChoiceField(
        label=_("What to do"),
        choices=[
            (PIN, _("Pin the topic")),
            (UNPIN, _("Unpin the topic")),
            (LOCK, _("Lock the topic")),
            (UNLOCK, _("Unlock the topic")),
            (MOVE, _("Move the topic")),
            (RETITLE, _("Rename the topic")),
        ],
        error_messages={"required": _("Choose what to do with the topic.")},
    )
    forum = forms.CharField(label=_("Move to"), required=False, widget=forms.Select)
    title = forms.CharField(label=_("New title"), required=False, max_length=MAX_TITLE_LENGTH)
    reason = forms.CharField(
        label=_("Reason (kept in the log; needed to rename the topic)"),
        required=False,
        max_length=MAX_REASON_LENGTH,
    )

    def __init__(self, *args, targets: list[Forum], **kwargs):
        super().__init__(*args, **kwargs)
        self.targets = {forum.slug: forum for forum in targets}
        self.fields["forum"].widget.choices = [("", _("Choose a forum"))] + [
            (forum.slug, forum.name) for forum in targets
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == MOVE:
            slug = cleaned.get("forum")
            if slug not in self.targets:
                self.add_error("forum", _("Choose the forum to move the topic to."))
            else:
                cleaned["target"] = self.targets[slug]
        if cleaned.get("action") == RETITLE:
            if not cleaned.get("title", "").strip():
                self.add_error("title", _("Write the topic's new title."))
            if not cleaned.get("reason", "").strip():
                self.add_error("reason", _("Say why you rename the topic; the log keeps it."))
        return cleaned


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for hiding (kept in the log)"),
        max_length=MAX_REASON_LENGTH,
        error_messages={"required": _("Say why you hide the post; the log keeps it.")},
    )


class RestoreForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional, kept in the log)"),
        required=False,
        max_length=MAX_REASON_LENGTH,
    )


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with this post?"),
        choices=FlagReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what is wrong with the post.")},
    )
    note = forms.CharField(
        label=_("Anything the moderators should know (optional)"),
        required=False,
        max_length=MAX_REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ResolveForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[(HIDE, _("Hide the post")), (KEEP, _("Keep the post"))],
        error_messages={"required": _("Choose to hide the post or to keep it.")},
    )
    reason = forms.CharField(required=False, max_length=MAX_REASON_LENGTH)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == HIDE and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Say why you hide the post; the log keeps it."))
        return cleaned
