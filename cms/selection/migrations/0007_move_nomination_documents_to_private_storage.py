"""Nominators' files received before they were kept private move from the public media storage
to the private one, under the same names; moving back is the reverse."""

from django.core.files.storage import storages
from django.db import migrations


def _move(source_alias, target_alias):
    def run(apps, schema_editor):
        NominationDocument = apps.get_model("selection", "NominationDocument")
        source, target = storages[source_alias], storages[target_alias]
        moved = []
        for document in NominationDocument.objects.exclude(file="").iterator():
            name = document.file.name
            if not source.exists(name):
                continue  # moved already, or lost before this migration
            with source.open(name, "rb") as content:
                saved = target.save(name, content)
            if saved != name:
                NominationDocument.objects.filter(pk=document.pk).update(file=saved)
            moved.append(name)

        def delete_originals():
            for name in moved:
                source.delete(name)

        # The originals go only once the rows point at the copies for good.
        schema_editor.connection.on_commit(delete_originals)

    return run


move_to_private = _move("default", "private")
move_to_public = _move("private", "default")


class Migration(migrations.Migration):

    dependencies = [
        ("selection", "0006_nomination_documents_private_with_checked_type"),
    ]

    operations = [migrations.RunPython(move_to_private, move_to_public)]
