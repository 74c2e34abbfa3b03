"""The application form: what a member tells the facilitators when they apply to an edition."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Enrolment

FIELDS = ["organisation", "role", "city", "country", "motivation"]


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = Enrolment
        fields = FIELDS
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
        return {name: self.cleaned_data[name] for name in FIELDS}
