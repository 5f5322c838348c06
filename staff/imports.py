"""Importing a file people upload (CSV or XLSX) through an import-export resource, all or nothing.

The in-app import pages (time clock, phone system) share this: read the file in the encodings
Chinese devices write, check the columns, import in one transaction, and report every bad row with
its number and reason.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from io import BytesIO

import tablib
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export.resources import Resource

from .models import Staff


@dataclass
class ImportOutcome:
    imported: int = 0
    skipped: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


MEGABYTE = 1024 * 1024


def check_upload(upload) -> None:
    """Refuse a file over the byte or row limit before anything parses it (ValidationError).

    Every upload goes through here: the in-app import forms' clean and the admin imports
    (staff.admin_imports). A file of unknown shape is counted by its lines, so it cannot slip by.
    """
    max_bytes, max_rows = settings.UPLOAD_MAX_BYTES, settings.UPLOAD_MAX_ROWS
    if upload.size is not None and upload.size > max_bytes:
        raise ValidationError(
            _("The file exceeds the %(limit)s MB limit.") % {"limit": _megabytes(max_bytes)},
            code="too_large",
        )
    if count_rows(upload, stop_after=max_rows) > max_rows:
        raise ValidationError(
            _("The file exceeds the %(limit)s-row limit.") % {"limit": f"{max_rows:,}"},
            code="too_many_rows",
        )


def count_rows(upload, *, stop_after: int) -> int:
    """Data rows (blank ones not counted, the header row not counted), without parsing cells.

    Counting stops a row past `stop_after`. The file is rewound for the reader that follows.
    """
    upload.seek(0)
    raw = upload.read()
    upload.seek(0)
    if (upload.name or "").lower().endswith(".xlsx"):
        try:
            return _count_xlsx_rows(raw, stop_after)
        except Exception:  # noqa: BLE001, S110 - not a workbook after all: count its lines
            pass
    # CSV/TSV: a line is a row (a quoted cell with line breaks counts more, never fewer).
    lines = sum(1 for line in raw.splitlines() if line.strip(b" \t,;\x00"))
    return max(lines - 1, 0)


def _count_xlsx_rows(raw: bytes, stop_after: int) -> int:
    from openpyxl import load_workbook

    book = load_workbook(BytesIO(raw), read_only=True, data_only=True)
    try:
        sheet = book.active
        declared = sheet.max_row  # from the sheet's dimension record, when the writer set it
        if declared is not None and declared - 1 <= stop_after:
            return max(declared - 1, 0)
        rows = 0
        for values in sheet.iter_rows(values_only=True):
            if any(value not in (None, "") for value in values):
                rows += 1
                if rows - 1 > stop_after:
                    break
        return max(rows - 1, 0)
    finally:
        book.close()


def _megabytes(size: int) -> str:
    return str(size // MEGABYTE) if size % MEGABYTE == 0 else f"{size / MEGABYTE:.1f}"


def decode_text(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030 (GBK's superset): what Chinese devices write.

    Raises UnicodeDecodeError when the bytes are neither (a binary or damaged file).
    """
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("gb18030")


def read_dataset(upload, header_aliases: Mapping[str, str] | None = None) -> tablib.Dataset:
    """CSV in UTF-8 (with or without BOM) or GBK/GB18030, or XLSX; headers mapped by aliases."""
    raw = upload.read()
    if upload.name.lower().endswith(".xlsx"):
        dataset = tablib.Dataset().load(raw, format="xlsx")
    else:
        dataset = tablib.Dataset().load(decode_text(raw), format="csv")
    if dataset.headers and header_aliases:
        dataset.headers = [
            header_aliases.get(str(h).strip(), str(h).strip()) for h in dataset.headers
        ]
    return dataset


def row_messages(result) -> list[tuple[int, str]]:
    """(row number, reason) for every invalid or failed row of an import result."""
    found = []
    for row in result.invalid_rows:
        details = "; ".join(
            f"{name}: {' '.join(str(m) for m in msgs)}" for name, msgs in row.error_dict.items()
        )
        found.append((row.number, details))
    for number, errors in result.row_errors():
        found.append((number, "; ".join(str(error.error) for error in errors)))
    for error in result.base_errors:  # e.g. a batch that failed to save: no row number
        found.append((0, str(error.error)))
    return sorted(found)


def import_upload(
    resource: Resource,
    upload,
    *,
    by: Staff,
    required: Sequence[str],
    header_aliases: Mapping[str, str] | None = None,
) -> ImportOutcome:
    """All or nothing: any bad row rolls the whole file back and is reported."""
    try:
        check_upload(upload)
    except ValidationError as exc:
        return ImportOutcome(errors=[(0, " ".join(exc.messages))])
    try:
        dataset = read_dataset(upload, header_aliases)
    except Exception:  # noqa: BLE001 - any unreadable file gets the same answer
        return ImportOutcome(errors=[(0, _("The file could not be read as CSV or Excel."))])
    missing = [column for column in required if column not in (dataset.headers or [])]
    if missing:
        text = _("Missing columns: %(columns)s") % {"columns": ", ".join(missing)}
        return ImportOutcome(errors=[(0, text)])
    result = resource.import_data(
        dataset, dry_run=False, use_transactions=True, rollback_on_validation_errors=True, user=by
    )
    errors = row_messages(result)
    if errors:
        return ImportOutcome(errors=errors)
    totals = result.totals
    return ImportOutcome(
        imported=totals.get("new", 0) + totals.get("update", 0), skipped=totals.get("skip", 0)
    )
