"""The form of the member's notification settings: how often they want e-mail, whether posting
watches a topic, and one level per forum and per topic listed; ``preferences`` saves it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from ..models import EmailFrequency, Forum, Level, Topic


class PreferencesForm(forms.Form):
    email_frequency = forms.ChoiceField(
        label=gettext_lazy("E-mail about notifications"),
        choices=EmailFrequency.choices,
        widget=forms.RadioSelect,
    )
    watch_on_post = forms.BooleanField(
        label=gettext_lazy("Watch the topics I start or reply to"),
        help_text=gettext_lazy("You then hear of every new post in them, until you change it."),
        required=False,
    )

    def __init__(
        self,
        *args,
        forum_levels: list[tuple[Forum, str]],
        topic_levels: list[tuple[Topic, str]],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        # Not required: a forum or topic that appeared since the page was shown keeps its level.
        self.forums = [self._level_field("forum", forum, level) for forum, level in forum_levels]
        self.topics = [self._level_field("topic", topic, level) for topic, level in topic_levels]

    def _level_field(self, kind: str, target: Forum | Topic, level: str):
        name = f"{kind}_{target.pk}"
        self.fields[name] = forms.ChoiceField(
            label=str(target), choices=Level.choices, initial=level, required=False
        )
        return target, name

    def forum_fields(self):
        return [(forum, self[name]) for forum, name in self.forums]

    def topic_fields(self):
        return [(topic, self[name]) for topic, name in self.topics]

    def _chosen(self, targets) -> dict[int, str]:
        return {
            target.pk: self.cleaned_data[name]
            for target, name in targets
            if self.cleaned_data[name]
        }

    def levels(self) -> dict[int, str]:
        return self._chosen(self.forums)

    def topic_levels(self) -> dict[int, str]:
        return self._chosen(self.topics)
