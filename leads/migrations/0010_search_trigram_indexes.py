"""Trigram indexes for the lead list's free-text search (issue 10), on PostgreSQL only.

`leads.queries.search_filter` matches `icontains` on the customer name, community and building
(PostgreSQL runs `UPPER(col::text) LIKE UPPER('%…%')`) and `contains` on the phone for partial
digits. A GIN trigram index on each of exactly those expressions lets PostgreSQL answer the OR
of them with a bitmap index scan instead of reading every lead. The search text needs three
characters for trigrams to narrow it down; shorter text still reads the table.

SQLite (`make test`) has no trigram indexes: nothing happens there. `CREATE EXTENSION` needs a
superuser or, as pg_trgm is a trusted extension, a database owner.
"""

from django.db import migrations

TABLE = "leads_lead"
INDEXES = {
    "lead_customer_name_trgm": "upper(customer_name)",
    "lead_community_trgm": "upper(community)",
    "lead_building_trgm": "upper(building)",
    "lead_phone_trgm": "phone",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, expression in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {TABLE} USING gin ({expression} gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("leads", "0009_callback_reminder_schedule")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
