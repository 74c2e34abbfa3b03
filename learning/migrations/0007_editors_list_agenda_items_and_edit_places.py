"""Editors list the agenda items of every edition and edit the places they happen in."""

from django.db import migrations

EDITOR_PERMISSIONS = [
    ("learning", "agendaitem", ("view",)),
    ("learning", "place", ("add", "change", "delete", "view")),
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
            yield Permission.objects.get(
                content_type__app_label=app_label, codename=f"{action}_{model}"
            )


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
    dependencies = [("learning", "0006_agenda_items_places_attendance_and_changes")]

    operations = [migrations.RunPython(grant, revoke)]
