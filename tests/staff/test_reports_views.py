"""REP-1 pages: file, my reports, awaiting me, the route, and who may open a report."""

import pytest
from django.utils import translation

from staff import services
from staff.models import InstructionRequest, ReportKind, ReportStatus, Role
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are asserted in their English source form (pages too)."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def chain():
    gm = StaffFactory(roles=[Role.GM], name="总经理")
    manager = StaffFactory(roles=[Role.CUSTOMER_MANAGER], name="客户经理", supervisor=gm)
    agent = StaffFactory(roles=[Role.CS_AGENT], name="客服", supervisor=manager)
    return agent, manager, gm


def form(**extra):
    return {
        "kind": ReportKind.BEYOND_REMIT,
        "subject": "客户要求退定金",
        "details": "客户王先生要求退回设计定金2000元。",
        "proposal": "建议退一半。",
        **extra,
    }


def test_rep1_filing_through_the_form_goes_to_the_supervisor(login, chain):
    agent, manager, gm = chain
    response = login(agent).post("/staff/reports/new/", form())
    report = InstructionRequest.objects.get()
    assert response.url == report.get_absolute_url()
    assert report.recipient == manager
    awaiting = login(manager).get("/staff/reports/awaiting/").context["page"]
    assert list(awaiting) == [report]


def test_rep1_urgent_form_goes_to_the_chosen_level(login, chain):
    agent, manager, gm = chain
    login(agent).post("/staff/reports/new/", form(urgent="on", target=gm.pk))
    report = InstructionRequest.objects.get()
    assert report.recipient == gm
    passed = login(manager).get("/staff/reports/passed/").context["page"]
    assert list(passed) == [report]


def test_rep1_skip_without_urgency_is_refused_on_the_form(login, chain):
    agent, manager, gm = chain
    response = login(agent).post("/staff/reports/new/", form(target=gm.pk))
    assert response.context["form"].non_field_errors() == [
        "Only an urgent report may skip a level; otherwise it goes to the next supervisor up."
    ]
    assert InstructionRequest.objects.count() == 0


def test_rep1_holder_instructs_and_reporter_records_execution(login, chain):
    agent, manager, gm = chain
    report = services.file_report(by=agent, **form())
    page = login(manager).get(report.get_absolute_url())
    assert page.context["holds"] is True and page.context["can_forward"] is True
    login(manager).post(f"/staff/reports/{report.pk}/instruct/", {"instruction": "退一半，写说明"})
    page = login(agent).get(report.get_absolute_url())
    assert page.context["executes"] is True
    login(agent).post(f"/staff/reports/{report.pk}/execute/", {"execution": "已退1000元"})
    report.refresh_from_db()
    assert (report.status, report.instruction, report.execution) == (
        ReportStatus.CARRIED_OUT,
        "退一半，写说明",
        "已退1000元",
    )


def test_rep1_pass_up_through_the_page(login, chain):
    agent, manager, gm = chain
    report = services.file_report(by=agent, **form())
    login(manager).post(f"/staff/reports/{report.pk}/forward/", {"note": "金额超出我的权限"})
    report.refresh_from_db()
    assert (report.recipient, report.level) == (gm, 2)


def test_rep1_outsiders_cannot_open_a_report(login, chain, hr):
    agent, manager, gm = chain
    report = services.file_report(by=agent, **form())
    assert login(hr).get(report.get_absolute_url()).status_code == 403
    assert login(gm).get(report.get_absolute_url()).status_code == 403  # not on its route yet
    assert login(manager).get(report.get_absolute_url()).status_code == 200


def test_rep1_skipped_supervisor_can_open_the_report(login, chain):
    agent, manager, gm = chain
    report = services.file_report(by=agent, urgent=True, target=gm, **form())
    assert login(manager).get(report.get_absolute_url()).status_code == 200


def test_rep1_someone_without_a_supervisor_sees_why_on_the_form(login, chain):
    gm = chain[2]
    body = login(gm).get("/staff/reports/new/").content.decode()
    assert "There is no supervisor above to report to." in body


@pytest.mark.parametrize("rows", [5, 50])
@pytest.mark.parametrize("url", ["/staff/reports/", "/staff/reports/awaiting/"])
def test_rep1_report_lists_query_count_is_fixed(login, chain, django_assert_num_queries, rows, url):
    agent, manager, gm = chain
    for number in range(rows):
        services.file_report(by=agent, **form(subject=f"事项{number}"))
    client = login(agent if url == "/staff/reports/" else manager)
    client.get(url)
    # session, user (with the unread count), count, awaiting count, roles and permissions, rows
    with django_assert_num_queries(6):
        assert client.get(url).status_code == 200
