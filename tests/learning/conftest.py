"""An academy with one edition of two modules; people in every learning role."""

import pytest
from allauth.account.models import EmailAddress

from learning.models import EnrolmentStatus
from tests.cms.factories import UserFactory
from tests.learning.factories import (
    AcademyIndexPageFactory,
    EditionPageFactory,
    EnrolmentFactory,
    FacilitatorFactory,
    LessonPageFactory,
    ModulePageFactory,
)


def verified(email: str):
    user = UserFactory(email=email)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@pytest.fixture
def academy(home):
    return AcademyIndexPageFactory(parent=home)


@pytest.fixture
def edition(academy):
    return EditionPageFactory(parent=academy, title="Turin 2027", slug="turin-2027")


@pytest.fixture
def module_one(edition):
    return ModulePageFactory(
        parent=edition, title="Functioning practices", slug="functioning-practices"
    )


@pytest.fixture
def module_two(edition, module_one):
    return ModulePageFactory(
        parent=edition, title="Transferability", slug="transferability", requires_previous=True
    )


@pytest.fixture
def lessons(module_one, module_two):
    """Two required lessons in the first module, one required and one optional in the second."""
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
