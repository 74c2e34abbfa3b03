"""Editing one's own profile: who may, what the first visit starts from, the handle's rules,
areas of expertise, the plain-text bio, the photo (real pictures only, 2 MB at most, stored as a
fixed-size square, removable) and a failed save that keeps what was typed."""

import io
import os
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from community import member_services
from community.models import ExpertiseTag, MemberProfile, Visibility
from tests.cms.factories import UserFactory
from tests.community.conftest import ROLES
from tests.community.factories import MemberProfileFactory
from tests.html import field_value, form_errors, headings, links, parse, text
from tests.learning.factories import EnrolmentFactory

URL = reverse("community:profile")


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def png(width=600, height=400, colour=(200, 30, 30)) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(output, format="PNG")
    return output.getvalue()


def form_data(**changes) -> dict:
    data = {
        "display_name": "Anna Berg",
        "handle": "anna-berg",
        "organisation": "Göteborgs Stad",
        "role": "Housing officer",
        "city": "Gothenburg",
        "country": "Sweden",
        "expertise": "Housing support, language courses",
        "bio": "I run the welcome desk.",
        "visibility": Visibility.MEMBERS,
    }
    data.update(changes)
    return data


@pytest.fixture
def anna(community_world, client):
    """A verified member, signed in, with a profile made on first use."""
    user = UserFactory(email="anna@example.org", first_name="Anna", last_name="Berg", verified=True)
    client.force_login(user)
    return user


def profile_of(user) -> MemberProfile:
    return MemberProfile.objects.get(user=user)


@pytest.mark.parametrize("viewer", ["anonymous", *ROLES])
def test_who_may_edit_their_profile(client, community_world, viewer):
    if viewer != "anonymous":
        client.force_login(community_world.people[viewer])

    response = client.get(URL)

    if viewer == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    elif viewer == "unverified":
        assert response.status_code == 403
        assert headings(response) == ["Confirm your e-mail address first"]
    else:
        assert response.status_code == 200
        assert headings(response) == ["Your profile"]
        assert field_value(response, "handle") == viewer.replace("_", "-")


def test_a_signed_out_post_changes_nothing(client, community_world):
    response = client.post(URL, form_data())

    assert response.status_code == 302
    assert not MemberProfile.objects.filter(handle="anna-berg").exists()


def test_the_first_visit_starts_from_the_latest_enrolment(client, community_world, anna):
    world = community_world
    EnrolmentFactory(user=anna, edition=world.other_edition, organisation="Old employer")
    EnrolmentFactory(
        user=anna,
        edition=world.edition,
        organisation="Göteborgs Stad",
        role="Integration strategist",
        city="Gothenburg",
        country="Sweden",
    )

    response = client.get(URL)

    assert field_value(response, "organisation") == "Göteborgs Stad"
    assert field_value(response, "role") == "Integration strategist"
    assert field_value(response, "city") == "Gothenburg"
    assert field_value(response, "country") == "Sweden"
    assert field_value(response, "display_name") == "Anna Berg"
    # Nothing is saved until the member saves.
    assert profile_of(anna).organisation == ""


def test_a_saved_profile_is_shown_as_saved_not_from_the_enrolment(client, community_world, anna):
    EnrolmentFactory(user=anna, edition=community_world.edition, organisation="City of Ghent")
    client.post(URL, form_data(organisation="My own words"))

    assert field_value(client.get(URL), "organisation") == "My own words"


def test_saving_the_profile_stores_it_and_shows_it(client, community_world, anna):
    response = client.post(URL, form_data(handle="@Anna-Berg"))

    assert response.status_code == 302
    assert response["Location"] == reverse("community:member", kwargs={"handle": "anna-berg"})
    profile = profile_of(anna)
    assert (profile.handle, profile.display_name, profile.visibility) == (
        "anna-berg",
        "Anna Berg",
        Visibility.MEMBERS,
    )
    assert sorted(tag.name for tag in profile.expertise.all()) == [
        "Housing support",
        "language courses",
    ]
    page = client.get(response["Location"])
    assert "Your profile is saved." in text(page)
    assert "Housing officer, Göteborgs Stad" in text(page)


def test_areas_of_expertise_reuse_existing_tags_whatever_the_case(client, community_world, anna):
    ExpertiseTag.objects.create(name="Housing support")
    client.post(URL, form_data(expertise="housing SUPPORT, Data on newcomers, housing support"))

    names = sorted(tag.name for tag in profile_of(anna).expertise.all())
    assert names == ["Data on newcomers", "Housing support"]
    assert ExpertiseTag.objects.filter(name__iexact="housing support").count() == 1


