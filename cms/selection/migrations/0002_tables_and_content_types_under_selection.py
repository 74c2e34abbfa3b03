"""The tables take the ``selection_`` prefix and the content types move from ``cms`` to ``selection``.

Moving the content type rows (rather than making new ones) keeps what points at them: the
permissions and every group's grants, the call page's ``Page.content_type``, its revisions and
log entries.
"""

from django.db import migrations

MODELS = ["selectionround", "callforpracticespage", "nomination", "nominationdocument", "review"]


def _move_content_types(apps, schema_editor, *, source: str, target: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    db = schema_editor.connection.alias
    for model in MODELS:
        moving = ContentType.objects.using(db).filter(app_label=source, model=model).first()
        if moving is None:
            continue
        # A content type made for the target in between (by another app's migration that creates
        # permissions) gives up its permissions to the row that moves, then goes.
        for stray in ContentType.objects.using(db).filter(app_label=target, model=model):
            kept = set(
                Permission.objects.using(db)
                .filter(content_type=moving)
                .values_list("codename", flat=True)
            )
            Permission.objects.using(db).filter(content_type=stray, codename__in=kept).delete()
            Permission.objects.using(db).filter(content_type=stray).update(content_type=moving)
            ContentType.objects.using(db).filter(pk=stray.pk)._raw_delete(db)
        moving.app_label = target
        moving.save(update_fields=["app_label"])
    ContentType.objects.clear_cache()


def forwards(apps, schema_editor):
    _move_content_types(apps, schema_editor, source="cms", target="selection")


def backwards(apps, schema_editor):
    _move_content_types(apps, schema_editor, source="selection", target="cms")


class Migration(migrations.Migration):
    dependencies = [
        ("selection", "0001_initial"),
        ("cms", "0005_selection_models_move_to_their_own_app"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RenameIndex(
            model_name="nomination",
            new_name="selection_n_selecti_14195a_idx",
            old_name="cms_nominat_selecti_e92e97_idx",
        ),
        migrations.AlterModelTable(name="callforpracticespage", table=None),
        migrations.AlterModelTable(name="nomination", table=None),
        migrations.AlterModelTable(name="nominationdocument", table=None),
        migrations.AlterModelTable(name="review", table=None),
        migrations.AlterModelTable(name="selectionround", table=None),
        migrations.RunPython(forwards, backwards),
    ]
