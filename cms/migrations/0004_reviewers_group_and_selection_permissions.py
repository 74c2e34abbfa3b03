"""A Reviewers group that checks and scores nominations; Editors also run rounds and the short list."""

from django.db import migrations

REVIEWER_PERMISSIONS = [
    ("wagtailadmin", "admin", ("access",)),
    ("cms", "nomination", ("view",)),
    ("cms", "review", ("add", "change", "view")),
]
EDITOR_PERMISSIONS = [
    ("cms", "selectionround", ("add", "change", "delete", "view")),
    ("cms", "nomination", ("add", "change", "delete", "view")),
    ("cms", "review", ("view",)),
]


def _permissions(apps, wanted):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    for app_label, model, actions in wanted:
        for action in actions:
            yield Permission.objects.get(
                content_type__app_label=app_label, codename=f"{action}_{model}"
            )


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    reviewers, _ = Group.objects.get_or_create(name="Reviewers")
    reviewers.permissions.add(*_permissions(apps, REVIEWER_PERMISSIONS))
    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        editors.permissions.add(*_permissions(apps, EDITOR_PERMISSIONS))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    reviewers = Group.objects.filter(name="Reviewers").first()
    if reviewers is not None:
        reviewers.permissions.clear()
        reviewers.user_set.clear()
        for model in ("GroupCollectionPermission", "GroupPagePermission"):
            apps.get_model("wagtailcore", model).objects.filter(group_id=reviewers.pk).delete()
        # The collector trips over other apps' historical models; the group has no other rows.
        Group.objects.filter(pk=reviewers.pk)._raw_delete(schema_editor.connection.alias)
    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        editors.permissions.remove(*_permissions(apps, EDITOR_PERMISSIONS))


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_selection_rounds_nominations_and_reviews"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
