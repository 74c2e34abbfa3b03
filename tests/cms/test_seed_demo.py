"""The demo-content command: complete, idempotent, and refused under production settings.

The demo is seeded once for the module, in a transaction rolled back when the module ends;
each test runs in its own savepoint inside it.
"""

import datetime
import io
import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from cms.demo.accounts import demo_password
from cms.models import (
    HomePage,
    KitPage,
    NewsPage,
    Person,
    PolicyField,
    PracticePage,
    SiteFooterSettings,
    StandardPage,
)
from tests import html

pytestmark = pytest.mark.django_db

REQUIRED_CITIES = {"Hamburg", "Southwark, London", "Vejle", "Vienna", "Visby"}
NUMBER_WORDS = {
    word: number
    for number, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
}


def seed(*args: str) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo content, loaded once for the module; what the command printed."""
    with django_db_blocker.unblock(), transaction.atomic():
        output = seed()
        yield output
        transaction.set_rollback(True)


def counts() -> dict[str, int]:
    return {
        "users": get_user_model().objects.count(),
        "pages": Page.objects.count(),
        "practices": PracticePage.objects.live().count(),
        "draft practices": PracticePage.objects.not_live().count(),
        "news": NewsPage.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "policy fields": PolicyField.objects.count(),
        "people": Person.objects.count(),
        "tags": Tag.objects.count(),
        "revisions": Revision.objects.count(),
        "email addresses": EmailAddress.objects.count(),
    }


def test_running_twice_changes_nothing(seeded):
    first = counts()
    output = seed()

    assert counts() == first
    assert first["practices"] == 10
    assert first["draft practices"] == 1  # promoted from the closed selection round
    assert first["news"] == 8
    assert "reviewer@example.org" in output
    assert "nothing (already loaded)" in output
    assert "member@example.org" in output
    for email in ("trainee@example.org", "facilitator@example.org", "alumni@example.org"):
        assert email in output


def test_demo_content_follows_the_method(seeded):
    today = timezone.localdate()

    practices = list(PracticePage.objects.live())
    assert len(practices) == 10
    assert {practice.city for practice in practices} >= REQUIRED_CITIES
    assert len({practice.country for practice in practices}) >= 8
    assert PolicyField.objects.filter(practices__isnull=False).distinct().count() >= 6
    assert sum(practice.status_on(today) == "closed" for practice in practices) >= 2
    for practice in practices:
        assert 1 <= practice.policy_fields.count() <= 2
        assert practice.public_authority_list
        assert practice.infosheet is not None and practice.infosheet.file_size
        assert practice.listing_image is not None
        assert 2 <= practice.gallery_images.count() <= 3
        assert 2 <= practice.tags.count() <= 4
        assert practice.latitude is not None and practice.longitude is not None
        assert all(feature["rating"] for feature in practice.qualifying_features)
        assert practice.achievements_and_failures

    news_dates = sorted(NewsPage.objects.live().values_list("date", flat=True))
    assert len(news_dates) == 8
    assert news_dates[-1] <= today
    assert today - news_dates[0] <= datetime.timedelta(days=2 * 366)
    assert news_dates[-1] - news_dates[0] >= datetime.timedelta(days=540)
    assert all(news.news_authors.exists() for news in NewsPage.objects.all())

    site = Site.objects.get(is_default_site=True)
    home = HomePage.objects.get()
    assert site.root_page_id == home.pk
    assert home.get_parent().depth == 1
    assert not Page.objects.filter(depth=2).exclude(pk=home.pk).exists()
    assert home.featured_practices.count() >= 3
    assert home.cta_link
    assert home.get_children().in_menu().count() <= 7
    assert set(home.get_children().values_list("slug", flat=True)) >= {
        "about",
        "method",
        "definition-of-integration",
        "partners",
        "privacy",
        "practices",
        "news",
        "kit",
        "academy",
    }
    assert all(page.body for page in StandardPage.objects.all())

    kit = KitPage.objects.get()
    assert kit.discussion_paper is not None and kit.discussion_paper.file_size
    assert kit.extra_documents.exists()

    footer = SiteFooterSettings.for_site(site)
    assert footer.partner_list
    assert footer.privacy_page.slug == "privacy"

    users = get_user_model().objects
    assert users.get(email="admin@example.org").is_superuser
    editor = users.get(email="editor@example.org")
    assert editor.groups.filter(name="Editors").exists()
    member = users.get(email="member@example.org")
    assert not (member.is_staff or member.is_superuser)
    assert member.check_password(demo_password())
    assert EmailAddress.objects.filter(user=member, verified=True, primary=True).exists()


def test_scale_adds_generated_content_idempotently(seeded):
    seed("--scale", "2")
    first = counts()
    seed("--scale", "2")

    assert counts() == first
    assert first["practices"] == 20
    assert first["news"] == 16
    assert PracticePage.objects.filter(slug="practice-gen-0001").exists()


def test_refused_under_production_settings():
    before = counts()
    with (
        override_settings(SETTINGS_MODULE="cms.settings.production"),
        pytest.raises(CommandError, match="production"),
    ):
        seed()
    assert counts() == before


def test_demo_home_page_renders(client, seeded):
    response = client.get("/")

    assert response.status_code == 200
    assert html.text(response, "h1") == HomePage.objects.get().hero_title


def test_profiles_from_the_call_share_their_nominations_policy_fields(seeded):
    """A profile that came through the call for practices works in the policy fields its
    nomination named: the selection screens and the public profile tell the same story."""
    profiles = PracticePage.objects.filter(source_nomination__isnull=False).select_related(
        "source_nomination"
    )
    assert profiles.count() >= 5  # four linked by name, one promoted from its nomination
    for profile in profiles:
        nomination_fields = set(
            profile.source_nomination.policy_fields.values_list("slug", flat=True)
        )
        assert set(profile.policy_fields.values_list("slug", flat=True)) == nomination_fields, (
            profile.title
        )


def test_the_practice_index_intro_names_no_count_that_goes_stale(client, seeded):
    """Editors publish and promote profiles: a number written into the intro stops being true."""
    response = client.get("/practices/")
    intro = html.text(response, "main .lead")
    assert intro.startswith("Local integration measures")
    counted = rf"\b({'|'.join(NUMBER_WORDS)}|\d+)\b[^.]*\b(practices|measures)\b"
    assert not re.search(counted, intro, re.IGNORECASE), intro
    # The count the page does give is computed from the profiles themselves.
    shown = PracticePage.objects.live().public().count()
    assert f"{shown} practices" in html.text(response, "main")
