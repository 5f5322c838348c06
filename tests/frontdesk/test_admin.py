"""The front desk's admin: lists open, call records import there, the document register cannot
be added to or thinned out behind the register page's back."""

import pytest

from tests.factories import StaffFactory
from tests.frontdesk.factories import CallRecordFactory

pytestmark = pytest.mark.django_db

MODELS = [
    "samplehouse",
    "appointment",
    "receptionentry",
    "phoneconsultation",
    "handovernote",
    "callrecord",
    "qualitypolicy",
    "agentdailymetric",
    "qualityalert",
    "moodcheckin",
    "goodcase",
    "document",
    "documentcounter",
]


@pytest.fixture
def admin_client(client):
    client.force_login(StaffFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("model", MODELS)
def test_admin_changelists_open(admin_client, model):
    assert admin_client.get(f"/admin/frontdesk/{model}/").status_code == 200


def test_fd7_call_records_import_from_the_admin(admin_client):
    CallRecordFactory()
    body = admin_client.get("/admin/frontdesk/callrecord/").content.decode()
    assert "/admin/frontdesk/callrecord/import/" in body
    assert admin_client.get("/admin/frontdesk/callrecord/import/").status_code == 200


def test_fd8_documents_are_neither_added_nor_deleted_in_the_admin(admin_client):
    assert admin_client.get("/admin/frontdesk/document/add/").status_code == 403


def test_fd5_fault_types_are_editable_in_the_admin(admin_client):
    body = admin_client.get("/admin/staff/faulttype/").content.decode()
    assert 'name="form-0-default_deduction"' in body
