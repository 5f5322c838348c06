"""The snapshot, job-run and segment-band models moved to the reports app (issue 17). State only:
the tables and their rows stay where they are; `reports` 0001 takes them over by `db_table`."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("frontdesk", "0007_dailyreview"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="DailySnapshot"),
                migrations.DeleteModel(name="JobRun"),
                migrations.DeleteModel(name="SegmentBand"),
            ],
            database_operations=[],
        ),
    ]
