"""Issue 19: every admin import offers an xlsx template (headers in the reader's language, an
example row, a note on each column) whose headers are exactly what that import takes: the
template, filled in, goes through the admin's preview and confirm and creates the rows."""

from io import BytesIO

import pytest
from django.conf import settings
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook, load_workbook

from attendance.models import ClockRecord
from complaints.models import Complaint
from dispatch.models import SeasonPeriod
from frontdesk.models import CallRecord
from leads.models import Lead, OwnershipClaim
from leads.resources import LeadResource
from staff.models import Role, Staff
from staff.resources import StaffResource, template_columns
from tests.factories import StaffFactory
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db

STAFF_TEMPLATE = "/admin/staff/staff/import/template/"


def person(role: str) -> Staff:
    return Staff.objects.get(pk=StaffFactory(roles=[role], is_staff=True).pk)


def workbook(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Disposition"].startswith("attachment")
    return load_workbook(BytesIO(response.content))


def header(resource, name: str, language: str) -> str:
    with translation.override(language):
        return str(resource.export_header(resource.fields[name]))


def xlsx_format(model) -> str:
    formats = admin.site.get_model_admin(model).get_import_formats()
    return str(next(i for i, f in enumerate(formats) if f().get_extension() == "xlsx"))


def admin_import(client, model, rows: list[list]) -> None:
    """Upload the rows as xlsx on the model's import page, then confirm the preview."""
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = BytesIO()
    book.save(buffer)
    upload = SimpleUploadedFile("filled.xlsx", buffer.getvalue())
    base = f"/admin/{model._meta.app_label}/{model._meta.model_name}"
    preview = client.post(f"{base}/import/", {"import_file": upload, "format": xlsx_format(model)})
    assert preview.status_code == 200
    result = preview.context.get("result")
    problems = result and [(r.number, r.error_dict) for r in result.invalid_rows]
    problems = problems or (result and [(e.number, e.error) for e in result.base_errors])
    problems = problems or (
        result and [(n, [str(e.error) for e in es]) for n, es in result.row_errors()]
    )
    assert "confirm_form" in preview.context, (model, problems, preview.context["form"].errors)
    confirm = preview.context["confirm_form"]
    done = client.post(f"{base}/process_import/", dict(confirm.initial))
    assert done.status_code == 302


# ---------------------------------------------------------------- what the template holds


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_excel_staff_template_has_headers_example_and_notes_in_the_readers_language(
    admin_client, language
):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    sheet, notes = workbook(admin_client.get(STAFF_TEMPLATE)).worksheets
    headers = [c.value for c in sheet[1]]
    names = ("employee_no", "username", "name")
    assert headers[:3] == [header(StaffResource, n, language) for n in names]
    assert [c.value for c in sheet[2]][:3] == ["S0001", "zhangsan", "张三"]
    assert all(c.comment is not None and c.comment.text for c in sheet[1])
    assert [c.value for c in notes["A"]][1:] == headers
    if language == "zh-hans":
        assert {"工号", "姓名"} <= set(headers)
    else:
        assert all(h.isascii() for h in headers)


def test_excel_template_leaves_out_sec5_columns_for_anyone_but_the_administrator():
    refused = {header(LeadResource, n, "zh-hans") for n in ("state", "owner", "designer")}
    manager = person(Role.CUSTOMER_MANAGER)
    root = StaffFactory(is_staff=True, is_superuser=True)
    with translation.override("zh-hans"):
        for_manager = {str(c.header) for c in template_columns(LeadResource(), manager)}
        for_root = {str(c.header) for c in template_columns(LeadResource(), root)}
    assert not refused & for_manager
    assert refused <= for_root


def test_excel_template_is_behind_the_import_permission(client):
    client.force_login(person(Role.HR))  # HR edits staff in the admin, but does not import
    assert client.get(STAFF_TEMPLATE).status_code == 403
    client.force_login(person(Role.CUSTOMER_MANAGER))  # imports seasons
    assert client.get("/admin/dispatch/seasonperiod/import/template/").status_code == 200


def test_excel_admin_import_page_links_its_template(admin_client):
    page = admin_client.get("/admin/staff/staff/import/")
    assert page.status_code == 200
    assert f'href="{STAFF_TEMPLATE}"' in page.content.decode()


# ---------------------------------------------------------------- round trip


def filled(client, model, changes: dict | None = None) -> list[list]:
    """The template's header and example row, some cells changed by header position."""
    base = f"/admin/{model._meta.app_label}/{model._meta.model_name}"
    sheet = workbook(client.get(f"{base}/import/template/")).worksheets[0]
    headers, example = [c.value for c in sheet[1]], [c.value for c in sheet[2]]
    for index, value in (changes or {}).items():
        example[index] = value
    return [headers, example]


def test_excel_season_template_round_trip_as_the_customer_manager(client):
    client.force_login(person(Role.CUSTOMER_MANAGER))
    admin_import(client, SeasonPeriod, filled(client, SeasonPeriod))
    season = SeasonPeriod.objects.get(name="2026年春季旺季")
    assert (season.start.isoformat(), season.end.isoformat()) == ("2026-03-01", "2026-05-31")


CASES = {
    "staff": (Staff, lambda agent: Staff.objects.filter(employee_no="S0001")),
    "lead": (Lead, lambda agent: Lead.objects.filter(customer_name="李女士")),
    "season": (SeasonPeriod, lambda agent: SeasonPeriod.objects.filter(name="2026年春季旺季")),
    "complaint": (Complaint, lambda agent: Complaint.objects.filter(number="TS2026-0001")),
    "clock": (ClockRecord, lambda agent: ClockRecord.objects.filter(staff=agent)),
    "call": (CallRecord, lambda agent: CallRecord.objects.filter(agent=agent)),
}


@pytest.mark.parametrize("case", CASES)
def test_excel_admin_template_round_trip_as_the_administrator(admin_client, case):
    """Each admin import: its template with the example row as written (the person filled in
    where the example's T0001 must be someone who exists), preview, confirm, one row."""
    model, rows = CASES[case]
    agent = StaffFactory(roles=[Role.CS_AGENT])
    changes = {0: agent.employee_no} if model in (ClockRecord, CallRecord) else {}
    admin_import(admin_client, model, filled(admin_client, model, changes))
    assert rows(agent).count() == 1


def test_excel_claim_template_round_trip_as_the_administrator(admin_client):
    agent, lead = StaffFactory(roles=[Role.CS_AGENT]), LeadFactory()
    claim_rows = filled(admin_client, OwnershipClaim)
    columns = claim_rows[0]
    claim_rows[1][columns.index(header_of(OwnershipClaim, "lead", "zh-hans"))] = lead.pk
    claimant = columns.index(header_of(OwnershipClaim, "claimant", "zh-hans"))
    claim_rows[1][claimant] = agent.employee_no
    admin_import(admin_client, OwnershipClaim, claim_rows)
    assert OwnershipClaim.objects.filter(lead=lead, claimant=agent).count() == 1


def header_of(model, name: str, language: str) -> str:
    resource = admin.site.get_model_admin(model).get_import_resource_classes(None)[0]
    return header(resource, name, language)
