"""Fixtures shared by the whole suite: a site with its home page, and people in each role."""

import shutil

import pytest
from django.conf import settings

from tests.cms.factories import (
    KitPageFactory,
    NewsIndexPageFactory,
    PracticeIndexPageFactory,
    UserFactory,
    build_home,
)


@pytest.fixture(autouse=True, scope="session")
def _clean_test_media():
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


# What the migrations created (root page, locale, collection, groups) must be there for every test.
# A transactional test ends by emptying every table. Alone, pytest-django runs those tests last;
# under pytest-xdist a worker may get another test file after one, and with --reuse-db on a server
# database the next run would start from empty tables. So once the last of a run of transactional
# tests is torn down, the data Django kept when it made the test database goes back in (the same
# copy serialized_rollback uses before each test).
_session = {}


@pytest.fixture(autouse=True, scope="session")
def _keep_the_db_blocker(django_db_blocker):
    _session["db_blocker"] = django_db_blocker


def _is_transactional(item: pytest.Item | None) -> bool:
    if item is None:
        return False
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield
    blocker = _session.get("db_blocker")
    if blocker and _is_transactional(item) and not _is_transactional(nextitem):
        from django.db import connections

        with blocker.unblock():
            for connection in connections.all(initialized_only=True):
                contents = getattr(connection, "_test_serialized_contents", None)
                if contents:
                    connection.creation.deserialize_db_from_string(contents)
    return result


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
    return build_home()


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
