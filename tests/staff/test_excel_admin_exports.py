"""Issue 19: admin exports the Office way (the fields' Chinese or English names as headers,
labels instead of codes, people by name), while the admin imports keep taking the files they took
and also take those headers; SEC-5's superuser-only columns and SEC-6's phone mask hold whichever
headers a file or an export uses."""

import csv
from io import BytesIO, StringIO

import pytest
import tablib
from django.conf import settings
from django.utils import translation
from openpyxl import load_workbook

from complaints.resources import ComplaintResource
from leads.models import Lead, LeadState
from leads.resources import LeadResource
from staff.models import Role, Staff
from staff.resources import StaffResource
from tests.complaints.factories import ComplaintFactory
from tests.factories import StaffFactory
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db


def person(role: str, **fields) -> Staff:
    return Staff.objects.get(pk=StaffFactory(roles=[role], is_staff=True, **fields).pk)


def header(resource, name: str, language: str) -> str:
    with translation.override(language):
        return str(resource.export_header(resource.fields[name]))


def admin_export(client, url, resource_class, *, language="zh-hans", file_format="0"):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    fields = {f"{resource_class.__name__.lower()}_{name}": "on" for name in resource_class().fields}
    response = client.post(url, {"format": file_format, "resource": "0", **fields})
    assert response.status_code == 200, response.status_code
    return response


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(StringIO(response.content.decode("utf-8-sig"))))


def test_excel_admin_lead_export_has_chinese_headers_labels_and_names(client):
    owner = StaffFactory(name="王小明", employee_no="S0101")
    LeadFactory(customer_name="李女士", state=LeadState.NEW, owner=owner)
    client.force_login(StaffFactory(is_staff=True, is_superuser=True))
    rows = csv_rows(admin_export(client, "/admin/leads/lead/export/", LeadResource))
    assert rows[0]["客户姓名"] == "李女士"
    with translation.override("zh-hans"):
        state = str(LeadState.NEW.label)
        channel = str(Lead._meta.get_field("channel").choices[0][1])  # any label, not a code
    assert rows[0][header(LeadResource, "state", "zh-hans")] == state
    assert rows[0][header(LeadResource, "owner", "zh-hans")] == "王小明 (S0101)"
    assert rows[0][header(LeadResource, "channel", "zh-hans")] != "WALK_IN"
    assert channel


def test_excel_admin_lead_export_in_english_with_the_language_cookie(client):
    LeadFactory(customer_name="Ms Li", state=LeadState.NEW)
    client.force_login(StaffFactory(is_staff=True, is_superuser=True))
    response = admin_export(client, "/admin/leads/lead/export/", LeadResource, language="en")
    rows = csv_rows(response)
    name_header = header(LeadResource, "customer_name", "en")
    assert name_header != "customer_name" and name_header.isascii()
    assert rows[0][name_header] == "Ms Li"
    with translation.override("en"):
        assert rows[0][header(LeadResource, "state", "en")] == str(LeadState.NEW.label)


def test_excel_admin_staff_export_xlsx_reads_back_with_chinese_headers(client):
    StaffFactory(employee_no="S0202", name="赵六", base_salary=12345)
    client.force_login(person(Role.HR))
    response = admin_export(client, "/admin/staff/staff/export/", StaffResource, file_format="1")
    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    headers = [c.value for c in sheet[1]]
    assert "工号" in headers and "姓名" in headers
    assert "employee_no" not in headers
    assert header(StaffResource, "roles", "zh-hans") in headers


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_excel_admin_sec6_phone_still_masked_with_localized_headers(client, language):
    ComplaintFactory(phone="13912345678")
    client.force_login(person(Role.GM))
    response = admin_export(
        client, "/admin/complaints/complaint/export/", ComplaintResource, language=language
    )
    rows = csv_rows(response)
    phone = header(ComplaintResource, "phone", language)
    assert phone != "phone"
    assert rows[0][phone] == "139****5678"
    assert "13912345678" not in response.content.decode("utf-8-sig")


def test_excel_admin_staff_import_still_takes_english_field_names():
    data = tablib.Dataset(
        ["S0301", "zhang3", "张三", "HR"], headers=["employee_no", "username", "name", "department"]
    )
    result = StaffResource().import_data(data, dry_run=False, use_transactions=True)
    assert not result.has_errors() and not result.has_validation_errors()
    assert Staff.objects.get(employee_no="S0301").department == "HR"


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_excel_admin_staff_import_takes_the_export_headers_and_labels(language):
    names = ["employee_no", "username", "name", "department"]
    headers = [header(StaffResource, n, language) for n in names]
    from staff.models import Department

    with translation.override(language):
        hr_label = str(Department.HR.label)
    data = tablib.Dataset(["S0302", "li4", "李四", hr_label], headers=headers)
    result = StaffResource().import_data(data, dry_run=False, use_transactions=True)
    assert not result.has_errors() and not result.has_validation_errors()
    assert Staff.objects.get(employee_no="S0302").department == Department.HR


def test_excel_admin_sec5_superuser_only_columns_refused_under_chinese_headers():
    hr = person(Role.HR)
    target = StaffFactory(employee_no="S0303", username="w5", name="王五")
    headers = ["工号", "用户名", "姓名", header(StaffResource, "roles", "zh-hans")]
    data = tablib.Dataset([target.employee_no, "w5", "王五", "GM"], headers=headers)
    result = StaffResource().import_data(data, dry_run=False, use_transactions=True, user=hr)
    assert result.has_errors() or result.has_validation_errors()
    assert set(Staff.objects.get(pk=target.pk).role_codes) != {"GM"}


def test_excel_admin_sec5_lead_state_refused_under_its_chinese_header():
    manager = person(Role.CUSTOMER_MANAGER)
    lead = LeadFactory(state=LeadState.NEW)
    state = header(LeadResource, "state", "zh-hans")
    data = tablib.Dataset([lead.pk, "SIGNED"], headers=["ID", state])
    result = LeadResource().import_data(data, dry_run=False, use_transactions=True, user=manager)
    assert result.has_errors() or result.has_validation_errors()
    lead.refresh_from_db()
    assert lead.state == LeadState.NEW


def test_excel_admin_lead_export_reimports_as_the_administrator():
    root = StaffFactory(is_staff=True, is_superuser=True)
    owner = StaffFactory(name="王小明", employee_no="S0104")
    lead = LeadFactory(customer_name="李女士", owner=owner)
    with translation.override("zh-hans"):
        exported = LeadResource().export()
    exported[0] = tuple(
        "李女士（改）" if h == "客户姓名" else v
        for h, v in zip(exported.headers, exported[0], strict=True)
    )
    result = LeadResource().import_data(exported, dry_run=False, use_transactions=True, user=root)
    assert not result.has_errors() and not result.has_validation_errors(), result.invalid_rows
    lead.refresh_from_db()
    assert (lead.customer_name, lead.owner) == ("李女士（改）", owner)
