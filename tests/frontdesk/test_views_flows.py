"""The front desk pages over HTTP: quick entry through the leads intake (LEAD-2), appointments,
handover, quality, good cases, documents."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from frontdesk.models import (
    AgentDailyMetric,
    Appointment,
    AppointmentStatus,
    CallRecord,
    Document,
    GoodCase,
    HandoverNote,
    MoodCheckIn,
    PhoneConsultation,
    QualityAlert,
    ReceptionEntry,
)
from frontdesk.resources import CallRecordResource
from leads.models import Lead
from tests.complaints.factories import ComplaintFactory
from tests.factories import StaffFactory
from tests.frontdesk.factories import AppointmentFactory, CallRecordFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _midday():
    """Mid-morning in Beijing: "in 30 minutes" and "tomorrow" stay on the days the tests mean,
    whenever the suite runs (at 23:40 Beijing time, +30 minutes is already tomorrow)."""
    with time_machine.travel(datetime(2026, 4, 15, 10, 0, tzinfo=timezone.get_fixed_timezone(480))):
        yield


def texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def now_field() -> str:
    return timezone.localtime().strftime("%Y-%m-%dT%H:%M")


def reception_post(**extra) -> dict:
    return {
        "purpose": "NEW_CUSTOMER",
        "visitor_name": "王先生",
        "phone": "13812345678",
        "arrived_at": now_field(),
        "channel": "WALK_IN",
        "community": "阳光小区",
        "building": "3号楼501",
        "notes": "",
        **extra,
    }


def test_fd1_lead2_reception_form_registers_then_attaches(login, front_desk):
    client = login(front_desk)
    response = client.post("/frontdesk/reception/new/", reception_post())
    assert response.status_code == 302
    lead = Lead.objects.get()
    assert texts(response) == ["Visitor logged.", f"Lead registered (No. {lead.pk})."]
    response = client.post("/frontdesk/reception/new/", reception_post(visitor_name="王太太"))
    assert Lead.objects.count() == 1
    assert texts(response)[-1].startswith(
        f"This customer is already registered (lead No. {lead.pk})"
    )
    assert ReceptionEntry.objects.filter(lead=lead).count() == 2


def test_fd1_reception_refusal_shown_on_the_form(login, front_desk):
    response = login(front_desk).post("/frontdesk/reception/new/", reception_post(phone=""))
    assert response.context["form"].non_field_errors() == [
        "A new customer's phone number is needed to register them."
    ]


def test_fd1_reception_form_offers_todays_booked_visits(login, front_desk):
    today = AppointmentFactory(starts_at=timezone.now() + timedelta(minutes=30))
    AppointmentFactory(starts_at=timezone.now() + timedelta(days=1))
    form = login(front_desk).get("/frontdesk/reception/new/").context["form"]
    assert list(form.fields["appointment"].queryset) == [today]


def test_fd2_phone_form_registers_a_phone_lead(login, cs_agent):
    response = login(cs_agent).post(
        "/frontdesk/calls/new/",
        {
            "topic": "NEW_ENQUIRY",
            "caller_name": "李女士",
            "phone": "139 8765 4321",
            "called_at": now_field(),
            "summary": "问报价",
            "channel": "PHONE",
        },
    )
    assert response.url == "/frontdesk/calls/"
    lead = Lead.objects.get()
    assert (lead.channel, PhoneConsultation.objects.get().lead) == ("PHONE", lead)


def test_fd2_phone_check_says_when_the_customer_exists(login, front_desk):
    from tests.leads.factories import LeadFactory

    client = login(front_desk)
    body = client.get("/frontdesk/phone-check/", {"phone": "13812345678"}).content.decode()
    assert 'data-testid="phone-check-new"' in body
    LeadFactory(phone="13812345678")
    body = client.get("/frontdesk/phone-check/", {"phone": "13812345678"}).content.decode()
    assert 'data-testid="phone-check-exists"' in body


def test_fd3_book_then_came_through_the_day_view(login, front_desk, house):
    client = login(front_desk)
    starts = timezone.localtime() + timedelta(minutes=30)
    response = client.post(
        "/frontdesk/appointments/new/",
        {
            "sample_house": house.pk,
            "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
            "customer_name": "赵先生",
            "phone": "13611112222",
            "wishes": "北欧风",
            "channel": "PHONE",
        },
    )
    appointment = Appointment.objects.get()
    assert response.url == f"/frontdesk/appointments/?day={starts.date().isoformat()}"
    response = client.post(
        f"/frontdesk/appointments/{appointment.pk}/came/", {"next": response.url}
    )
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CAME


def test_fd3_day_and_week_views_list_the_visits(login, front_desk, house):
    visit = AppointmentFactory(sample_house=house, starts_at=timezone.now() + timedelta(hours=1))
    client = login(front_desk)
    day = timezone.localdate(visit.starts_at).isoformat()
    assert list(client.get("/frontdesk/appointments/", {"day": day}).context["page"]) == [visit]
    week = dict(client.get("/frontdesk/appointments/week/", {"day": day}).context["week"])
    assert week[timezone.localdate(visit.starts_at)] == [visit]


def test_fd6_write_and_take_over_through_the_pages(login, front_desk, cs_agent):
    login(front_desk).post(
        "/frontdesk/handover/new/",
        {"shift_date": timezone.localdate().isoformat(), "shift": "MORNING", "notices": "九点开会"},
    )
    note = HandoverNote.objects.get()
    home = login(cs_agent).get("/frontdesk/")
    assert home.context["handover"] == note
    login(cs_agent).post(f"/frontdesk/handover/{note.pk}/take-over/", {"next": "/frontdesk/"})
    note.refresh_from_db()
    assert note.acknowledged_by == cs_agent


def test_fd7_import_page_reports_errors_and_imports_good_files(login, customer_manager):
    StaffFactory(employee_no="E009", roles=["CS_AGENT"])
    client = login(customer_manager)
    header = ",".join(CallRecordResource.HEADERS)
    bad = SimpleUploadedFile("c.csv", f"{header}\nE009,2026-03-10 09:00,5,60,9,1,0".encode())
    response = client.post("/frontdesk/quality/calls/import/", {"file": bad})
    assert response.context["result"].errors == [
        (1, "satisfaction: Satisfaction is 1 to 5, or empty.")
    ]
    assert CallRecord.objects.count() == 0
    good = SimpleUploadedFile("c.csv", f"{header}\nE009,2026-03-10 09:00,5,60,4,1,0".encode())
    preview = client.post("/frontdesk/quality/calls/import/", {"file": good})
    assert CallRecord.objects.count() == 0  # issue 19: a preview first, then confirm
    digest = preview.context["digest"]
    response = client.post("/frontdesk/quality/calls/import/", {"confirm": "1", "digest": digest})
    assert texts(response) == ["1 calls imported; 0 already there were skipped."]


def metrics(agent, end: date, recent_total: int) -> None:
    for offset in range(35):
        AgentDailyMetric.objects.create(
            agent=agent,
            day=end - timedelta(days=offset),
            calls=10,
            answered_in_time=9,
            talk_seconds=1800,
            rated_calls=10,
            satisfaction_total=recent_total if offset < 7 else 45,
            first_contact_resolved=8,
            complaints=0,
            ring_seconds_limit=15,
            computed_at=timezone.now(),
        )


def test_fd9_quality_page_prompts_a_talk_when_mood_is_low_and_figures_fall(
    login, customer_manager, cs_agent
):
    yesterday = timezone.localdate() - timedelta(days=1)
    metrics(cs_agent, yesterday, recent_total=42)
    MoodCheckIn.objects.create(agent=cs_agent, day=yesterday, mood=2)
    response = login(customer_manager).get("/frontdesk/quality/")
    [row] = response.context["page"]
    assert (row.agent, row.prompt.prompt, row.satisfaction, row.baseline_satisfaction) == (
        cs_agent,
        True,
        Decimal("4.20"),
        Decimal("4.50"),
    )
    assert 'data-testid="talk-prompt"' in response.content.decode()
    assert response.context["charts"][cs_agent.pk]["satisfaction"][-1] == 4.2


def test_fd7_quality_page_lists_open_alerts_and_the_manager_handles_one(
    login, customer_manager, cs_agent
):
    alert = QualityAlert.objects.create(
        agent=cs_agent,
        kind="COMPLAINTS_RISING",
        detected_on=timezone.localdate(),
        recent_value=Decimal(3),
        baseline_value=Decimal("0.5"),
    )
    client = login(customer_manager)
    [row] = client.get("/frontdesk/quality/").context["alerts"]
    assert (
        row.text
        == f"{cs_agent.name}: 3 complaints in the last 7 days, against 0.50 in as many days before."
    )
    client.post(f"/frontdesk/quality/alerts/{alert.pk}/handle/", {"note": "已谈话"})
    alert.refresh_from_db()
    assert alert.acknowledge_note == "已谈话"


def test_fd9_mood_check_in_from_the_home_page(login, cs_agent):
    client = login(cs_agent)
    response = client.post("/frontdesk/mood/", {"mood": "4", "note": "", "next": "/frontdesk/"})
    assert response.url == "/frontdesk/"
    assert MoodCheckIn.objects.get().mood == 4
    assert client.get("/frontdesk/").context["mood"].mood == 4


def test_fd9_mark_good_cases_by_complaint_number_and_from_a_call(login, customer_manager, cs_agent):
    complaint = ComplaintFactory(number="TS2026-0007", replied_by=cs_agent)
    call = CallRecordFactory(agent=cs_agent)
    client = login(customer_manager)
    client.post(
        "/frontdesk/good-cases/new/",
        {"subject": "complaint", "reference": "ts2026-0007", "note": "当天回复"},
    )
    client.post(
        "/frontdesk/good-cases/new/",
        {
            "subject": "call",
            "reference": str(call.pk),
            "note": "耐心",
            "next": "/frontdesk/quality/calls/",
        },
    )
    response = client.post(
        "/frontdesk/good-cases/new/", {"subject": "callback", "reference": "999", "note": "x"}
    )
    assert texts(response)[-1] == "Nothing found with the number 999."
    assert {(c.complaint, c.call_record) for c in GoodCase.objects.all()} == {
        (complaint, None),
        (None, call),
    }
    page = client.get("/frontdesk/good-cases/").context["page"]
    assert len(page) == 2


def test_fd8_register_search_and_correct_through_the_pages(login, front_desk):
    client = login(front_desk)
    response = client.post(
        "/frontdesk/documents/new/",
        {
            "category": "NOTICE",
            "direction": "INCOMING",
            "document_date": timezone.localdate().isoformat(),
            "title": "物业停水通知",
            "sender": "物业",
            "recipient": "全体员工",
            "handler": front_desk.pk,
            "filing_location": "前台文件夹",
        },
    )
    document = Document.objects.get()
    assert response.url == document.get_absolute_url()
    assert document.number == f"TZ{timezone.localdate().year}-0001"
    assert list(client.get("/frontdesk/documents/", {"q": "停水"}).context["page"]) == [document]
    client.post(
        f"/frontdesk/documents/{document.pk}/edit/",
        {
            "direction": "INCOMING",
            "document_date": timezone.localdate().isoformat(),
            "title": "物业停水通知（周六）",
            "sender": "物业",
            "recipient": "全体员工",
            "handler": front_desk.pk,
            "filing_location": "前台文件夹",
        },
    )
    document.refresh_from_db()
    assert (document.title, document.category) == ("物业停水通知（周六）", "NOTICE")


def test_fd4_front_desk_home_links_the_outing_register(login, front_desk, customer_manager):
    response = login(front_desk).get("/frontdesk/")
    assert response.context["outing_register_url"] == "/attendance/outings/register/"
    assert 'data-testid="quick-outings"' in response.content.decode()
    assert login(front_desk).get("/attendance/outings/register/").status_code == 200
    # Only those who keep the register get the link (attendance decides who that is).
    assert login(customer_manager).get("/frontdesk/").context["outing_register_url"] == ""


def test_home_quick_links_follow_the_role(login, front_desk, cs_agent):
    desk = login(front_desk).get("/frontdesk/").content.decode()
    agent = login(cs_agent).get("/frontdesk/").content.decode()
    assert 'data-testid="quick-walk-in"' in desk and 'data-testid="quick-call"' in desk
    assert 'data-testid="quick-walk-in"' not in agent and 'data-testid="quick-call"' in agent
