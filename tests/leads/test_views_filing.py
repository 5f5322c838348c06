"""Daily filing pages: the form, the CSV/XLSX import (all or nothing), the queues."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from leads.models import DailyFiling, FilingEntry, FilingStatus, Lead
from staff.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def sheet(login, marketing_sales):
    login(marketing_sales).post(reverse("leads:filing_today"))
    return DailyFiling.objects.get()


def csv_file(text: str, name: str = "day.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8-sig"), content_type="text/csv")


def test_attr2_filer_opens_todays_filing(sheet, marketing_sales):
    assert (sheet.filed_by, sheet.filing_date, sheet.status) == (
        marketing_sales,
        timezone.localdate(),
        FilingStatus.DRAFT,
    )


@pytest.mark.parametrize(
    ("persona", "status"),
    [(Role.FRONT_DESK, 403), (Role.DESIGNER, 403), (Role.ENGINEERING, 302)],
    indirect=["persona"],
)
def test_attr2_who_files_daily(login, persona, status):
    assert login(persona).post(reverse("leads:filing_today")).status_code == status


def test_attr2_add_an_entry_with_the_form(login, marketing_sales, sheet):
    today = timezone.localdate().isoformat()
    response = login(marketing_sales).post(
        reverse("leads:filing_add", args=[sheet.pk]),
        {
            "customer_name": "钱先生",
            "phone": "13966667777",
            "community": "富力城",
            "consultation_date": today,
        },
    )
    assert response.status_code == 302
    assert sheet.entries.get().phone == "13966667777"


def test_attr2_csv_import_with_chinese_headers(login, marketing_sales, sheet):
    today = timezone.localdate().isoformat()
    text = (
        "客户姓名,电话,小区,楼号,面积,预算,咨询日期\n"
        f"钱先生,13966667777,富力城,3-1-201,90,30000,{today}\n"
    )
    response = login(marketing_sales).post(
        reverse("leads:filing_import", args=[sheet.pk]), {"file": csv_file(text)}
    )
    assert response.status_code == 302
    assert sheet.entries.get().customer_name == "钱先生"


def test_attr2_xlsx_import(login, marketing_sales, sheet):
    book = openpyxl.Workbook()
    book.active.append(["customer_name", "phone", "community", "consultation_date"])
    book.active.append(["孙女士", 13966668888, "富力城", timezone.localdate()])
    buffer = io.BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("day.xlsx", buffer.getvalue())
    response = login(marketing_sales).post(
        reverse("leads:filing_import", args=[sheet.pk]), {"file": upload}
    )
    assert response.status_code == 302
    assert sheet.entries.get().phone == "13966668888"


def test_attr2_import_with_a_bad_row_imports_nothing(login, marketing_sales, sheet):
    today = timezone.localdate().isoformat()
    text = (
        "customer_name,phone,community,consultation_date\n"
        f"甲,13966667777,富力城,{today}\n"
        f"乙,139,富力城,{today}\n"
        f",13966669999,,{today}\n"
    )
    response = login(marketing_sales).post(
        reverse("leads:filing_import", args=[sheet.pk]), {"file": csv_file(text)}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Row 2: A mobile number has 11 digits and starts with 13-19." in body
    assert "Row 3: Customer name: This field is required." in body
    assert not FilingEntry.objects.exists()


def test_attr2_manager_confirms_and_customer_service_archives(
    login, marketing_sales, marketing_manager, customer_manager, sheet
):
    today = timezone.localdate().isoformat()
    login(marketing_sales).post(
        reverse("leads:filing_add", args=[sheet.pk]),
        {
            "customer_name": "钱先生",
            "phone": "13966667777",
            "community": "富力城",
            "consultation_date": today,
        },
    )
    login(marketing_sales).post(reverse("leads:filing_submit", args=[sheet.pk]))
    manager = login(marketing_manager)
    assert sheet in manager.get(reverse("leads:filings")).context["to_confirm"]
    manager.post(reverse("leads:filing_confirm", args=[sheet.pk]))
    cs = login(customer_manager)
    assert sheet in cs.get(reverse("leads:filings")).context["to_archive"]
    cs.post(reverse("leads:filing_archive", args=[sheet.pk]))
    sheet.refresh_from_db()
    assert sheet.status == FilingStatus.ARCHIVED
    assert Lead.objects.get().phone == "13966667777"


def test_attr2_outsiders_cannot_see_a_filing(login, sheet, designer):
    assert login(designer).get(sheet.get_absolute_url()).status_code == 404
