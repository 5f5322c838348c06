"""The Django admin is for administrators (SEC-5, SEC-6): the role × admin matrix, imports that
never write roles, pay or a lead's state, and admin exports that are masked and logged."""

from decimal import Decimal

import pytest
import tablib
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from complaints.resources import ComplaintResource
from leads.models import Lead, LeadState
from leads.resources import LeadResource
from staff.admin_access import ACTIONS
from staff.models import ExportRecord, Role, Staff
from staff.resources import StaffResource
from tests.complaints.factories import ComplaintFactory
from tests.factories import StaffFactory
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db

# SEC-5: what each role may do in the admin, per model — v view, a add, c change, d delete,
# i import, x export. Every registered admin model not listed is closed to the role. A change to
# a role's admin table (ADMIN_ACCESS in each app's roles.py) or to its permissions shows up here.
EXPECTED_ADMIN_MATRIX: dict[str, dict[str, str]] = {
    Role.FRONT_DESK: {},
    Role.CS_AGENT: {},
    Role.CUSTOMER_MANAGER: {
        "staff.faulttype": "vac",
        "dispatch.seasonperiod": "vacdi",
        "complaints.complaint": "vix",
        "complaints.complaintcategory": "vac",
        "complaints.stepdeadline": "vc",
        "frontdesk.samplehouse": "vac",
        "frontdesk.qualitypolicy": "vac",
        "leads.carepoint": "vac",
        "leads.carepolicy": "vac",
    },
    Role.DESIGNER: {},
    Role.DESIGN_MANAGER: {},
    Role.STORE_MANAGER: {},
    Role.MARKETING_SALES: {},
    Role.MARKETING_MANAGER: {},
    Role.ENGINEERING: {},
    Role.HR: {
        "staff.staff": "vacx",
        "staff.delegation": "vac",
        "leads.commissionrule": "vac",
        "attendance.attendancepolicy": "vc",
        "attendance.approvallevel": "vacd",
        "attendance.clockrecord": "vi",
        "attendance.paypolicy": "vac",
    },
    Role.GM: {
        "staff.staff": "vx",
        "staff.exportrecord": "v",
        "leads.commissionrule": "vac",
        "leads.referralrewardpolicy": "vac",
        "attendance.paypolicy": "v",
        "complaints.complaint": "vx",
    },
}


def person(role: str, **fields) -> Staff:
    user = StaffFactory(roles=[role], is_staff=True, **fields)
    return Staff.objects.get(pk=user.pk)  # fresh from the database: no cached permissions


def abilities(user: Staff) -> dict[str, str]:
    """Model label -> the admin actions this person has, as letters in ACTIONS order."""
    request = RequestFactory().get("/admin/")
    request.user = user
    found = {}
    for model, model_admin in admin.site._registry.items():
        checks = {
            "view": model_admin.has_view_permission(request),
            "add": model_admin.has_add_permission(request),
            "change": model_admin.has_change_permission(request),
            "delete": model_admin.has_delete_permission(request),
            "import": getattr(model_admin, "has_import_permission", lambda r: False)(request),
            "export": getattr(model_admin, "has_export_permission", lambda r: False)(request),
        }
        letters = "".join(("x" if a == "export" else a[0]) for a in ACTIONS if checks[a])
        if letters:
            found[model._meta.label_lower] = letters
    return found


@pytest.mark.parametrize("role", Role.values)
def test_sec5_role_by_admin_matrix(role):
    assert abilities(person(role)) == EXPECTED_ADMIN_MATRIX[role]


def test_sec5_the_administrator_sees_every_admin_model():
    root = Staff.objects.get(pk=StaffFactory(is_staff=True, is_superuser=True).pk)
    seen = abilities(root)
    assert set(seen) == {m._meta.label_lower for m in admin.site._registry}
    assert all(letters.startswith("v") for letters in seen.values())


@pytest.mark.parametrize(
    ("role", "may_enter"),
    [(Role.MARKETING_MANAGER, False), (Role.DESIGN_MANAGER, False), (Role.HR, True)],
)
def test_sec5_the_staff_flag_opens_only_what_the_role_table_lists(client, role, may_enter):
    client.force_login(person(role))
    response = client.get("/admin/")
    assert (response.status_code == 200) is may_enter
    home = client.get("/").content.decode()
    assert ('href="/admin/"' in home) is may_enter


# ------------------------------------------------------------------------- SEC-5: admin import


