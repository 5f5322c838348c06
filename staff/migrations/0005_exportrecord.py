"""ExportRecord moves here from leads (state only; the table keeps its name, SEC-6)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0004_default_fault_types"),
        ("leads", "0011_move_exportrecord_to_staff"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="ExportRecord",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("at", models.DateTimeField(auto_now_add=True, verbose_name="at")),
                        ("what", models.CharField(max_length=100, verbose_name="what")),
                        ("file_format", models.CharField(max_length=10, verbose_name="format")),
                        ("row_count", models.PositiveIntegerField(verbose_name="rows")),
                        (
                            "filters",
                            models.CharField(blank=True, max_length=300, verbose_name="filters"),
                        ),
                        (
                            "by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="by",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "data export",
                        "verbose_name_plural": "data exports",
                        "db_table": "leads_exportrecord",
                        "ordering": ["-at", "-id"],
                        "indexes": [
                            models.Index(fields=["by", "at"], name="exportrecord_by_at")
                        ],
                    },
                ),
            ],
        ),
    ]
