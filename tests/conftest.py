"""Fixtures shared by the whole suite: a site with its home page, and people in each role."""

import shutil

import pytest
from django.conf import settings
from wagtail.models import Page, Site

from tests.cms.factories import (
    HomePageFactory,
    KitPageFactory,
    NewsIndexPageFactory,
    PracticeIndexPageFactory,
    UserFactory,
)


@pytest.fixture(autouse=True, scope="session")
def _clean_test_media():
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters live in the cache: no test may inherit another's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(db):
    """A home page at the top of the tree, served by the default site."""
    # Wagtail's migrations leave a welcome page where the home page belongs.
    for welcome in Page.objects.filter(depth=2):
        welcome.delete()
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Academy"},
    )
    return home


@pytest.fixture
def practice_index(home):
    return PracticeIndexPageFactory(parent=home, show_in_menus=True)


@pytest.fixture
def news_index(home):
    return NewsIndexPageFactory(parent=home, show_in_menus=True)


@pytest.fixture
def kit(home):
    return KitPageFactory(parent=home, show_in_menus=True)


@pytest.fixture
def member(db):
    return UserFactory(email="member@example.org", verified=True)


@pytest.fixture
def editor(db):
    return UserFactory(email="editor@example.org", groups=["Editors"])


@pytest.fixture
def superuser(db):
    return UserFactory(email="admin@example.org", is_staff=True, is_superuser=True)