def _upload(dataset: tablib.Dataset, name: str = "file.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, dataset.csv.encode("utf-8"), content_type="text/csv")


def test_sec5_marketing_manager_cannot_import_staff_and_nothing_changes(client):
    manager = person(Role.MARKETING_MANAGER)
    client.force_login(manager)
    row = [manager.employee_no, manager.username, manager.name, "GM_OFFICE", "GM,HR", "99999"]
    data = tablib.Dataset(
        row, headers=["employee_no", "username", "name", "department", "roles", "base_salary"]
    )
    response = client.post(
        "/admin/staff/staff/import/", {"import_file": _upload(data), "format": "0"}
    )
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    manager.refresh_from_db()
    assert set(manager.role_codes) == {Role.MARKETING_MANAGER}
    assert manager.base_salary != Decimal(99999)


def test_sec5_hr_may_not_import_staff_in_the_admin(client):
    client.force_login(person(Role.HR))
    assert client.get("/admin/staff/staff/import/").status_code == 403


@pytest.mark.parametrize("column", ["roles", "base_salary"])
def test_sec5_staff_import_refuses_roles_and_salary_columns_unless_superuser(column):
    hr = person(Role.HR)
    headers = ["employee_no", "username", "name", "department", column]
    value = "GM" if column == "roles" else "99999"
    data = tablib.Dataset([hr.employee_no, hr.username, hr.name, "HR", value], headers=headers)
    result = StaffResource().import_data(data, dry_run=False, user=hr)
    assert result.has_errors()
    assert column in str(result.base_errors[0].error)
    hr.refresh_from_db()
    assert set(hr.role_codes) == {Role.HR} and hr.base_salary != Decimal(99999)


def test_sec5_superuser_may_import_roles():
    root = StaffFactory(is_staff=True, is_superuser=True)
    target = person(Role.HR)
    headers = ["employee_no", "username", "name", "department", "roles"]
    data = tablib.Dataset(
        [target.employee_no, target.username, target.name, "HR", "HR,GM"], headers=headers
    )
    result = StaffResource().import_data(data, dry_run=False, user=root)
    assert not result.has_errors() and not result.has_validation_errors()
    assert set(Staff.objects.get(pk=target.pk).role_codes) == {Role.HR, Role.GM}


@pytest.mark.parametrize("column", ["state", "owner", "designer"])
def test_sec5_lead_import_refuses_state_owner_designer_unless_superuser(column):
    lead = LeadFactory()
    importer = person(Role.CUSTOMER_MANAGER)
    data = tablib.Dataset([lead.pk, lead.customer_name, "SIGNED"], headers=["id", "name", column])
    result = LeadResource().import_data(data, dry_run=False, user=importer)
    assert result.has_errors()
    lead.refresh_from_db()
    assert lead.state == LeadState.NEW


def test_sec5_an_existing_leads_state_never_changes_through_an_import():
    lead = LeadFactory()
    root = StaffFactory(is_staff=True, is_superuser=True)
    data = tablib.Dataset([lead.pk, "SIGNED"], headers=["id", "state"])
    result = LeadResource().import_data(data, dry_run=False, user=root)
    assert result.has_validation_errors()
    lead.refresh_from_db()
    assert lead.state == LeadState.NEW


def test_sec5_a_new_lead_imported_in_the_admin_is_created_by_the_importer(client):
    root = StaffFactory(is_staff=True, is_superuser=True)
    client.force_login(root)
    headers = ["customer_name", "phone", "community", "building", "channel", "consultation_date"]
    row = ["新客户", "139 1234 5678", "阳光小区", "3号楼1单元301", "WALK_IN", "2026-12-01"]
    upload = _upload(tablib.Dataset(row, headers=headers))
    response = client.post("/admin/leads/lead/import/", {"import_file": upload, "format": "0"})
    assert response.status_code == 200
    assert "created_by" not in response.content.decode()
    confirm = response.context["confirm_form"].initial
    response = client.post("/admin/leads/lead/process_import/", confirm)
    assert response.status_code == 302
    lead = Lead.objects.get(customer_name="新客户")
    assert (lead.created_by, lead.phone) == (root, "13912345678")


# ------------------------------------------------------------------ SEC-6: admin export and pages


def _export(client, url: str, resource_class) -> str:
    fields = {f"{resource_class.__name__.lower()}_{name}": "on" for name in resource_class().fields}
    response = client.post(url, {"format": "0", "resource": "0", **fields})
    assert response.status_code == 200, response.status_code
    assert response["Content-Disposition"].startswith("attachment")
    return response.content.decode("utf-8-sig")


def test_sec6_gm_exports_complaints_with_masked_phones_and_it_is_logged(client):
    ComplaintFactory(phone="13912345678")
    gm = person(Role.GM)
    client.force_login(gm)
    text = _export(client, "/admin/complaints/complaint/export/", ComplaintResource)
    assert "139****5678" in text and "13912345678" not in text
    record = ExportRecord.objects.get(by=gm)
    assert (record.what, record.row_count, record.file_format) == (
        "admin:complaints.complaint",
        1,
        "csv",
    )


def test_sec6_customer_manager_exports_complaints_with_full_phones(client):
    ComplaintFactory(phone="13912345678")
    client.force_login(person(Role.CUSTOMER_MANAGER))
    text = _export(client, "/admin/complaints/complaint/export/", ComplaintResource)
    assert "13912345678" in text


@pytest.mark.parametrize(("role", "sees_pay"), [(Role.HR, True), (Role.GM, True)])
def test_sec6_staff_export_shows_pay_to_hr_and_gm_only(client, role, sees_pay):
    StaffFactory(base_salary=Decimal("12345.00"))
    client.force_login(person(role))
    text = _export(client, "/admin/staff/staff/export/", StaffResource)
    assert ("12345" in text) is sees_pay


def test_sec6_pay_columns_dropped_for_someone_without_pay():
    """The export gate drops pay columns for a person outside HR and the GM, whatever admin they
    reach it from (here: the staff admin's gate, asked directly)."""
    StaffFactory(base_salary=Decimal("12345.00"))
    model_admin = admin.site._registry[Staff]
    request = RequestFactory().get("/admin/staff/staff/export/")
    request.user = person(Role.CUSTOMER_MANAGER)
    data = StaffResource().export()
    visible = model_admin._visible_columns(request, data, StaffResource())
    salary = str(StaffResource.export_header(StaffResource.fields["base_salary"]))  # issue 19
    assert salary not in visible.headers
    assert salary in data.headers


def test_sec6_gm_sees_complaint_phones_masked_on_the_admin_page(client):
    complaint = ComplaintFactory(phone="13912345678")
    client.force_login(person(Role.GM))
    page = client.get(f"/admin/complaints/complaint/{complaint.pk}/change/").content.decode()
    assert "139****5678" in page and "13912345678" not in page


def test_sec5_hr_cannot_give_roles_or_superuser_in_the_staff_form(client):
    hr = person(Role.HR)
    client.force_login(hr)
    page = client.get(f"/admin/staff/staff/{hr.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in page and 'name="groups"' not in page
    assert 'name="base_salary"' in page
