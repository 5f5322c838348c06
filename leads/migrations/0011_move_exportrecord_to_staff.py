"""ExportRecord moves to the staff app (one export log for every app and the admin, SEC-6).

State only: the table `leads_exportrecord` and its rows stay where they are.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("leads", "0010_search_trigram_indexes")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ExportRecord")],
            database_operations=[],
        )
    ]
