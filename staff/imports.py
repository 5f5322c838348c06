"""Importing a file people upload (CSV or XLSX) through an import-export resource, all or nothing.

The in-app import pages (time clock, phone system) share this: read the file in the encodings
Chinese devices write, check the columns, import in one transaction, and report every bad row with
its number and reason.
"""

import hashlib
import hmac
import secrets
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

import tablib
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from import_export.resources import Resource

from .models import Staff


@dataclass
class ImportOutcome:
    imported: int = 0
    skipped: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    preview: bool = False

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


class RowProblems(Exception):
    """Raised by a dataset transform (a preset's grouping) for rows it could not read."""

    def __init__(self, errors: list[tuple[int, str]]) -> None:
        super().__init__(errors)
        self.errors = errors


def import_upload(
    resource: Resource,
    upload,
    *,
    by: Staff,
    required: Sequence[str],
    header_aliases: Mapping[str, str] | None = None,
    transform: Callable[[tablib.Dataset], tablib.Dataset] | None = None,
    dry_run: bool = False,
) -> ImportOutcome:
    """All or nothing: any bad row rolls the whole file back and is reported.

    `dry_run` is the preview (issue 19): everything is checked and counted inside a transaction
    that is rolled back, so nothing is written. `transform` reshapes the read file first (a
    source preset's column mapping and punch grouping).
    """
    try:
        check_upload(upload)
    except ValidationError as exc:
        return ImportOutcome(errors=[(0, " ".join(exc.messages))])
    try:
        dataset = read_dataset(upload, header_aliases)
    except Exception:  # noqa: BLE001 - any unreadable file gets the same answer
        return ImportOutcome(errors=[(0, _("The file could not be read as CSV or Excel."))])
    if transform is not None:
        try:
            dataset = transform(dataset)
        except RowProblems as exc:
            return ImportOutcome(errors=exc.errors, preview=dry_run)
    missing = [column for column in required if column not in (dataset.headers or [])]
    if missing:
        text = _("Missing columns: %(columns)s") % {"columns": ", ".join(missing)}
        return ImportOutcome(errors=[(0, text)])
    result = resource.import_data(
        dataset,
        dry_run=dry_run,
        use_transactions=True,
        rollback_on_validation_errors=True,
        user=by,
    )
    errors = row_messages(result)
    if errors:
        return ImportOutcome(errors=errors, preview=dry_run)
    totals = result.totals
    created, updated = totals.get("new", 0), totals.get("update", 0)
    return ImportOutcome(
        imported=created + updated,
        skipped=totals.get("skip", 0),
        created=created,
        updated=updated,
        preview=dry_run,
    )


# ------------------------------------------------------------------------------------------------
# Preview, then confirm (issue 19): the upload waits in a temporary file named by a random token
# kept in the person's session; confirm re-reads it, checks it is byte for byte the file the
# preview showed (its SHA-256), checks everything again and imports all or nothing.
# ------------------------------------------------------------------------------------------------

STAGE_DIR = Path(tempfile.gettempdir()) / "frontoffice-imports"


class StageError(Exception):
    """The file the preview showed is gone or is no longer the same."""


def _session_key(kind: str) -> str:
    return f"import-stage:{kind}"


def stage_upload(session, kind: str, upload, **extra) -> str:
    """Keep the upload for the confirm step; returns its SHA-256 (the page posts it back)."""
    clear_stage(session, kind)
    upload.seek(0)
    raw = upload.read()
    upload.seek(0)
    digest = hashlib.sha256(raw).hexdigest()
    token = secrets.token_hex(16)
    STAGE_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
    (STAGE_DIR / token).write_bytes(raw)
    session[_session_key(kind)] = {
        "token": token,
        "sha256": digest,
        "name": upload.name,
        **extra,
    }
    return digest


def staged_upload(session, kind: str, digest: str) -> tuple[SimpleUploadedFile, dict]:
    """The staged file, if it is still the one whose digest the preview showed (StageError)."""
    stage = session.get(_session_key(kind))
    if not stage or not hmac.compare_digest(stage["sha256"], str(digest or "")):
        raise StageError(_("The file changed since the preview. Upload it again."))
    path = STAGE_DIR / stage["token"]
    try:
        raw = path.read_bytes()
    except OSError:
        raise StageError(_("The previewed file has expired. Upload it again.")) from None
    if hashlib.sha256(raw).hexdigest() != stage["sha256"]:
        raise StageError(_("The file changed since the preview. Upload it again."))
    return SimpleUploadedFile(stage["name"], raw), stage


def clear_stage(session, kind: str) -> None:
    stage = session.pop(_session_key(kind), None)
    if stage:
        (STAGE_DIR / stage["token"]).unlink(missing_ok=True)


def staged_path(session, kind: str) -> Path | None:
    """Where the staged file lies (tests change it to check the confirm step refuses it)."""
    stage = session.get(_session_key(kind))
    return STAGE_DIR / stage["token"] if stage else None
