"""Registering complaints: channels and who registers (CMP-1), the gapless yearly number and the
customer's lead (CMP-2), the same-working-day due time (CMP-4)."""

from datetime import date, datetime, time, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError

from attendance.models import CalendarDay
from complaints import services
from complaints.models import Complaint, ComplaintCounter, ComplaintEvent, ComplaintStatus
from leads.models import Lead, LeadEvent
from staff.models import Notification, Role
from tests.complaints.conftest import register
from tests.factories import StaffFactory

BEIJING = ZoneInfo("Asia/Shanghai")
MONDAY_10 = datetime(2026, 3, 2, 10, 0, tzinfo=BEIJING)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _monday_morning(time_machine):
    time_machine.move_to(MONDAY_10, tick=False)


# ---------------------------------------------------------------- CMP-1 channels and registrars


@pytest.mark.parametrize("channel", ["LETTER", "PHONE", "FAX", "IN_PERSON", "ONLINE"])
def test_cmp1_every_channel_is_registered(cs_agent, category, channel):
    complaint = register(cs_agent, category, channel=channel)
    assert (complaint.channel, complaint.status) == (channel, ComplaintStatus.REGISTERED)


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        (Role.CS_AGENT, True),
        (Role.FRONT_DESK, True),
        (Role.CUSTOMER_MANAGER, True),
        (Role.DESIGN_MANAGER, False),
        (Role.GM, False),
        (Role.DESIGNER, False),
        (Role.ENGINEERING, False),
    ],
    indirect=["persona"],
)
def test_cmp1_registered_centrally_by_customer_service(persona, category, allowed):
    if allowed:
        assert register(persona, category).number == "TS2026-0001"
    else:
        with pytest.raises(services.ComplaintError) as refused:
            register(persona, category)
        assert str(refused.value) == "Your role may not register complaints."
        assert Complaint.objects.count() == 0


# ---------------------------------------------------------------- CMP-2 numbering


def test_cmp2_numbers_run_without_gaps_per_year(cs_agent, category):
    numbers = [register(cs_agent, category).number for _ in range(3)]
    assert numbers == ["TS2026-0001", "TS2026-0002", "TS2026-0003"]


def test_cmp2_a_new_year_starts_again_at_one(cs_agent, category, time_machine):
    register(cs_agent, category)
    time_machine.move_to(datetime(2027, 1, 4, 9, 30, tzinfo=BEIJING), tick=False)
    complaint = register(cs_agent, category)
    assert (complaint.number, complaint.year, complaint.seq) == ("TS2027-0001", 2027, 1)


def test_cmp2_number_year_is_beijing_registration_year(cs_agent, category, time_machine):
    # 2026-12-31 17:00 UTC is already 2027-01-01 01:00 in Beijing.
    time_machine.move_to(datetime(2026, 12, 31, 17, 0, tzinfo=ZoneInfo("UTC")), tick=False)
    assert register(cs_agent, category).number == "TS2027-0001"


def test_cmp2_a_failed_registration_gives_its_number_back(cs_agent, category):
    with (
        mock.patch("complaints.queries.investigation_due", side_effect=RuntimeError("boom")),
        pytest.raises(RuntimeError),
    ):
        register(cs_agent, category)
    assert ComplaintCounter.objects.filter(year=2026, last_seq__gt=0).exists() is False
    assert register(cs_agent, category).number == "TS2026-0001"


def test_cmp2_number_is_unique_in_the_database(registered):
    duplicate = Complaint(
        **{
            f.attname: getattr(registered, f.attname)
            for f in Complaint._meta.fields
            if f.name != "id"
        }
    )
    with pytest.raises(IntegrityError):
        duplicate.save()


def test_cmp2_phone_is_normalized(registered):
    assert registered.phone == "13911112222"


def test_cmp2_bad_phone_is_refused_with_the_reason(cs_agent, category):
    with pytest.raises(services.ComplaintError) as refused:
        register(cs_agent, category, phone="12345")
    assert str(refused.value) == "A mobile number has 11 digits and starts with 13-19."


def test_cmp2_letter_without_phone_is_accepted(cs_agent, category):
    complaint = register(cs_agent, category, channel="LETTER", phone="")
    assert (complaint.phone, complaint.lead) == ("", None)


def test_cmp2_future_receipt_is_refused(cs_agent, category):
    with pytest.raises(services.ComplaintError) as refused:
        register(cs_agent, category, received_at=MONDAY_10 + timedelta(minutes=5))
    assert str(refused.value) == "The time received cannot be in the future."


