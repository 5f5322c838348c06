"""Trigram (pg_trgm) GIN indexes for free-text search, created by migrations on PostgreSQL only.

Django's `icontains` runs `UPPER(col::text) LIKE UPPER('%…%')` on PostgreSQL; a GIN trigram index
on exactly that expression lets PostgreSQL answer it with a bitmap index scan instead of reading
the table (for search text of three characters or more). SQLite has no such indexes: the
operation does nothing there. `CREATE EXTENSION` needs a superuser or, pg_trgm being a trusted
extension, the database owner.
"""

from django.db import migrations


def trigram_indexes(table: str, indexes: dict[str, str]) -> migrations.RunPython:
    """A reversible migration operation creating `indexes` ({name: expression}) on `table`."""

    def create(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, expression in indexes.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
                f"USING gin ({expression} gin_trgm_ops)"
            )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for name in indexes:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return migrations.RunPython(create, drop, elidable=False)
