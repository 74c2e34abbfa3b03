"""An academy with one edition of two modules; people in every learning role.

A module marked ``shared_academy`` builds the page tree (home, academy, edition, modules,
lessons) once, in a transaction rolled back when the module ends; each test runs in its own
savepoint inside it and gets fresh page objects, so nothing it changes reaches the next test.
Elsewhere every test builds the pages it asks for, as before.
"""

import pytest
from django.db import transaction

from cms.models import HomePage
from learning.models import (
    AcademyIndexPage,
    EditionPage,
    EnrolmentStatus,
    LessonPage,
    ModulePage,
)
from tests.cms.factories import UserFactory, build_home
from tests.learning.factories import (
    AcademyIndexPageFactory,
    EditionPageFactory,
    EnrolmentFactory,
    FacilitatorFactory,
    LessonPageFactory,
    ModulePageFactory,
)


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "shared_academy: the module's tests read one academy page tree built once for the module",
    )


def verified(email: str):
    return UserFactory(email=email, verified=True)


def build_academy(home) -> AcademyIndexPage:
    return AcademyIndexPageFactory(parent=home)


def build_edition(academy) -> EditionPage:
    return EditionPageFactory(parent=academy, title="Turin 2027", slug="turin-2027")


def build_module_one(edition) -> ModulePage:
    return ModulePageFactory(
        parent=edition, title="Functioning practices", slug="functioning-practices"
    )


def build_module_two(edition) -> ModulePage:
    return ModulePageFactory(
        parent=edition, title="Transferability", slug="transferability", requires_previous=True
    )


def build_lessons(module_one, module_two) -> dict[str, LessonPage]:
    return {
        "what": LessonPageFactory(parent=module_one, title="What functions", slug="what-functions"),
        "why": LessonPageFactory(
            parent=module_one, title="Why context matters", slug="why-context"
        ),
        "transfer": LessonPageFactory(
            parent=module_two, title="What transfers", slug="what-transfers"
        ),
        "extra": LessonPageFactory(
            parent=module_two, title="Further reading", slug="further-reading", is_required=False
        ),
    }


@pytest.fixture(scope="module")
def _academy_tree(request, django_db_setup, django_db_blocker):
    """The primary keys of the shared tree, or None when the module builds pages per test."""
    if request.node.get_closest_marker("shared_academy") is None:
        yield None
        return
    with django_db_blocker.unblock(), transaction.atomic():
        home = build_home()
        academy = build_academy(home)
        edition = build_edition(academy)
        module_one = build_module_one(edition)
        module_two = build_module_two(edition)
        lessons = build_lessons(module_one, module_two)
        yield {
            "home": home.pk,
            "academy": academy.pk,
            "edition": edition.pk,
            "module_one": module_one.pk,
            "module_two": module_two.pk,
            "lessons": {key: lesson.pk for key, lesson in lessons.items()},
        }
        transaction.set_rollback(True)


@pytest.fixture
def home(_academy_tree, db):
    if _academy_tree:
        return HomePage.objects.get(pk=_academy_tree["home"])
    return build_home()


@pytest.fixture
def academy(_academy_tree, home):
    if _academy_tree:
        return AcademyIndexPage.objects.get(pk=_academy_tree["academy"])
    return build_academy(home)


@pytest.fixture
def edition(_academy_tree, academy):
    if _academy_tree:
        return EditionPage.objects.get(pk=_academy_tree["edition"])
    return build_edition(academy)


@pytest.fixture
def module_one(_academy_tree, edition):
    if _academy_tree:
        return ModulePage.objects.get(pk=_academy_tree["module_one"])
    return build_module_one(edition)


@pytest.fixture
def module_two(_academy_tree, edition, module_one):
    if _academy_tree:
        return ModulePage.objects.get(pk=_academy_tree["module_two"])
    return build_module_two(edition)


@pytest.fixture
def lessons(_academy_tree, module_one, module_two):
    """Two required lessons in the first module, one required and one optional in the second."""
    if _academy_tree:
        pks = _academy_tree["lessons"]
        found = LessonPage.objects.in_bulk(pks.values())
        return {key: found[pk] for key, pk in pks.items()}
    return build_lessons(module_one, module_two)


@pytest.fixture
def trainee(edition):
    user = verified("trainee@example.org")
    EnrolmentFactory(user=user, edition=edition, status=EnrolmentStatus.ACCEPTED)
    return user


@pytest.fixture
def applicant(edition):
    user = verified("applicant@example.org")
    EnrolmentFactory(user=user, edition=edition, status=EnrolmentStatus.APPLIED)
    return user


@pytest.fixture
def facilitator(edition):
    user = verified("facilitator@example.org")
    FacilitatorFactory(edition=edition, user=user)
    return user


@pytest.fixture
def other_trainee(academy):
    """Accepted in another edition, not in ``edition``."""
    other = EditionPageFactory(parent=academy, title="Brussels 2027", slug="brussels-2027")
    user = verified("other-trainee@example.org")
    EnrolmentFactory(user=user, edition=other, status=EnrolmentStatus.ACCEPTED)
    return user
