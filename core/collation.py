"""Chinese text in the order Chinese readers expect: by pinyin (艾 白 陈 … 王), not by code point.

Code point order puts 白 (bai) before 艾 (ai) and 甲 after 乙: a sorted name column would look
random. PostgreSQL sorts by pinyin with ICU's Chinese collation (`settings.PINYIN_COLLATION`,
"zh-x-icu" by default); SQLite, the development database, has no such collation and keeps code
point order. Used in the lists' sorts (core.lists) and in the indexes that answer them.
"""

from django.conf import settings
from django.core import checks
from django.db import connections
from django.db.models import Func


class Pinyin(Func):
    """`expression COLLATE "zh-x-icu"` on PostgreSQL; the bare expression elsewhere.

    A Func rather than Django's Collate: an index treats Collate as a wrapper of its own kind,
    which a subclass cannot be."""

    template = "%(expressions)s COLLATE %(collation)s"

    def as_sql(self, compiler, connection, **extra_context):
        collation = settings.PINYIN_COLLATION
        if connection.vendor != "postgresql" or not collation:
            return compiler.compile(self.get_source_expressions()[0])
        extra_context["collation"] = connection.ops.quote_name(collation)
        return super().as_sql(compiler, connection, **extra_context)


@checks.register(checks.Tags.database)
def pinyin_collation_exists(app_configs=None, databases=None, **kwargs) -> list:
    """`manage.py check --database default`: the pinyin collation is there on PostgreSQL (a
    server built without ICU has none; every name sort and two indexes would fail)."""
    collation = settings.PINYIN_COLLATION
    errors = []
    for alias in databases or ():
        connection = connections[alias]
        if connection.vendor != "postgresql" or not collation:
            continue
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_collation WHERE collname = %s", [collation])
            found = cursor.fetchone()
        if not found:
            errors.append(
                checks.Error(
                    f'PostgreSQL has no collation "{collation}" to sort Chinese text by pinyin.',
                    hint="Use a PostgreSQL built with ICU, or set DB_PINYIN_COLLATION= (empty) "
                    "to sort by code point.",
                    id="core.E001",
                )
            )
    return errors
