"""Reading an uploaded CSV or Excel file into rows for the filing and phone-list imports.

Headers may be English field names or the Chinese column titles staff use in their sheets.
Nothing is saved here: the services validate every row and save all or nothing.
"""

import tablib
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

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
    return HEADER_ALIASES.get(text, HEADER_ALIASES.get(text.lower(), text.lower()))


def _text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "date") and hasattr(value, "isoformat"):  # Excel dates
        return value.date().isoformat() if hasattr(value, "hour") else value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores 13812345678 as a float
    return str(value).strip()