def test_cmp2_retired_category_is_refused(cs_agent, category):
    category.is_active = False
    category.save()
    with pytest.raises(services.ComplaintError) as refused:
        register(cs_agent, category)
    assert str(refused.value) == "This category is no longer in use; choose another."


# ---------------------------------------------------------------- CMP-2 the customer's lead


def make_lead(phone: str, state: str, by) -> Lead:
    return Lead.objects.create(
        customer_name="刘女士",
        phone=phone,
        channel="PHONE",
        consultation_date=date(2026, 2, 1),
        state=state,
        created_by=by,
    )


def test_cmp2_complaint_links_to_the_open_lead_with_that_phone(cs_agent, category):
    make_lead("13911112222", "DEAD", cs_agent)
    open_lead = make_lead("13911112222", "SIGNED", cs_agent)
    assert register(cs_agent, category).lead == open_lead


def test_cmp2_without_an_open_lead_the_latest_lead_is_linked(cs_agent, category):
    make_lead("13911112222", "DEAD", cs_agent)
    latest = make_lead("13911112222", "INVALID", cs_agent)
    assert register(cs_agent, category).lead == latest


def test_cmp2_no_lead_when_the_phone_is_unknown(cs_agent, category):
    make_lead("13800000000", "SIGNED", cs_agent)
    assert register(cs_agent, category).lead is None


def test_cmp2_registration_is_written_on_the_leads_timeline(cs_agent, category):
    lead = make_lead("13911112222", "SIGNED", cs_agent)
    complaint = register(cs_agent, category)
    event = LeadEvent.objects.get(lead=lead, kind="COMPLAINT")
    assert event.text == "Complaint TS2026-0001 registered: 卫生间墙砖空鼓"
    assert (event.actor, complaint.lead) == (cs_agent, lead)


# ---------------------------------------------------------------- CMP-4 due time at registration


def test_cmp4_due_at_the_end_of_the_working_day_of_receipt(registered):
    assert registered.investigation_due_at == datetime(2026, 3, 2, 18, 0, tzinfo=BEIJING)


def test_cmp4_received_on_a_holiday_is_due_the_next_working_day(cs_agent, category):
    CalendarDay.objects.create(day=date(2026, 3, 2), kind="HOLIDAY", name="测试假日")
    complaint = register(cs_agent, category)
    assert complaint.investigation_due_at == datetime(2026, 3, 3, 18, 0, tzinfo=BEIJING)


def test_cmp4_received_at_the_weekend_is_due_monday(cs_agent, category):
    saturday = datetime(2026, 2, 28, 11, 0, tzinfo=BEIJING)
    complaint = register(cs_agent, category, received_at=saturday)
    assert complaint.investigation_due_at == datetime(2026, 3, 2, 18, 0, tzinfo=BEIJING)


def test_cmp4_the_registrars_schedule_sets_the_end_of_the_day(cs_agent, category):
    from attendance.models import WorkSchedule

    WorkSchedule.objects.create(
        scope="PERSON",
        staff=cs_agent,
        start=time(8, 0),
        end=time(17, 0),
        valid_from=date(2026, 1, 1),
    )
    complaint = register(cs_agent, category)
    assert complaint.investigation_due_at == datetime(2026, 3, 2, 17, 0, tzinfo=BEIJING)


def test_cmp4_due_time_falls_back_to_nine_to_six_without_attendance(cs_agent, category):
    with mock.patch.dict("sys.modules", {"attendance.queries": None}):
        complaint = register(cs_agent, category)
    assert complaint.investigation_due_at == datetime(2026, 3, 2, 18, 0, tzinfo=BEIJING)


# ---------------------------------------------------------------- audit and notifications


def test_sec3_registration_is_in_the_history_with_the_registrar(registered, cs_agent):
    record = registered.history.get()
    assert (record.history_user, record.history_change_reason) == (
        cs_agent,
        ComplaintEvent.REGISTERED,
    )


def test_cmp4_customer_service_is_told_to_investigate(cs_agent, customer_manager, category):
    other_agent = StaffFactory(roles=[Role.CS_AGENT])
    register(cs_agent, category)
    notes = Notification.objects.order_by("recipient_id")
    assert {n.recipient for n in notes} == {other_agent, customer_manager}
    assert (
        notes[0].text == "Complaint TS2026-0001 (刘女士) needs investigation by 2026-03-02 18:00."
    )
    assert notes[0].link == "/complaints/1/" or notes[0].link.startswith("/complaints/")
