"""The register in the admin: export for the general manager (logged, SEC-2) and import of
historical complaints, all or nothing, with a reason per bad row (CMP-2, CMP-7)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile

from complaints.models import Complaint, ComplaintCounter, ComplaintEvent
from complaints.resources import ComplaintResource
from staff.models import ExportRecord
from tests.complaints.conftest import register
from tests.complaints.factories import ComplaintFactory

BEIJING = ZoneInfo("Asia/Shanghai")
HEADERS = [
    "number",
    "received_at",
    "channel",
    "customer_name",
    "phone",
    "category",
    "severity",
    "summary",
    "status",
    "findings",
    "handling_method",
    "responsible_department",
    "handling_record",
    "reply_channel",
    "reply_text",
    "replied_at",
    "satisfaction",
]


def row(number, status="CLOSED", **overrides):
    values = {
        "number": number,
        "received_at": "2025-06-03 10:00",
        "channel": "PHONE",
        "customer_name": "蒋女士",
        "phone": "186 1234 0002",
        "category": "施工质量",
        "severity": "MINOR",
        "summary": "墙面开裂",
        "status": status,
        "findings": "属实",
        "handling_method": "返工",
        "responsible_department": "ENGINEERING",
        "handling_record": "已返工",
        "reply_channel": "PHONE",
        "reply_text": "已告知",
        "replied_at": "2025-06-05 15:00",
        "satisfaction": "4",
        **overrides,
    }
    return tuple(values[name] for name in HEADERS)


GOOD = [row("TS2025-0001"), row("TS2025-0002", status="Registered"), row("TS2025-0003")]


def import_file(*rows, user):
    return ComplaintResource().import_data(
        tablib.Dataset(*rows, headers=HEADERS),
        dry_run=False,
        use_transactions=True,
        rollback_on_validation_errors=True,
        user=user,
    )


def invalid_rows(result) -> dict[int, dict]:
    return {r.number: r.error.message_dict for r in result.invalid_rows}


pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 11, 0, tzinfo=BEIJING), tick=False)


@pytest.fixture
def importer(customer_manager, category):
    return customer_manager


def test_cmp2_historical_complaints_import_with_their_numbers(importer):
    result = import_file(*GOOD, user=importer)
    assert not result.has_errors() and not result.has_validation_errors()
    closed = Complaint.objects.get(number="TS2025-0001")
    assert (closed.year, closed.seq, closed.status, closed.phone) == (
        2025,
        1,
        "CLOSED",
        "18612340002",
    )
    assert Complaint.objects.get(number="TS2025-0002").status == "REGISTERED"  # label accepted
    assert closed.history.get().history_change_reason == ComplaintEvent.IMPORTED
    assert closed.registered_by == importer


def test_cmp2_new_numbers_continue_after_the_imported_ones(
    importer, cs_agent, category, time_machine
):
    import_file(row("TS2026-0001"), row("TS2026-0002"), user=importer)
    assert ComplaintCounter.objects.get(year=2026).last_seq == 2
    assert register(cs_agent, category).number == "TS2026-0003"


def test_cmp7_a_closed_complaint_without_reply_imports_nothing(importer):
    result = import_file(*GOOD, row("TS2025-0004", reply_text=""), user=importer)
    assert invalid_rows(result) == {
        4: {"reply_text": ["Required for a complaint that is “Closed”."]}
    }
    assert Complaint.objects.count() == 0


@pytest.mark.parametrize(
    ("bad", "errors"),
    [
        (row("TS2025-04"), {"number": ["Not a complaint number like TS2024-0001: TS2025-04"]}),
        (row("TS2025-0001"), {"number": ["Number TS2025-0001 appears more than once."]}),
        (
            row("TS2025-0005"),
            {"number": ["Numbers run without gaps: TS2025-0004 is missing before TS2025-0005."]},
        ),
        (row("TS2027-0001"), {"number": ["Number TS2027-0001 is from a future year."]}),
        (row("TS2025-0004", category="装修"), {"category": ["Unknown category: 装修"]}),
        (row("TS2025-0004", channel="EMAIL"), {"channel": ["Unknown value: EMAIL"]}),
        (
            row("TS2025-0004", phone="12345"),
            {"phone": ["A mobile number has 11 digits and starts with 13-19."]},
        ),
        (row("TS2025-0004", satisfaction="9"), {"satisfaction": ["Choose a score from 1 to 5."]}),
        (row("TS2025-0004", customer_name=""), {"customer_name": ["This column is required."]}),
        (
            row("TS2025-0004", received_at="2026-03-03 09:00"),
            {"received_at": ["The time received cannot be in the future."]},
        ),
        (
            row("TS2025-0004", status="DECIDED", responsible_department=""),
            {"responsible_department": ["Required for a complaint that is “Decided”."]},
        ),
    ],
)
def test_cmp2_a_bad_row_imports_nothing_and_says_why(importer, bad, errors):
    result = import_file(*GOOD, bad, user=importer)
    duplicate = bad[0] == "TS2025-0001"
    found = invalid_rows(result)
    assert found[4] == errors
    if duplicate:
        assert found[1] == errors
    assert Complaint.objects.count() == 0


def test_cmp2_a_number_already_in_the_register_is_refused(importer):
    import_file(*GOOD, user=importer)
    result = import_file(row("TS2025-0003"), user=importer)
    assert invalid_rows(result) == {
        1: {"number": ["Number TS2025-0003 is already in the register."]}
    }


def test_cmp2_export_for_the_general_manager_reads_in_labels(importer):
    import_file(*GOOD, user=importer)
    exported = ComplaintResource().export()
    fields = ComplaintResource.fields.values()  # headers are the fields' names (issue 19)
    names = {str(ComplaintResource.export_header(f)): str(f.column_name) for f in fields}
    first = {names[h]: v for h, v in zip(exported.headers, exported[0], strict=True)}
    assert (first["number"], first["status"], first["category"], first["channel"]) == (
        "TS2025-0001",
        "Closed",
        "施工质量",
        "Phone",
    )


def test_cmp2_export_reimports_as_the_same_register(importer):
    import_file(*GOOD, user=importer)
    exported = ComplaintResource().export()
    Complaint.history.model.objects.all().delete()
    Complaint.objects.all().delete()
    ComplaintCounter.objects.all().delete()
    result = ComplaintResource().import_data(
        exported,
        dry_run=False,
        use_transactions=True,
        rollback_on_validation_errors=True,
        user=importer,
    )
    assert not result.has_validation_errors(), invalid_rows(result)
    assert list(Complaint.objects.order_by("seq").values_list("number", "status")) == [
        ("TS2025-0001", "CLOSED"),
        ("TS2025-0002", "REGISTERED"),
        ("TS2025-0003", "CLOSED"),
    ]


# ---------------------------------------------------------------- admin: who may import/export


def admin_client(client, user):
    user.is_staff = True
    user.save()
    client.force_login(user)
    return client


def test_sec2_general_manager_exports_and_the_export_is_logged(client, gm):
    complaints = ComplaintFactory.create_batch(2)
    response = admin_client(client, gm).post(
        "/admin/complaints/complaint/export/",
        {"format": "0", "resource": "0", **{f"complaintresource_{f}": "on" for f in HEADERS}},
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    logged = ExportRecord.objects.get(by=gm)
    assert (logged.what, logged.row_count) == ("admin:complaints.complaint", len(complaints))


def test_sec2_design_manager_may_not_export(client, design_manager):
    # SEC-5: the design manager's role opens nothing in the admin: sent to the admin login.
    response = admin_client(client, design_manager).get("/admin/complaints/complaint/export/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_cmp2_customer_manager_imports_in_the_admin_and_bad_rows_are_shown(client, importer):
    csv = tablib.Dataset(*GOOD, row("TS2025-0004", category="装修"), headers=HEADERS).csv
    upload = SimpleUploadedFile("history.csv", csv.encode(), content_type="text/csv")
    response = admin_client(client, importer).post(
        "/admin/complaints/complaint/import/",
        {"import_file": upload, "format": "0", "resource": "0"},
    )
    assert response.status_code == 200
    assert "装修" in response.content.decode()
    assert Complaint.objects.count() == 0


def test_cmp2_general_manager_may_not_import(client, gm):
    response = admin_client(client, gm).get("/admin/complaints/complaint/import/")
    assert response.status_code == 403


def test_cmp2_complaints_cannot_be_added_or_deleted_in_the_admin(client, django_user_model):
    root = django_user_model.objects.create_superuser(
        "root", "root@example.com", "x-pass-123", employee_no="R1", name="管理员"
    )
    complaint = ComplaintFactory()
    client.force_login(root)
    assert client.get("/admin/complaints/complaint/add/").status_code == 403
    assert client.get(f"/admin/complaints/complaint/{complaint.pk}/delete/").status_code == 403
    assert client.get(f"/admin/complaints/complaint/{complaint.pk}/change/").status_code == 200
