"""Demo accounts: found by e-mail address, created with the demo password and a verified
address, so that every seeder makes people the same way."""

import os

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

DEFAULT_PASSWORD = "academy-demo"  # noqa: S105 - the documented demo default


def demo_password() -> str:
    """The password of every demo account: read where the demo is loaded, never a setting of
    the site (``seed_demo`` refuses to run with production settings)."""
    return os.environ.get("DEMO_PASSWORD", DEFAULT_PASSWORD)


class Accounts:
    """Finds or creates demo accounts. The password is hashed once and shared, since hashing
    is slow on purpose and a demo has dozens of accounts."""

    def __init__(self) -> None:
        self.password = demo_password()
        self.created = 0
        self._hash: str | None = None

    def get(
        self,
        email: str,
        first_name: str,
        last_name: str,
        *,
        superuser: bool = False,
        groups: tuple[Group, ...] = (),
    ):
        user_model = get_user_model()
        user = user_model.objects.filter(email__iexact=email).first()
        if user is None:
            if self._hash is None:
                self._hash = make_password(self.password)
            user = user_model(
                email=email,
                first_name=first_name,
                last_name=last_name,
                is_staff=superuser,
                is_superuser=superuser,
            )
            user.password = self._hash
            user.full_clean()
            user.save()
            self.created += 1
        if groups:
            user.groups.add(*groups)
        # Enrolment and review need a verified address, as on the site.
        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        return user
