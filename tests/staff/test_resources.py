"""The staff roster imports and exports in the admin; a bad file imports nothing."""

import pytest
import tablib
from django.utils import translation

from staff.models import Staff
from staff.resources import StaffResource

HEADERS = [
    "employee_no",
    "username",
    "name",
    "department",
    "phone",
    "email",
    "supervisor",
    "roles",
    "base_salary",
    "designer_tier",
    "is_active",
]


def roster(*rows) -> tablib.Dataset:
    return tablib.Dataset(*rows, headers=HEADERS)


GOOD = [
    ("B001", "boss", "老板", "GM_OFFICE", "138 0013 8000", "", "", "GM", "20000", "", "1"),
    (
        "B002",
        "cm",
        "经理",
        "CUSTOMER_SERVICE",
        "+86 139-0000-0001",
        "",
        "B001",
        "CUSTOMER_MANAGER",
        "1200",
        "",
        "1",
    ),
    (
        "B003",
        "des",
        "设计师",
        "DESIGN",
        "010-62345678",
        "",
        "B002",
        "DESIGNER",
        "4000",
        "CHIEF",
        "1",
    ),
]


def import_file(dataset):
    with translation.override("en"):
        return StaffResource().import_data(
            dataset, dry_run=False, use_transactions=True, rollback_on_validation_errors=True
        )


@pytest.mark.django_db
def test_good_roster_imports_with_supervisors_roles_and_normalized_phones():
    result = import_file(roster(*GOOD))
    assert not result.has_errors() and not result.has_validation_errors()
    designer = Staff.objects.get(employee_no="B003")
    assert designer.supervisor.employee_no == "B002"
    assert designer.phone == "010-62345678"
    assert designer.role_codes == {"DESIGNER"}
    assert Staff.objects.get(employee_no="B002").phone == "13900000001"
    assert not designer.has_usable_password()


def invalid_rows(result) -> dict[int, str]:
    return {row.number: str(row.error) for row in result.invalid_rows}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        (("B004", "x4", "甲", "DESIGN", "", "", "B999", "", "1", "", "1"), "Unknown supervisor"),
        (("B001", "x5", "乙", "DESIGN", "", "", "", "", "1", "", "1"), "appears more than once"),
        (("B006", "x6", "丙", "DESIGN", "12345", "", "", "", "1", "", "1"), "mobile"),
        (("B007", "x7", "丁", "DESIGN", "", "", "", "BOSS", "1", "", "1"), "Unknown role"),
    ],
)
def test_bad_row_imports_nothing_and_names_the_row(bad_row, message):
    before = Staff.objects.count()
    result = import_file(roster(*GOOD, bad_row))
    assert Staff.objects.count() == before
    errors = invalid_rows(result)
    assert 4 in errors, errors
    assert message in errors[4]


@pytest.mark.django_db
def test_roster_exports_as_csv_and_xlsx(customer_manager):
    data = StaffResource().export()
    assert customer_manager.employee_no in data.csv
    assert "CUSTOMER_MANAGER" in data.csv
    assert data.export("xlsx")[:2] == b"PK"  # a zip container, i.e. a real XLSX file


@pytest.mark.django_db
def test_admin_import_page_reports_bad_rows(client, django_user_model):
    admin = django_user_model.objects.create_superuser(
        "root", "root@example.com", "x-pass-123", employee_no="R1", name="管理员"
    )
    client.force_login(admin)
    csv = roster(*GOOD, ("B004", "x4", "甲", "DESIGN", "", "", "B999", "", "1", "", "1")).csv
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("roster.csv", csv.encode(), content_type="text/csv")
    response = client.post(
        "/admin/staff/staff/import/",
        {"import_file": upload, "format": "0", "resource": "0"},
    )
    assert response.status_code == 200
    assert "未知的上级工号：B999" in response.content.decode()  # the admin speaks Chinese too
    assert not Staff.objects.filter(employee_no="B001").exists()
