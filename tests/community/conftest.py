"""A community with one forum of each kind and a person in every role.

``community_world`` builds, once per test module, an edition with its cohort forum, a thematic
community of practice and a general forum, and these people:

- ``trainee``: accepted in the edition, residential course not attended yet;
- ``alumnus``: accepted in the edition and attended its residential course;
- ``facilitator``: facilitates the edition;
- ``editor``: in the Editors group;
- ``member``: signed up with a confirmed address, in no edition;
- ``unverified``: signed up, address not confirmed;
- ``other_alumnus``: alumnus of another edition.

It is built in a transaction rolled back when the module ends; each test runs in a savepoint.
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from community.models import Forum, ForumKind
from learning.models import EditionPage, EnrolmentStatus
from tests.cms.factories import UserFactory, build_home
from tests.community.factories import ForumFactory, MemberProfileFactory, old_account
from tests.learning.factories import (
    AcademyIndexPageFactory,
    EditionPageFactory,
    EnrolmentFactory,
    FacilitatorFactory,
)

ROLES = ["trainee", "alumnus", "facilitator", "editor", "member", "unverified", "other_alumnus"]


@dataclass
class World:
    edition: EditionPage
    other_edition: EditionPage
    cohort: Forum
    other_cohort: Forum
    thematic: Forum
    general: Forum
    people: dict

    def __getattr__(self, name):
        people = self.__dict__.get("people", {})
        if name in people:
            return people[name]
        raise AttributeError(name)


def _build_world() -> dict:
    home = build_home()
    academy = AcademyIndexPageFactory(parent=home)
    edition = EditionPageFactory(parent=academy, title="Ghent 2027", slug="ghent-2027")
    other = EditionPageFactory(parent=academy, title="Vienna 2026", slug="vienna-2026")
    people = {
        "trainee": UserFactory(email="trainee@example.org", verified=True),
        "alumnus": UserFactory(email="alumnus@example.org", verified=True),
        "facilitator": UserFactory(email="facilitator@example.org", verified=True),
        "editor": UserFactory(email="editor@example.org", verified=True, groups=["Editors"]),
        "member": UserFactory(email="member@example.org", verified=True),
        "unverified": UserFactory(email="unverified@example.org"),
        "other_alumnus": UserFactory(email="other-alumnus@example.org", verified=True),
    }
    for person in people.values():
        old_account(person)
    EnrolmentFactory(user=people["trainee"], edition=edition, status=EnrolmentStatus.ACCEPTED)
    EnrolmentFactory(
        user=people["alumnus"],
        edition=edition,
        status=EnrolmentStatus.ACCEPTED,
        residential_attended_at=timezone.now(),
    )
    EnrolmentFactory(
        user=people["other_alumnus"],
        edition=other,
        status=EnrolmentStatus.ACCEPTED,
        residential_attended_at=timezone.now(),
    )
    FacilitatorFactory(user=people["facilitator"], edition=edition)
    for role, person in people.items():
        MemberProfileFactory(user=person, handle=role.replace("_", "-"), display_name=role.title())
    forums = {
        "cohort": ForumFactory(
            name="Ghent 2027 cohort", slug="ghent-2027", kind=ForumKind.COHORT, edition=edition
        ),
        "other_cohort": ForumFactory(
            name="Vienna 2026 cohort", slug="vienna-2026", kind=ForumKind.COHORT, edition=other
        ),
        "thematic": ForumFactory(
            name="Housing support", slug="housing-support", kind=ForumKind.THEMATIC
        ),
        "general": ForumFactory(name="Open forum", slug="open-forum", kind=ForumKind.GENERAL),
    }
    return {
        "edition": edition.pk,
        "other_edition": other.pk,
        "forums": {key: forum.pk for key, forum in forums.items()},
        "people": {role: person.pk for role, person in people.items()},
    }


@pytest.fixture(scope="module")
def _community_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build_world()
        transaction.set_rollback(True)


@pytest.fixture
def community_world(_community_world, db) -> World:
    """Fresh objects of the module's shared world for each test."""
    keys = _community_world
    forums = Forum.objects.in_bulk(keys["forums"].values())
    users = get_user_model().objects.in_bulk(keys["people"].values())
    return World(
        edition=EditionPage.objects.get(pk=keys["edition"]),
        other_edition=EditionPage.objects.get(pk=keys["other_edition"]),
        people={role: users[pk] for role, pk in keys["people"].items()},
        **{key: forums[pk] for key, pk in keys["forums"].items()},
    )