@pytest.mark.parametrize(
    "expertise, error",
    [
        (", ".join(f"Area {number}" for number in range(13)), "Choose up to 12 areas"),
        ("Housing, " + "x" * 51, "Keep each area of expertise to 50 characters"),
        ("Housing, ???", "Each area of expertise needs words"),
    ],
)
def test_areas_of_expertise_have_limits(client, community_world, anna, expertise, error):
    response = client.post(URL, form_data(expertise=expertise))

    assert response.status_code == 400
    assert any(error in message for message in form_errors(response)), form_errors(response)
    assert field_value(response, "expertise") == expertise


def test_existing_areas_of_expertise_are_suggested(client, community_world, anna):
    other = MemberProfileFactory(user=UserFactory(), handle="bram")
    other.expertise.add("One-stop shops")

    response = client.get(URL)

    suggestions = [option["value"] for option in parse(response).select("datalist option")]
    assert "One-stop shops" in suggestions
    assert parse(response).select_one('input[name="expertise"]')["list"] == "expertise-suggestions"


@pytest.mark.parametrize(
    "handle, error",
    [
        ("Anna_Berg", "Use lower-case letters and digits"),
        ("-anna", "Use lower-case letters and digits"),
        ("anna-", "Use lower-case letters and digits"),
        ("a", "Use lower-case letters and digits"),
        ("admin", "is kept for the site itself"),
        ("everyone", "is kept for the site itself"),
        ("ALUMNUS", "Someone already goes by @alumnus"),
        ("x" * 41, "40 characters or fewer"),
    ],
)
def test_a_handle_must_follow_the_rules(client, community_world, anna, handle, error):
    response = client.post(URL, form_data(handle=handle))

    assert response.status_code == 400
    assert any(error in message for message in form_errors(response)), form_errors(response)
    assert profile_of(anna).handle != handle.lower()


def test_a_failed_save_keeps_everything_typed(client, community_world, anna):
    response = client.post(
        URL,
        {
            **form_data(handle="staff", bio="Line one\nLine two", visibility=Visibility.HIDDEN),
            "photo": SimpleUploadedFile("me.png", png(), content_type="image/png"),
        },
    )

    assert response.status_code == 400
    assert "Your profile is not saved yet" in text(response)
    assert field_value(response, "handle") == "staff"
    assert field_value(response, "organisation") == "Göteborgs Stad"
    assert field_value(response, "expertise") == "Housing support, language courses"
    assert parse(response).select_one('textarea[name="bio"]').get_text().strip() == (
        "Line one\nLine two"
    )
    assert parse(response).select_one('input[value="hidden"]').has_attr("checked")
    assert "Choose your photo again" in text(response)
    assert profile_of(anna).handle != "staff"


def test_the_bio_is_plain_text_with_its_line_breaks(client, community_world, anna):
    client.post(URL, form_data(bio="**Not bold** <script>alert(1)</script>\n\nSecond paragraph"))

    html = client.get(reverse("community:member", kwargs={"handle": "anna-berg"})).content.decode()

    assert "**Not bold** &lt;script&gt;alert(1)&lt;/script&gt;</p>" in html
    assert "<p>Second paragraph</p>" in html
    assert "<script>alert" not in html


def test_a_bio_longer_than_1000_characters_is_refused(client, community_world, anna):
    response = client.post(URL, form_data(bio="a" * 1001))

    assert response.status_code == 400
    assert any("1000" in message for message in form_errors(response))
    assert not MemberProfile.objects.filter(user=anna, bio__startswith="aaa").exists()


def test_each_visibility_is_explained(client, community_world, anna):
    page = text(client.get(URL))

    assert "Alumni of any edition, facilitators and the site's editors see your profile" in page
    assert "Everyone signed in to the community sees your profile" in page
    assert "You are not in the directory and nobody can open your profile" in page


# Photos -------------------------------------------------------------------------------------


def test_a_real_png_is_stored_as_a_fixed_size_square(client, community_world, anna, media):
    upload = SimpleUploadedFile("holiday picture.png", png(900, 500), content_type="image/png")

    response = client.post(URL, {**form_data(), "photo": upload})

    assert response.status_code == 302
    photo = profile_of(anna).photo
    assert photo.name.startswith("members/") and photo.name.endswith(".png")
    assert "holiday" not in photo.name
    with Image.open(media / photo.name) as stored:
        assert (stored.format, stored.size) == ("PNG", (400, 400))
    page = client.get(response["Location"])
    image = parse(page).select_one("img.member-photo")
    assert image["src"] == photo.url
    assert (image["width"], image["height"]) == ("160", "160")


