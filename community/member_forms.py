"""The forms of member profiles: the member's own profile, and the directory's filters. They
check what was typed or sent; the profile is saved by ``community.member_services``."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from .member_selectors import DirectoryChoices, DirectoryFilters
from .member_services import HANDLE, HANDLE_MAX_LENGTH, RESERVED_HANDLES, check_photo
from .models import MemberProfile, Visibility

MAX_TAGS = 12
MAX_TAG_LENGTH = 50

VISIBILITY_EXPLANATIONS = {
    Visibility.ALUMNI: _(
        "Alumni of any edition, facilitators and the site's editors see your profile and find "
        "you in the directory. Trainees and other members do not."
    ),
    Visibility.MEMBERS: _(
        "Everyone signed in to the community sees your profile and finds you in the directory."
    ),
    Visibility.HIDDEN: _(
        "You are not in the directory and nobody can open your profile, apart from the site's "
        "editors. Your posts still show your display name."
    ),
}


def _model_max(name: str) -> int:
    return MemberProfile._meta.get_field(name).max_length


def split_tags(value: str) -> list[str]:
    """Comma-separated areas of expertise, tidied, each once whatever its case."""
    found: dict[str, str] = {}
    for part in value.split(","):
        name = " ".join(part.split()).strip(" \"'")
        if name:
            found.setdefault(name.casefold(), name)
    return list(found.values())


class ProfileForm(forms.Form):
    # Set when the page comes back with errors after a photo was chosen: it has to be chosen again.
    photo_not_kept = False

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=_model_max("display_name"),
        help_text=_("How your name shows on your posts and in the directory."),
        error_messages={"required": _("Give the name others will know you by.")},
    )
    handle = forms.CharField(
        label=_("Handle"),
        max_length=HANDLE_MAX_LENGTH + 1,  # room for a leading @, which is dropped
        help_text=_(
            "Others mention you as @handle, and your profile's address ends with it: lower-case "
            "letters, digits and single hyphens, 2 to 40 characters. Earlier mentions of an old "
            "handle no longer lead to you."
        ),
        error_messages={"required": _("Choose a handle.")},
    )
    organisation = forms.CharField(
        label=_("Organisation"), max_length=_model_max("organisation"), required=False
    )
    role = forms.CharField(label=_("Role"), max_length=_model_max("role"), required=False)
    city = forms.CharField(label=_("City"), max_length=_model_max("city"), required=False)
    country = forms.CharField(label=_("Country"), max_length=_model_max("country"), required=False)
    expertise = forms.CharField(
        label=_("Areas of expertise"),
        required=False,
        max_length=MAX_TAGS * (MAX_TAG_LENGTH + 2),
        help_text=_("Separate them with commas, e.g. housing support, language courses. Up to 12."),
        widget=forms.TextInput(attrs={"list": "expertise-suggestions", "autocomplete": "off"}),
    )
    bio = forms.CharField(
        label=_("Short bio"),
        required=False,
        max_length=_model_max("bio"),
        help_text=_("Plain text, up to 1,000 characters. Line breaks are kept."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("A JPEG, PNG or WebP picture of up to 2 MB. It is cropped to a square."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_photo = forms.BooleanField(label=_("Remove my photo"), required=False)
    visibility = forms.ChoiceField(
        label=_("Who sees your profile"),
        choices=Visibility.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only a plain file input: the "clear" box of Django's widget is our remove_photo.
        self.fields["photo"].widget = forms.FileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp"}
        )

    @property
    def visibility_options(self) -> list[tuple[str, str, str, bool]]:
        """Each choice with its explanation: (value, label, explanation, chosen)."""
        chosen = str(self["visibility"].value() or "")
        return [
            (value, label, VISIBILITY_EXPLANATIONS[value], value == chosen)
            for value, label in Visibility.choices
        ]

    def clean_display_name(self) -> str:
        name = " ".join(self.cleaned_data["display_name"].split())
        if not name:
            raise forms.ValidationError(_("Give the name others will know you by."))
        return name

    def clean_handle(self) -> str:
        handle = self.cleaned_data["handle"].strip().removeprefix("@").lower()
        if len(handle) > HANDLE_MAX_LENGTH:
            raise forms.ValidationError(_("Keep your handle to 40 characters or fewer."))
        if not HANDLE.match(handle):
            raise forms.ValidationError(
                _(
                    "Use lower-case letters and digits, with single hyphens between them "
                    "(not at the start or the end), 2 to 40 characters: e.g. anna-berg."
                )
            )
        if handle in RESERVED_HANDLES:
            raise forms.ValidationError(
                _("“%(handle)s” is kept for the site itself; choose another handle."),
                params={"handle": handle},
            )
        return handle

    def clean_organisation(self) -> str:
        return " ".join(self.cleaned_data["organisation"].split())

    def clean_role(self) -> str:
        return " ".join(self.cleaned_data["role"].split())

    def clean_city(self) -> str:
        return " ".join(self.cleaned_data["city"].split())

    def clean_country(self) -> str:
        return " ".join(self.cleaned_data["country"].split())

    def clean_expertise(self) -> list[str]:
        tags = split_tags(self.cleaned_data["expertise"])
        if len(tags) > MAX_TAGS:
            raise forms.ValidationError(
                _("Choose up to %(count)d areas of expertise; you gave %(given)d."),
                params={"count": MAX_TAGS, "given": len(tags)},
            )
        wordless = [tag for tag in tags if not any(letter.isalnum() for letter in tag)]
        if wordless:
            raise forms.ValidationError(
                _("Each area of expertise needs words: “%(tag)s” has none."),
                params={"tag": wordless[0]},
            )
        too_long = [tag for tag in tags if len(tag) > MAX_TAG_LENGTH]
        if too_long:
            raise forms.ValidationError(
                _("Keep each area of expertise to %(count)d characters: “%(tag)s” is longer."),
                params={"count": MAX_TAG_LENGTH, "tag": too_long[0]},
            )
        return tags

    def clean_bio(self) -> str:
        return self.cleaned_data["bio"].replace("\r\n", "\n").strip()

    def clean_photo(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("photo")
        if upload:
            check_photo(upload)
        return upload or None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("photo") and cleaned.get("remove_photo"):
            self.add_error(
                "remove_photo",
                _("Either upload a new photo or remove the one you have, not both at once."),
            )
        if self.errors and self.files.get("photo") and "photo" not in self.errors:
            # A browser cannot keep a chosen file across a page that comes back with errors.
            self.photo_not_kept = True
        return cleaned

    def profile_data(self) -> dict:
        """The cleaned values, as ``member_services.profile_update`` takes them."""
        return {
            name: self.cleaned_data[name]
            for name in (
                "display_name",
                "handle",
                "organisation",
                "role",
                "city",
                "country",
                "expertise",
                "bio",
                "visibility",
                "photo",
                "remove_photo",
            )
        }


SEARCH_MAX_LENGTH = 100


class DirectoryFilterForm(forms.Form):
    """The directory's filters, whose choices come from the profiles the viewer may see. Each
    value is checked on its own: one that is not (or no longer) offered is dropped while the
    others still apply."""

    q = forms.CharField(
        label=_("Name or organisation"), required=False, max_length=SEARCH_MAX_LENGTH
    )
    city = forms.ChoiceField(label=_("City"), required=False)
    country = forms.ChoiceField(label=_("Country"), required=False)
    tag = forms.ChoiceField(label=_("Area of expertise"), required=False)
    edition = forms.TypedChoiceField(label=_("Edition"), required=False, coerce=int)

    def __init__(self, *args, choices: DirectoryChoices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].choices = [("", _("Any city")), *[(c, c) for c in choices.cities]]
        self.fields["country"].choices = [
            ("", _("Any country")),
            *[(c, c) for c in choices.countries],
        ]
        self.fields["tag"].choices = [("", _("Any area")), *choices.tags]
        self.fields["edition"].choices = [("", _("Any edition")), *choices.editions]

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data["q"].split())

    def filters(self) -> DirectoryFilters:
        self.is_valid()
        data = self.cleaned_data
        return DirectoryFilters(
            q=data.get("q") or "",
            city=data.get("city") or "",
            country=data.get("country") or "",
            tag=data.get("tag") or "",
            edition=data.get("edition") or None,
        )
