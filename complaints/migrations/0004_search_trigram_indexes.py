"""Trigram indexes for the complaint register's free-text search (issue 10), PostgreSQL only.

`complaints.queries._search_q` matches `icontains` on the number, customer name, summary and
document reference (PostgreSQL runs `UPPER(col::text) LIKE UPPER('%…%')`) and, for those who
may see phones, `contains` on the phone. A GIN trigram index on each of exactly those
expressions lets PostgreSQL answer the OR of them with a bitmap index scan instead of reading
every complaint. The search text needs three characters for trigrams to narrow it down.

SQLite (`make test`) has no trigram indexes: nothing happens there. `CREATE EXTENSION` needs a
superuser or, as pg_trgm is a trusted extension, a database owner.
"""

from django.db import migrations

TABLE = "complaints_complaint"
INDEXES = {
    "complaint_number_trgm": "upper(number)",
    "complaint_customer_name_trgm": "upper(customer_name)",
    "complaint_summary_trgm": "upper(summary)",
    "complaint_document_ref_trgm": "upper(document_ref)",
    "complaint_phone_trgm": "phone",
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
    dependencies = [("complaints", "0003_escalation_schedule")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
