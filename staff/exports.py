"""What every export of personal data shares, wherever it starts (app page or admin): the log.

SEC-2/SEC-6: one `ExportRecord` per export — who, what, which filter, how many rows.
"""

from collections.abc import Mapping

from .models import ExportRecord, Staff

IGNORED_FILTER_KEYS = {"format", "file_format", "csrfmiddlewaretoken"}


def filters_text(filters: Mapping | None) -> str:
    """The filter a person exported with, as query-string text (first 300 characters)."""
    if not filters:
        return ""
    items = [
        f"{key}={value}"
        for key, value in filters.items()
        if value not in (None, "", []) and key not in IGNORED_FILTER_KEYS
    ]
    return "&".join(items)[:300]


def record_export(
    *, by: Staff, what: str, file_format: str, row_count: int, filters: Mapping | None = None
) -> ExportRecord:
    return ExportRecord.objects.create(
        by=by,
        what=what,
        file_format=file_format,
        row_count=row_count,
        filters=filters_text(filters),
    )
