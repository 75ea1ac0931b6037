"""How many of each inspection's findings carry each theme, kept by
database triggers on the finding-theme links (inspections/theme_counts.py),
and filled from the links as they stand."""

import django.db.models.deletion
from django.db import migrations, models

from inspections import theme_counts


class Migration(migrations.Migration):
    dependencies = [("inspections", "0011_finding_report_order_index")]

    operations = [
        migrations.CreateModel(
            name="InspectionTheme",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "findings",
                    models.PositiveIntegerField(
                        help_text="Findings of the inspection with the theme."
                    ),
                ),
                (
                    "inspection",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="theme_counts",
                        to="inspections.inspection",
                    ),
                ),
                (
                    "theme",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="inspection_counts",
                        to="inspections.theme",
                    ),
                ),
            ],
            options={
                "verbose_name": "theme of an inspection",
                "verbose_name_plural": "themes of inspections",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("inspection", "theme"), name="one_count_per_inspection_and_theme"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("findings__gt", 0)),
                        name="inspection_theme_has_findings",
                    ),
                ],
            },
        ),
        migrations.RunPython(theme_counts.install, theme_counts.uninstall),
    ]
