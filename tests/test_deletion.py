"""What deleting a person does to the records that mention them, decided once per relation.

Every foreign key to the user model in the project's apps must appear in DECISIONS with the
deletion rule it has, so a new relation cannot be added without someone choosing: PROTECT (the
record must outlive the account: the admin refuses and offers deactivation), SET_NULL (the record
stays, without the name), or CASCADE (the row only describes the person's role or session).
"""

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models

PROJECT_APPS = {"accounts", "cms", "selection", "learning", "community"}

DECISIONS = {
    ("cms", "customimage", "uploaded_by_user"): models.SET_NULL,
    ("selection", "review", "reviewer"): models.PROTECT,
    ("selection", "nomination", "checked_by"): models.SET_NULL,
    ("selection", "nomination", "decided_by"): models.SET_NULL,
    ("learning", "enrolment", "user"): models.PROTECT,
    ("learning", "enrolment", "decided_by"): models.SET_NULL,
    ("learning", "reflection", "feedback_by"): models.SET_NULL,
    ("learning", "attendance", "recorded_by"): models.SET_NULL,
    ("learning", "editionfacilitator", "user"): models.CASCADE,
    # A person's words stay in the threads, signed "a former member"; what only describes how they
    # read and hear from the community goes with them.
    ("community", "topic", "author"): models.SET_NULL,
    ("community", "post", "author"): models.SET_NULL,
    ("community", "post", "removed_by"): models.SET_NULL,
    ("community", "postedit", "editor"): models.SET_NULL,
    ("community", "readstate", "user"): models.CASCADE,
    ("community", "forumreadmark", "user"): models.CASCADE,
    ("community", "notificationlevel", "user"): models.CASCADE,
    ("community", "notification", "user"): models.CASCADE,
    ("community", "flag", "reporter"): models.SET_NULL,
    ("community", "flag", "resolved_by"): models.SET_NULL,
    ("community", "moderationaction", "moderator"): models.SET_NULL,
    ("community", "memberprofile", "user"): models.CASCADE,
}


def relations_to_people():
    user_model = get_user_model()
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        # Fields inherited from Wagtail's Page (owner, locked_by) are Wagtail's decision: SET_NULL.
        for field in model._meta.get_fields(include_parents=False):
            if (
                (field.many_to_one or field.one_to_one)
                and field.concrete
                and field.related_model is user_model
            ):
                yield (model._meta.app_label, model._meta.model_name, field.name), field


def test_every_relation_to_a_person_has_a_recorded_decision():
    found = dict(relations_to_people())
    undecided = sorted(set(found) - set(DECISIONS))
    assert not undecided, f"Decide what deleting a person does to: {undecided}"
    stale = sorted(set(DECISIONS) - set(found))
    assert not stale, f"DECISIONS names relations that no longer exist: {stale}"
    wrong = {
        key: field.remote_field.on_delete.__name__
        for key, field in found.items()
        if field.remote_field.on_delete is not DECISIONS[key]
    }
    assert not wrong, f"on_delete differs from the recorded decision: {wrong}"


def test_the_walk_reaches_every_app_that_relates_to_people():
    """Were the walk to find nothing (a wrong app label, a changed user model), the decisions
    above would all look stale rather than checked: it must see each app's relations."""
    assert settings.AUTH_USER_MODEL == "accounts.User"
    apps_seen = {app_label for (app_label, _model, _field), _ in relations_to_people()}
    assert apps_seen == {"cms", "selection", "learning", "community"}
