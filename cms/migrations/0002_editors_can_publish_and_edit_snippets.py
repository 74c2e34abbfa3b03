"""Communications staff (the Editors group) publish pages and maintain the site's snippets and settings."""

from django.db import migrations

SNIPPET_PERMISSIONS = [
    ("cms", "policyfield", ("add", "change", "delete")),
    ("cms", "person", ("add", "change", "delete")),
    ("cms", "sitefootersettings", ("change",)),
]


def _permissions(apps):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    for app_label, model, actions in SNIPPET_PERMISSIONS:
        for action in actions:
            yield Permission.objects.get(
                content_type__app_label=app_label, codename=f"{action}_{model}"
            )


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    editors = Group.objects.filter(name="Editors").first()
    root = Page.objects.filter(depth=1).first()
    if editors is None or root is None:
        return
    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    GroupPagePermission.objects.get_or_create(group=editors, page=root, permission=publish)
    editors.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    editors = Group.objects.filter(name="Editors").first()
    if editors is None:
        return
    GroupPagePermission.objects.filter(
        group=editors, permission__codename="publish_page", page__depth=1
    ).delete()
    editors.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
