"""SEC-7 and SEC-6 through every export: a name that looks like a formula reaches the file as text
(never a live formula), and each export writes one row to the export log.

Each test puts `=HYPERLINK(...)`, `+1` and `@SUM(A1)` into names that reach the file, then opens
the file: xlsx cells written by openpyxl keep the exact text in a string cell; CSV cells and the
admin's tablib files carry a leading quote.
"""

import csv
import datetime as dt
from decimal import Decimal
from io import BytesIO, StringIO

import pytest
import time_machine
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from attendance import services as attendance_services
from attendance.services import pay as pay_services
from complaints.models import Complaint
from complaints.resources import ComplaintResource
from core.spreadsheets import is_formula_like
from leads.models import Channel
from reports.queries.tables import Table
from staff.models import ExportRecord, Role, Staff
from tests.attendance.conftest import beijing
from tests.attendance.pay_factories import MARCH, absent, employee
from tests.complaints.factories import ComplaintFactory
from tests.factories import StaffFactory
from tests.leads.factories import LeadFactory, SlipFactory
from tests.reports import report_fixture

pytestmark = pytest.mark.django_db

NAMES = ['=HYPERLINK("http://x","点我")', "+1", "@SUM(A1)"]


# ---------------------------------------------------------------- reading the files back


def assert_xlsx_names_are_text(content: bytes, names=NAMES, quoted: bool = False) -> None:
    """Every name is in the workbook as a text cell; no cell of any sheet is a formula."""
    book = load_workbook(BytesIO(content))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    expected = {("'" + name if quoted else name) for name in names}
    found = {c.value: c.data_type for c in cells if c.value in expected}
    assert found == dict.fromkeys(expected, "s")


def assert_csv_names_are_quoted(content: bytes, names=NAMES) -> None:
    """Every name is in the CSV with a leading quote; no cell starts like a formula."""
    cells = [cell for row in csv.reader(StringIO(content.decode("utf-8-sig"))) for cell in row]
    assert [cell for cell in cells if is_formula_like(cell)] == []
    assert {"'" + name for name in names} <= set(cells)


def logged(what: str) -> ExportRecord:
    return ExportRecord.objects.get(what=what)


# ---------------------------------------------------------------- leads: list and HR's slips


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_sec7_lead_list_export_writes_names_as_text_and_is_logged(
    login, customer_manager, file_format
):
    for name in NAMES:
        LeadFactory(customer_name=name)
    response = login(customer_manager).get(reverse("leads:export"), {"format": file_format})
    assert response.status_code == 200
    if file_format == "csv":
        assert_csv_names_are_quoted(response.content)
    else:
        assert_xlsx_names_are_text(response.content)
    record = logged("leads")
    assert (record.by, record.file_format, record.row_count) == (customer_manager, file_format, 3)


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_sec7_slip_export_writes_names_as_text_and_is_logged(login, hr, file_format):
    for name in NAMES:
        SlipFactory(lead__customer_name=name, dispatched_at=timezone.now())
    response = login(hr).get(reverse("leads:slips_hr_export"), {"format": file_format})
    assert response.status_code == 200
    if file_format == "csv":
        assert_csv_names_are_quoted(response.content)
    else:
        assert_xlsx_names_are_text(response.content)
    record = logged("transfer-slips")
    assert (record.by, record.file_format, record.row_count) == (hr, file_format, 3)


# ---------------------------------------------------------------- attendance: summary and pay


def test_sec7_attendance_summary_writes_names_as_text_and_is_logged(login, hr):
    with time_machine.travel(beijing(2026, 3, 11, 10, 0), tick=False):
        for name in NAMES:
            employee(name=name)
        attendance_services.compute_day(day=dt.date(2026, 3, 10))
        response = login(hr).get(reverse("attendance:summary-export"), {"month": "2026-03"})
    assert response.status_code == 200
    assert_xlsx_names_are_text(response.content)
    record = logged("attendance-summary")
    assert (record.by, record.file_format, record.filters) == (hr, "xlsx", "month=2026-03")
    assert record.row_count >= 3


def test_sec7_pay_workbook_writes_names_as_text_and_is_logged(login, hr):
    with time_machine.travel(beijing(2026, 4, 3, 10, 0), tick=False):
        people = [employee(name=name, base_salary=Decimal(4000)) for name in NAMES]
        absent(people[0], dt.date(2026, 3, 2))
        pay_services.prepare_month(month=MARCH, by=hr)
        response = login(hr).get(reverse("attendance:pay-export", args=[2026, 3]))
    assert response.status_code == 200
    assert_xlsx_names_are_text(response.content)
    record = logged("pay-month")
    assert (record.by, record.file_format, record.filters) == (hr, "xlsx", "month=2026-03")
    assert record.row_count >= 3


# ---------------------------------------------------------------- front-desk tables, GM report


def test_sec7_report_tables_write_labels_as_text_and_are_logged(login, gm, monkeypatch):
    # No person's name reaches this table; its only text is the channel labels, so those carry
    # the names here, to prove every cell of the sheet goes through the safe writer.
    original = list(Channel.choices)
    labels = [(key, name) for (key, _label), name in zip(original, NAMES)] + original[3:]
    monkeypatch.setattr(Table, "channels", property(lambda table: labels))
    query = {"period": "week", "day": "2026-03-04", "format": "xlsx"}
    response = login(gm).get(reverse("reports:tables"), query)
    assert response.status_code == 200
    assert_xlsx_names_are_text(response.content)
    record = logged("report-tables")
    assert (record.by, record.file_format, record.row_count) == (gm, "xlsx", 8)  # 7 days, total
    assert record.filters == "period=week&day=2026-03-04"


def test_sec7_gm_monthly_workbook_writes_names_as_text_and_is_logged(login, gm):
    built = report_fixture.build()
    for designer, name in zip((built.d1, built.d2, built.d3), NAMES, strict=True):
        Staff.objects.filter(pk=designer.pk).update(name=name)
    query = {"month": "2026-03", "format": "xlsx"}
    response = login(gm).get(reverse("reports:monthly"), query)
    assert response.status_code == 200
    assert_xlsx_names_are_text(response.content)
    record = logged("gm-monthly")
    assert (record.by, record.file_format, record.filters) == (gm, "xlsx", "month=2026-03")
    assert record.row_count > 0


# ---------------------------------------------------------------- the admin export


def _admin_gm() -> Staff:
    user = StaffFactory(roles=[Role.GM], is_staff=True)
    return Staff.objects.get(pk=user.pk)  # fresh from the database: no cached permissions


def _format_index(extension: str) -> str:
    formats = admin.site.get_model_admin(Complaint).get_export_formats()
    return str(next(i for i, f in enumerate(formats) if f().get_extension() == extension))


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_sec7_admin_complaint_export_writes_names_as_text_and_is_logged(client, file_format):
    for name in NAMES:
        ComplaintFactory(customer_name=name)
    gm = _admin_gm()
    client.force_login(gm)
    fields = {f"complaintresource_{name}": "on" for name in ComplaintResource().fields}
    response = client.post(
        "/admin/complaints/complaint/export/",
        {"format": _format_index(file_format), "resource": "0", **fields},
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    if file_format == "csv":
        assert_csv_names_are_quoted(response.content)
    else:
        assert_xlsx_names_are_text(response.content, quoted=True)
    record = logged("admin:complaints.complaint")
    assert (record.by, record.file_format, record.row_count) == (gm, file_format, 3)
