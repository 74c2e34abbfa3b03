"""The admin's user screens: a person whose records must outlive their account is not deleted."""

from collections import Counter

from django.contrib import messages
from django.db import router
from django.db.models.deletion import Collector, ProtectedError
from django.shortcuts import redirect
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail import hooks


def protected_records(user) -> list[str]:
    """What deleting the person would have to destroy but may not, counted by kind."""
    collector = Collector(using=router.db_for_write(type(user)))
    try:
        collector.collect([user])
    except ProtectedError as error:
        counts = Counter(type(obj)._meta for obj in error.protected_objects)
        return sorted(
            f"{count} {opts.verbose_name if count == 1 else opts.verbose_name_plural}"
            for opts, count in counts.items()
        )
    return []


@hooks.register("before_delete_user")
def refuse_to_delete_people_with_records(request, user):
    """Deleting would fail on the protected records (a server error); say why and what to do."""
    records = protected_records(user)
    if not records:
        return None
    kinds = ", ".join(records)
    messages.error(
        request,
        _(
            "%(person)s cannot be deleted: the site keeps their records (%(records)s) for "
            "certificates, cohort figures and closed selection rounds. To stop them signing in, "
            "untick “Active” on their account instead."
        )
        % {"person": capfirst(user.get_full_name() or user.email), "records": kinds},
    )
    return redirect("wagtailusers_users:edit", user.pk)
