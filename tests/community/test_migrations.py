"""A database made while notification levels were called subscriptions keeps every level, and the
permissions granted on them, when it migrates forward, and again when it migrates back."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from community.models import NotificationLevel

# 5 to 25 seconds on a 2-core machine (migrating renders the project's state); deselect with
# -m "not migrations" when iterating.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.migrations,
]

BEFORE = ("community", "0003_moderators_rename_topics")


@pytest.fixture(scope="module", autouse=True)
def _give_back_migrated_data(django_db_setup, django_db_blocker):
    """A transactional test ends by emptying every table; put back what the migrations made, so a
    reused database still has its groups, permissions and root page."""
    yield
    with django_db_blocker.unblock():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents:
            connection.creation.deserialize_db_from_string(contents)


def migrate(*target: str):
    """Migrate as ``manage.py migrate`` does (its signals rename the content type with the
    model); the models as they are at ``target``."""
    call_command("migrate", *target, verbosity=0)
    executor = MigrationExecutor(connection)
    nodes = [target] if target else executor.loader.graph.leaf_nodes()
    return executor.loader.project_state(nodes).apps


@pytest.fixture
def before_the_rename():
    """The models as they were before the rename; the database is migrated back to the latest
    state afterwards whatever the test found."""
    yield migrate(*BEFORE)
    migrate()


def test_levels_and_their_permissions_survive_the_rename_both_ways(before_the_rename):
    old = before_the_rename
    user = old.get_model("accounts", "User").objects.create(email="levels@example.org")
    forum = old.get_model("community", "Forum").objects.create(
        name="Open forum", slug="open-forum-levels", kind="general"
    )
    topic = old.get_model("community", "Topic").objects.create(
        forum=forum, title="Welcome desks", slug="welcome-desks", author=user
    )
    Subscription = old.get_model("community", "Subscription")
    Subscription.objects.create(user=user, forum=forum, level="muted")
    Subscription.objects.create(user=user, topic=topic, level="watching")
    Permission = old.get_model("auth", "Permission")
    keepers = old.get_model("auth", "Group").objects.create(name="Level keepers")
    keepers.permissions.add(
        Permission.objects.get(content_type__app_label="community", codename="view_subscription")
    )

    migrate()

    kept = NotificationLevel.objects.filter(user__email="levels@example.org")
    assert set(kept.values_list("forum__slug", "topic__title", "level")) == {
        ("open-forum-levels", None, "muted"),
        (None, "Welcome desks", "watching"),
    }
    group = Group.objects.get(name="Level keepers")
    assert list(group.permissions.values_list("codename", flat=True)) == ["view_notificationlevel"]
    assert group.permissions.get().content_type.model == "notificationlevel"
    # The constraints hold under their new names: one level per member and forum.
    with pytest.raises(IntegrityError), transaction.atomic():
        NotificationLevel.objects.create(user=kept[0].user, forum_id=forum.pk, level="normal")

    back = migrate(*BEFORE)

    rows = back.get_model("community", "Subscription").objects.filter(user__email=user.email)
    assert set(rows.values_list("level", flat=True)) == {"muted", "watching"}
    codenames = back.get_model("auth", "Group").objects.get(name="Level keepers").permissions
    assert list(codenames.values_list("codename", flat=True)) == ["view_subscription"]
