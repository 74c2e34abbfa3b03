"""Writes for member profiles: a member saves their own profile (details, areas of expertise,
photo and visibility). Photos are decoded and written anew as a square of fixed size, so what is
stored is always a clean picture of known dimensions, without the original's metadata."""

from __future__ import annotations

import io
import re
import secrets

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from cms.accounts.types import AnyUser

from .models import ExpertiseTag, MemberProfile, Visibility
from .profiles import profile_for

# A handle is what follows @ in a mention (community.markup.MENTION): lower-case letters and
# digits, single hyphens between them, 2 to 40 characters.
HANDLE = re.compile(r"^[a-z0-9](?:-?[a-z0-9])+$")
HANDLE_MAX_LENGTH = 40

# Handles nobody may take: they would read as the site speaking, or as a mention of everyone.
RESERVED_HANDLES = frozenset(
    {
        "about",
        "academy",
        "account",
        "accounts",
        "admin",
        "administrator",
        "all",
        "anonymous",
        "community",
        "editor",
        "editors",
        "everybody",
        "everyone",
        "facilitator",
        "facilitators",
        "help",
        "here",
        "me",
        "member",
        "members",
        "moderator",
        "moderators",
        "new",
        "nobody",
        "noreply",
        "no-reply",
        "null",
        "postmaster",
        "profile",
        "root",
        "security",
        "staff",
        "support",
        "system",
        "team",
        "webmaster",
    }
)

PHOTO_MAX_BYTES = 2 * 1024 * 1024
PHOTO_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
# Larger pictures are refused before they are decoded: a small file can hold a huge image.
PHOTO_MAX_PIXELS = 40_000_000


def check_photo(upload: UploadedFile) -> None:
    """A photo must be a real JPEG, PNG or WebP image of at most 2 MB, whatever its name says:
    Pillow reads its header, verifies it, then decodes it whole."""
    if upload.size > PHOTO_MAX_BYTES:
        raise ValidationError(
            _("This photo is %(size)s; choose one of 2 MB or less."),
            params={"size": f"{upload.size / 1024 / 1024:.1f} MB"},
            code="too_large",
        )
    not_an_image = ValidationError(
        _("This file is not a JPEG, PNG or WebP picture. Choose a photo in one of those formats."),
        code="invalid_image",
    )
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            if image.format not in PHOTO_FORMATS:
                raise not_an_image
            width, height = image.size
            if width * height > PHOTO_MAX_PIXELS:
                raise ValidationError(
                    _("This picture is too large (%(width)d × %(height)d pixels)."),
                    params={"width": width, "height": height},
                    code="too_many_pixels",
                )
            image.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise not_an_image from None
    finally:
        upload.seek(0)


PHOTO_SIZE = 400  # pixels, the side of the stored square
_EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def square_photo(upload: UploadedFile) -> ContentFile:
    """The picture cropped to its centre and scaled to a square of ``PHOTO_SIZE``, in its own
    format, under a random name (the uploaded name is never used)."""
    check_photo(upload)
    upload.seek(0)
    with Image.open(upload) as original:
        kind = original.format
        picture = ImageOps.exif_transpose(original)
        has_alpha = picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info
        if kind == "JPEG" or not has_alpha:
            picture = picture.convert("RGB")
        else:
            picture = picture.convert("RGBA")
        picture = ImageOps.fit(picture, (PHOTO_SIZE, PHOTO_SIZE), Image.Resampling.LANCZOS)
        output = io.BytesIO()
        options = {"quality": 85} if kind in ("JPEG", "WEBP") else {"optimize": True}
        picture.save(output, format=kind, **options)
    return ContentFile(output.getvalue(), name=f"{secrets.token_hex(10)}.{_EXTENSIONS[kind]}")


def _check_handle(handle: str, profile: MemberProfile) -> None:
    if not HANDLE.match(handle) or len(handle) > HANDLE_MAX_LENGTH:
        raise ValidationError({"handle": _("Use lower-case letters, digits and single hyphens.")})
    if handle in RESERVED_HANDLES:
        raise ValidationError({"handle": _("This handle is kept for the site; choose another.")})
    if MemberProfile.objects.filter(handle__iexact=handle).exclude(pk=profile.pk).exists():
        raise ValidationError(
            {
                "handle": _("Someone already goes by @%(handle)s; choose another.")
                % {"handle": handle}
            }
        )


def _expertise_tags(names: list[str]) -> list[ExpertiseTag]:
    """The tags for these names: an existing tag whatever its case, or a new one."""
    if not names:
        return []
    matching = Q()
    for name in names:
        matching |= Q(name__iexact=name)
    existing = {tag.name.casefold(): tag for tag in ExpertiseTag.objects.filter(matching)}
    tags = []
    for name in names:
        tag = existing.get(name.casefold())
        if tag is None:
            tag, _created = ExpertiseTag.objects.get_or_create(name=name)
        tags.append(tag)
    return tags


@transaction.atomic
def profile_update(
    *,
    user: AnyUser,
    display_name: str,
    handle: str,
    organisation: str = "",
    role: str = "",
    city: str = "",
    country: str = "",
    expertise: list[str] | None = None,
    bio: str = "",
    visibility: str = Visibility.ALUMNI,
    photo: UploadedFile | None = None,
    remove_photo: bool = False,
) -> MemberProfile:
    """Save the member's own profile. A new photo replaces the old one, ``remove_photo`` drops
    it; the old file is deleted once the change is committed."""
    found = profile_for(user=user)
    profile = MemberProfile.objects.select_for_update().get(pk=found.pk)
    handle = handle.strip().lower()
    _check_handle(handle, profile)
    old_photo = profile.photo.name

    profile.display_name = display_name
    profile.handle = handle
    profile.organisation = organisation
    profile.role = role
    profile.city = city
    profile.country = country
    profile.bio = bio
    profile.visibility = visibility
    if photo:
        try:
            content = square_photo(photo)
        except (OSError, ValueError):  # a picture Pillow reads but cannot convert
            raise ValidationError(
                {"photo": _("This picture cannot be used; try another.")}
            ) from None
        except ValidationError as error:
            raise ValidationError({"photo": error.messages}) from None
        profile.photo.save(content.name, content, save=False)
    elif remove_photo:
        profile.photo = ""
    profile.full_clean(exclude=["user", "handle", "photo"])
    try:
        with transaction.atomic():
            profile.save()
    except IntegrityError:
        raise ValidationError(
            {
                "handle": _("Someone already goes by @%(handle)s; choose another.")
                % {"handle": handle}
            }
        ) from None
    profile.expertise.set(_expertise_tags(expertise or []))

    if old_photo and old_photo != profile.photo.name:
        storage = profile.photo.storage
        transaction.on_commit(lambda: storage.delete(old_photo))
    return profile
