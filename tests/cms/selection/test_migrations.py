"""A database made before selection became an app of its own keeps its nominations, reviews,
permissions and call page when it migrates."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cms.selection.models import Nomination, Review

# 5 to 25 seconds on a 2-core machine, as busy as it is (Django renders the project's migration
# state twice); deselect with -m "not migrations" when iterating.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.migrations,
]

# The last migrations before the move: cms still held the selection models.
BEFORE = [("cms", "0004_reviewers_group_and_selection_permissions"), ("selection", None)]
MODELS = ["selectionround", "callforpracticespage", "nomination", "nominationdocument", "review"]


@pytest.fixture(scope="module", autouse=True)
def _give_back_migrated_data(django_db_setup, django_db_blocker):
    """A transactional test ends by emptying every table; put back what the migrations made, so a
    reused database still has its groups, permissions and root page."""
    yield
    with django_db_blocker.unblock():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents:
            connection.creation.deserialize_db_from_string(contents)


def migrate(targets=None):
    """Migrate to ``targets`` (the latest migrations by default); the models as they were then."""
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    if not executor.migration_plan(targets):
        return None
    return executor.migrate(targets).apps


@pytest.fixture
def before_the_move():
    """The models as they were before the move; the database is migrated back to the latest
    state afterwards whatever the test found."""
    yield migrate(BEFORE)
    migrate()


def test_a_nomination_and_its_review_move_to_the_selection_app(before_the_move):
    old = before_the_move
    reviewer = old.get_model("accounts", "User").objects.create(
        email="reviewer@example.org", password="!"
    )
    reviewer.groups.add(old.get_model("auth", "Group").objects.get(name="Reviewers"))
    selection_round = old.get_model("cms", "SelectionRound").objects.create(
        name="Round 2013", slug="round-2013", reference_date="2013-06-01"
    )
    nomination = old.get_model("cms", "Nomination").objects.create(
        selection_round=selection_round,
        practice_name="Neighbourhood welcome walks",
        city="Vejle",
        country="Denmark",
        lead_organisation="Vejle Municipality",
        start_date="2010-05-01",
        goals="Newcomers know their neighbourhood.",
        description="Residents walk newcomers through the area.",
        contact_name="Mette Example",
        contact_email="mette@example.org",
        status="long_listed",
    )
    old.get_model("cms", "Review").objects.create(
        nomination=nomination,
        reviewer=reviewer,
        innovation=4,
        success=3,
        sustainability=5,
        transferability=2,
    )
    old_content_type = old.get_model("contenttypes", "ContentType").objects.get(
        app_label="cms", model="nomination"
    )

    migrate()

    moved = Nomination.objects.get(reference=nomination.reference)
    assert moved.practice_name == "Neighbourhood welcome walks"
    assert moved.selection_round.name == "Round 2013"
    review = Review.objects.get(nomination=moved)
    assert (review.innovation, review.success, review.sustainability, review.transferability) == (
        4,
        3,
        5,
        2,
    )
    # The same content type row, now under "selection", with its permissions and grants.
    # (Read without ContentType's cache: emptying it here would make the restore at the end of
    # the module create content types under the rows it puts back.)
    assert ContentType.objects.get(app_label="selection", model="nomination").pk == (
        old_content_type.pk
    )
    assert ContentType.objects.filter(app_label="selection", model="callforpracticespage").exists()
    assert not ContentType.objects.filter(app_label="cms", model__in=MODELS).exists()
    codenames = set(
        Permission.objects.filter(content_type__app_label="selection").values_list(
            "codename", flat=True
        )
    )
    assert codenames == {
        f"{action}_{model}" for action in ("add", "change", "delete", "view") for model in MODELS
    } | {"review_nomination"}
    reviewer = get_user_model().objects.get(email="reviewer@example.org")
    assert reviewer.has_perm("selection.view_nomination")
    assert reviewer.has_perm("selection.add_review")
    assert reviewer.has_perm("selection.review_nomination")
    assert not reviewer.has_perm("selection.change_selectionround")


@pytest.fixture
def before_the_question_on_authorities():
    """The models before the call asked whether public authorities are involved."""
    yield migrate([("selection", "0007_move_nomination_documents_to_private_storage")])
    migrate()


def test_nominations_never_asked_about_authorities_need_review_instead_of_being_ruled_out(
    before_the_question_on_authorities,
):
    old = before_the_question_on_authorities
    selection_round = old.get_model("selection", "SelectionRound").objects.create(
        name="Round 2024", slug="round-2024", reference_date="2024-06-01"
    )
    common = {
        "selection_round": selection_round,
        "city": "Ghent",
        "country": "Belgium",
        "lead_organisation": "City social services",
        "goals": "Work for newcomers.",
        "description": "Coaching.",
        "contact_name": "Alex",
        "clear_goals": True,
        "local_level": True,
    }
    Nomination_ = old.get_model("selection", "Nomination")
    named = Nomination_.objects.create(
        practice_name="Named",
        public_authorities="City of Ghent",
        start_date="2019-01-01",
        contact_email="a@example.org",
        status="long_listed",
        **common,
    )
    unnamed = Nomination_.objects.create(
        practice_name="Unnamed",
        public_authorities="",
        start_date="2019-01-01",
        contact_email="b@example.org",
        status="not_eligible",
        **common,
    )
    too_short = Nomination_.objects.create(
        practice_name="Too short",
        public_authorities="",
        start_date="2023-09-01",
        contact_email="c@example.org",
        status="not_eligible",
        **common,
    )

    migrate()

    after = {
        n.pk: n for n in Nomination.objects.filter(pk__in=[named.pk, unnamed.pk, too_short.pk])
    }
    assert after[named.pk].involves_public_authorities is True
    assert after[named.pk].status == "long_listed"
    assert after[unnamed.pk].involves_public_authorities is None
    assert after[unnamed.pk].status == "pending"  # (c) needs review; nothing else failed
    assert after[too_short.pk].status == "not_eligible"  # (d) fails on its own
