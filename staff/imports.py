"""Importing a file people upload (CSV or XLSX) through an import-export resource, all or nothing.

The in-app import pages (time clock, phone system) share this: read the file in the encodings
Chinese devices write, check the columns, import in one transaction, and report every bad row with
its number and reason.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import tablib
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


def read_dataset(upload, header_aliases: Mapping[str, str] | None = None) -> tablib.Dataset:
    """CSV in UTF-8 (with or without BOM) or GBK/GB18030, or XLSX; headers mapped by aliases."""
    raw = upload.read()
    if upload.name.lower().endswith(".xlsx"):
        dataset = tablib.Dataset().load(raw, format="xlsx")
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("gb18030")
        dataset = tablib.Dataset().load(text, format="csv")
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
