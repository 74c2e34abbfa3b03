"""The selection models now belong to the ``selection`` app.

Only Django's picture of the models changes here: the tables stay as they are and the
``selection`` app's first migration takes them over, so no row is copied or lost.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0004_reviewers_group_and_selection_permissions"),
        ("selection", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="callforpracticespage",
                    name="page_ptr",
                ),
                migrations.RemoveField(
                    model_name="callforpracticespage",
                    name="selection_round",
                ),
                migrations.RemoveField(
                    model_name="callforpracticespage",
                    name="social_image",
                ),
                migrations.RemoveField(
                    model_name="nomination",
                    name="checked_by",
                ),
                migrations.RemoveField(
                    model_name="nomination",
                    name="decided_by",
                ),
                migrations.RemoveField(
                    model_name="nomination",
                    name="policy_fields",
                ),
                migrations.RemoveField(
                    model_name="nomination",
                    name="selection_round",
                ),
                migrations.AlterField(
                    model_name="practicepage",
                    name="source_nomination",
                    field=models.OneToOneField(
                        blank=True,
                        help_text="The nomination from the call for practices this profile grew from.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="practice_page",
                        to="selection.nomination",
                        verbose_name="source nomination",
                    ),
                ),
                migrations.RemoveField(
                    model_name="nominationdocument",
                    name="nomination",
                ),
                migrations.RemoveField(
                    model_name="review",
                    name="nomination",
                ),
                migrations.RemoveField(
                    model_name="review",
                    name="reviewer",
                ),
                migrations.DeleteModel(
                    name="CallForPracticesPage",
                ),
                migrations.DeleteModel(
                    name="SelectionRound",
                ),
                migrations.DeleteModel(
                    name="NominationDocument",
                ),
                migrations.DeleteModel(
                    name="Nomination",
                ),
                migrations.DeleteModel(
                    name="Review",
                ),
            ],
            database_operations=[],
        ),
    ]