def test_a_jpeg_and_a_webp_are_accepted(community_world, anna):
    for kind, name in (("JPEG", "me.jpg"), ("WEBP", "me.webp")):
        output = io.BytesIO()
        Image.new("RGB", (300, 300), (10, 120, 40)).save(output, format=kind)
        profile = member_services.profile_update(
            user=anna,
            display_name="Anna Berg",
            handle="anna-berg",
            photo=SimpleUploadedFile(name, output.getvalue()),
        )
        assert profile.photo.name.endswith(name.rsplit(".", 1)[1])


@pytest.mark.parametrize(
    "mode, kind, stored_mode",
    [("RGBA", "PNG", "RGBA"), ("P", "PNG", "RGB"), ("CMYK", "JPEG", "RGB"), ("L", "WEBP", "RGB")],
)
def test_pictures_of_every_colour_mode_are_stored(
    community_world, anna, media, mode, kind, stored_mode
):
    output = io.BytesIO()
    Image.new(mode, (120, 80)).save(output, format=kind)

    profile = member_services.profile_update(
        user=anna,
        display_name="Anna Berg",
        handle="anna-berg",
        photo=SimpleUploadedFile("me", output.getvalue()),
    )

    with Image.open(media / profile.photo.name) as stored:
        assert (stored.format, stored.mode, stored.size) == (kind, stored_mode, (400, 400))


def test_a_text_file_named_png_is_refused(client, community_world, anna):
    fake = SimpleUploadedFile("me.png", b"just some words, not a picture", content_type="image/png")

    response = client.post(URL, {**form_data(), "photo": fake})

    assert response.status_code == 400
    assert "This file is not a JPEG, PNG or WebP picture." in " ".join(form_errors(response))
    assert not profile_of(anna).photo


def test_another_kind_of_picture_is_refused(client, community_world, anna):
    output = io.BytesIO()
    Image.new("RGB", (50, 50)).save(output, format="GIF")
    gif = SimpleUploadedFile("me.png", output.getvalue(), content_type="image/png")

    response = client.post(URL, {**form_data(), "photo": gif})

    assert response.status_code == 400
    assert "This file is not a JPEG, PNG or WebP picture." in " ".join(form_errors(response))
    assert not MemberProfile.objects.filter(user=anna).exclude(photo="").exists()


def test_a_truncated_png_is_refused(client, community_world, anna):
    broken = SimpleUploadedFile("me.png", png()[:200], content_type="image/png")

    response = client.post(URL, {**form_data(), "photo": broken})

    assert response.status_code == 400
    assert not profile_of(anna).photo


def test_a_photo_over_2_mb_is_refused(client, community_world, anna):
    noise = Image.frombytes("RGB", (1000, 1000), os.urandom(1000 * 1000 * 3))
    output = io.BytesIO()
    noise.save(output, format="PNG")
    assert output.tell() > 2 * 1024 * 1024

    response = client.post(
        URL, {**form_data(), "photo": SimpleUploadedFile("me.png", output.getvalue())}
    )

    assert response.status_code == 400
    assert any("choose one of 2 MB or less" in message for message in form_errors(response))
    assert not profile_of(anna).photo


def test_a_photo_can_be_replaced_and_removed(
    client, community_world, anna, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {**form_data(), "photo": SimpleUploadedFile("a.png", png())})
    first = profile_of(anna).photo.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            URL, {**form_data(), "photo": SimpleUploadedFile("b.png", png(colour=(0, 0, 200)))}
        )
    second = profile_of(anna).photo.name
    assert second != first
    assert not (media / first).exists()
    assert "Remove my photo" in text(client.get(URL))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, form_data(remove_photo="on"))

    assert response.status_code == 302
    assert not profile_of(anna).photo
    assert not (media / second).exists()
    page = client.get(response["Location"])
    assert parse(page).select_one("img.member-photo") is None
    assert "AB" in text(page)


def test_the_form_labels_every_field(client, community_world, anna):
    document = parse(client.get(URL))

    for control in document.select("form.profile-form input, form.profile-form textarea"):
        if control.get("type") in ("hidden", "submit"):
            continue
        assert document.select_one(f'label[for="{control["id"]}"]'), control
    assert ("See my profile", profile_of(anna).get_absolute_url()) in links(str(document))


def test_a_flood_of_profile_saves_is_refused(client, anna, settings):
    settings.POST_RATE_LIMITS = {**settings.POST_RATE_LIMITS, "community:profile": 2}

    answers = [client.post(URL, form_data()) for _ in range(3)]

    assert [answer.status_code for answer in answers] == [302, 302, 429]
    assert "Please slow down" in text(answers[-1])
    assert client.get(URL).status_code == 200
