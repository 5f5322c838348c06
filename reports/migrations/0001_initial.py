"""The report tables taken over from the front desk (issue 17). State only: the tables were
created by `frontdesk` 0004 and keep their names and rows (`db_table`)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("frontdesk", "0008_reports_moved_out"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="DailySnapshot",
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
                        ("day", models.DateField(unique=True, verbose_name="day")),
                        ("leads", models.PositiveIntegerField(default=0, verbose_name="new leads")),
                        (
                            "leads_by_channel",
                            models.JSONField(default=dict, verbose_name="new leads by channel"),
                        ),
                        (
                            "walk_ins",
                            models.PositiveIntegerField(default=0, verbose_name="walk-ins"),
                        ),
                        ("calls", models.PositiveIntegerField(default=0, verbose_name="calls")),
                        (
                            "appointments",
                            models.PositiveIntegerField(default=0, verbose_name="appointments"),
                        ),
                        (
                            "dispatches",
                            models.PositiveIntegerField(default=0, verbose_name="dispatches"),
                        ),
                        (
                            "measurements",
                            models.PositiveIntegerField(default=0, verbose_name="measurements"),
                        ),
                        (
                            "signings",
                            models.PositiveIntegerField(default=0, verbose_name="signings"),
                        ),
                        (
                            "closures",
                            models.PositiveIntegerField(default=0, verbose_name="closures"),
                        ),
                        ("computed_at", models.DateTimeField(verbose_name="computed at")),
                    ],
                    options={
                        "db_table": "frontdesk_dailysnapshot",
                        "verbose_name": "daily snapshot",
                        "verbose_name_plural": "daily snapshots",
                        "ordering": ["-day"],
                        "permissions": [
                            ("view_monthly_report", "Can see the GM monthly report"),
                            ("view_segments", "Can see the customer segments"),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="JobRun",
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
                        ("job", models.CharField(max_length=40, verbose_name="job")),
                        ("for_date", models.DateField(verbose_name="for date")),
                        ("started_at", models.DateTimeField(verbose_name="started at")),
                        (
                            "finished_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="finished at"),
                        ),
                        (
                            "outcome",
                            models.CharField(
                                choices=[("RUNNING", "Running"), ("OK", "OK"), ("ERROR", "Error")],
                                default="RUNNING",
                                max_length=8,
                                verbose_name="outcome",
                            ),
                        ),
                        ("message", models.TextField(blank=True, verbose_name="message")),
                    ],
                    options={
                        "db_table": "frontdesk_jobrun",
                        "verbose_name": "job run",
                        "verbose_name_plural": "job runs",
                        "ordering": ["-started_at", "-id"],
                        "indexes": [
                            models.Index(fields=["-started_at"], name="jobrun_started"),
                            models.Index(fields=["job", "for_date"], name="jobrun_job_date"),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="SegmentBand",
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
                        (
                            "kind",
                            models.CharField(
                                choices=[("AREA", "House area (m²)"), ("BUDGET", "Budget (CNY)")],
                                max_length=8,
                                verbose_name="dimension",
                            ),
                        ),
                        ("label", models.CharField(max_length=40, verbose_name="label")),
                        (
                            "low",
                            models.DecimalField(
                                decimal_places=2, max_digits=12, verbose_name="from (inclusive)"
                            ),
                        ),
                        (
                            "high",
                            models.DecimalField(
                                blank=True,
                                decimal_places=2,
                                max_digits=12,
                                null=True,
                                verbose_name="to (exclusive)",
                            ),
                        ),
                        (
                            "order",
                            models.PositiveSmallIntegerField(default=0, verbose_name="order"),
                        ),
                    ],
                    options={
                        "db_table": "frontdesk_segmentband",
                        "verbose_name": "segment band",
                        "verbose_name_plural": "segment bands",
                        "ordering": ["kind", "order", "low"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("kind", "label"), name="segmentband_unique_label"
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("high__isnull", True),
                                    ("high__gt", models.F("low")),
                                    _connector="OR",
                                ),
                                name="segmentband_high_above_low",
                                violation_error_message="A band ends above where it starts.",
                            ),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
