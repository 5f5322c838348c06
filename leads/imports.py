"""Reading an uploaded CSV or Excel file into rows for the filing and phone-list imports.

Headers may be English field names or the Chinese column titles staff use in their sheets.
Nothing is saved here: the services validate every row and save all or nothing.
"""

from dataclasses import dataclass

import tablib
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from core.spreadsheets import TemplateColumn, template_workbook
from staff.models import Staff

from .services import phone_lists as phone_list_services
from .services.errors import LeadError

HEADER_ALIASES = {
    "客户姓名": "customer_name",
    "姓名": "customer_name",
    "name": "customer_name",
    "电话": "phone",
    "手机": "phone",
    "联系电话": "phone",
    "小区": "community",
    "楼号": "building",
    "楼栋单元": "building",
    "地址": "address",
    "面积": "area_m2",
    "房屋面积": "area_m2",
    "预算": "budget",
    "装修时间": "planned_decoration_date",
    "计划装修时间": "planned_decoration_date",
    "咨询日期": "consultation_date",
    "备注": "notes",
    "note": "notes",
}
MAX_ROWS = 2000


def read_table(upload: UploadedFile) -> list[dict[str, str]]:
    """Rows as {field: text}; empty rows dropped. Raises LeadError for an unreadable file."""
    dataset = _load(upload)
    if not dataset.headers:
        raise LeadError(_("The file has no header row."))
    headers = [_field_name(header) for header in dataset.headers]
    rows = []
    for values in dataset:
        row = {h: _text(v) for h, v in zip(headers, values) if h}
        if any(row.values()):
            rows.append(row)
    if len(rows) > MAX_ROWS:
        raise LeadError(_("At most %(max)s rows per file.") % {"max": MAX_ROWS})
    return rows


def _load(upload: UploadedFile) -> tablib.Dataset:
    name = (upload.name or "").lower()
    content = upload.read()
    try:
        if name.endswith(".xlsx"):
            return tablib.Dataset().load(content, format="xlsx")
        if name.endswith(".csv"):
            return tablib.Dataset().load(_decode(content), format="csv")
    except Exception as exc:  # tablib raises many kinds for a damaged file
        # A sentence people can act on, not the library's exception text (issue 14, finding 8).
        raise LeadError(
            _(
                "The file could not be read. Save it as CSV (UTF-8 or GBK) or Excel (.xlsx) "
                "and upload it again."
            )
        ) from exc
    raise LeadError(_("Upload a .csv or .xlsx file."))


def _decode(content: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030: what Excel in China saves CSV as."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("gb18030")


def _field_name(header) -> str:
    text = str(header or "").strip()
    aliases = {**HEADER_ALIASES, **_template_aliases()}
    return aliases.get(text, aliases.get(text.lower(), text.lower()))


def _text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "date") and hasattr(value, "isoformat"):  # Excel dates
        return value.date().isoformat() if hasattr(value, "hour") else value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores 13812345678 as a float
    return str(value).strip()


# ------------------------------------------------------------------------------------------------
# The marketing phone list (LEAD-5, issue 19): a template to download, and a preview that checks
# the file the way the import will, writing nothing.
# ------------------------------------------------------------------------------------------------

PHONE_LIST_COLUMNS = ("phone", "customer_name", "address", "notes")


def _phone_list_labels() -> dict[str, str]:
    return {
        "phone": _("Phone"),
        "customer_name": _("Name"),
        "address": _("Address"),
        "notes": _("Note"),
    }


def _template_aliases() -> dict[str, str]:
    """The template's headers in Chinese and English, so a filled template reads back."""
    aliases = {}
    for language in ("zh-hans", "en"):
        with translation.override(language):
            aliases.update({str(label): name for name, label in _phone_list_labels().items()})
    return aliases


def phone_list_template() -> bytes:
    """The phone list template (issue 19): headers in the reader's language, an example, notes."""
    labels = _phone_list_labels()
    notes = {
        "phone": _("Required: an 11-digit mobile or a landline number."),
        "customer_name": _("Optional: the owner's name."),
        "address": _("Optional: community, building and unit."),
        "notes": _("Optional."),
    }
    examples = {
        "phone": "13800138000",
        "customer_name": "张先生",
        "address": "望京花园 3-2-501",
        "notes": "",
    }
    columns = [TemplateColumn(labels[n], examples[n], notes[n]) for n in PHONE_LIST_COLUMNS]
    return template_workbook(_("Phone list"), columns)


def phone_rows(upload: UploadedFile) -> list:
    """The file's rows as the service takes them (LeadError for an unreadable file)."""
    return [
        phone_list_services.PhoneRow(
            phone=row.get("phone", ""),
            customer_name=row.get("customer_name", ""),
            address=row.get("address", "") or row.get("community", ""),
            note=row.get("notes", ""),
        )
        for row in read_table(upload)
    ]


@dataclass(frozen=True)
class PhoneListPreview:
    numbers: int  # distinct numbers the list will hold
    duplicates: int  # repeated numbers that will be merged


def preview_phone_list(*, name: str, rows: list, by: Staff, community: str = "", note: str = ""):
    """What the import would do, by running it and rolling it back: the same checks, the same
    errors (LeadError / FilingError), nothing written."""
    with transaction.atomic():
        result = phone_list_services.import_phone_list(
            name=name, community=community, note=note, rows=rows, by=by
        )
        transaction.set_rollback(True)
    return PhoneListPreview(numbers=result.imported, duplicates=result.duplicates)
