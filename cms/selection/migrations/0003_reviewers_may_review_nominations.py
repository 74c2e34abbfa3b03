"""A "review nominations" permission, granted to the Reviewers group.

Being a reviewer was a matter of belonging to the group called "Reviewers"; it is now a
permission, so a site can grant it to a group of any name.
"""

from django.db import migrations

REVIEWERS_GROUP = "Reviewers"
CODENAME = "review_nomination"


def _permission(apps):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("selection")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label="selection", codename=CODENAME)


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    reviewers = Group.objects.filter(name=REVIEWERS_GROUP).first()
    if reviewers is not None:
        reviewers.permissions.add(_permission(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(
        content_type__app_label="selection", codename=CODENAME
    ).first()
    reviewers = Group.objects.filter(name=REVIEWERS_GROUP).first()
    if reviewers is not None and permission is not None:
        reviewers.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("selection", "0002_tables_and_content_types_under_selection"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="nomination",
            options={
                "ordering": ["-submitted_at", "-pk"],
                "permissions": [
                    ("review_nomination", "Can check and score nominations as a reviewer")
                ],
                "verbose_name": "nomination",
                "verbose_name_plural": "nominations",
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
