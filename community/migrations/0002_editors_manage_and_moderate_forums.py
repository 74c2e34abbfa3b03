"""Editors arrange the forums in the admin, moderate every forum and work through the flags."""

from django.db import migrations

EDITOR_PERMISSIONS = [
    ("community", "forum", ("add", "change", "delete", "view", "moderate")),
    ("community", "flag", ("change", "view")),
    ("community", "moderationaction", ("view",)),
]


def _permissions(apps):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    for app_label, model, actions in EDITOR_PERMISSIONS:
        for action in actions:
            codename = "moderate_forum" if action == "moderate" else f"{action}_{model}"
            yield Permission.objects.get(content_type__app_label=app_label, codename=codename)


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        editors.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    editors = Group.objects.filter(name="Editors").first()
    if editors is not None:
        editors.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [("community", "0001_forums_topics_posts_and_members"), ("cms", "0002_editors_can_publish_and_edit_snippets")]

    operations = [migrations.RunPython(grant, revoke)]
