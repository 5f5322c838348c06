"""FD-3: booking links or registers the lead; the visit becomes APPOINTMENT evidence (ATTR-2)
for whoever invited the customer; reminders go out the day before, once."""

import importlib
from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.utils import timezone

from frontdesk.models import Appointment, AppointmentStatus
from frontdesk.services import appointments as services
from frontdesk.services import logs
from frontdesk.services.errors import FrontDeskError
from frontdesk.tasks import remind_appointments
from leads.models import Channel, ClaimBasis, ClaimSource, Lead, LeadEvent, LeadState
from staff.models import Notification
from tests.frontdesk.factories import AppointmentFactory, SampleHouseFactory
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db

BEIJING = timezone.get_fixed_timezone(8 * 60)


@pytest.fixture(autouse=True)
def _morning():
    """A Thursday at 09:00 in Beijing; the clock keeps running (records must precede visits)."""
    with time_machine.travel(datetime(2026, 3, 12, 9, 0, tzinfo=BEIJING), tick=True):
        yield


def at(day_offset: int, hour: int, minute: int = 0) -> datetime:
    day = timezone.localdate() + timedelta(days=day_offset)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def book(by, house, **overrides) -> Appointment:
    fields = {
        "sample_house": house,
        "starts_at": at(1, 10),
        "customer_name": "赵先生",
        "phone": "13611112222",
        "wishes": "想看现代简约，三室",
    }
    return services.book_appointment(booking=services.Booking(**{**fields, **overrides}), by=by)


def test_fd3_booking_a_new_customer_registers_the_lead_through_the_intake(front_desk, house):
    appointment = book(front_desk, house)
    lead = Lead.objects.get()
    assert appointment.lead == lead
    assert (lead.channel, lead.phone, lead.first_visit_at) == (Channel.PHONE, "13611112222", None)
    note = lead.events.filter(kind=LeadEvent.Kind.NOTE).get()
    assert note.text.startswith(f"Showroom visit booked: {house.name}, ")


def test_fd3_lead2_booking_an_existing_customer_links_their_open_lead(front_desk, house):
    lead = LeadFactory(phone="13611112222")
    appointment = book(front_desk, house)
    assert appointment.lead == lead
    assert Lead.objects.count() == 1


def test_fd3_booking_refusals(front_desk, house):
    with pytest.raises(FrontDeskError) as exc:
        book(front_desk, house, starts_at=timezone.now() - timedelta(minutes=1))
    assert str(exc.value) == "Choose a time in the future."
    house.is_active = False
    house.save()
    with pytest.raises(FrontDeskError) as exc:
        book(front_desk, house)
    assert str(exc.value) == "This sample house is not open for visits."
    assert (Appointment.objects.count(), Lead.objects.count()) == (0, 0)


def test_fd3_attr2_visit_gives_the_inviter_an_appointment_claim(front_desk, marketing_sales, house):
    appointment = book(front_desk, house, invited_by=marketing_sales, starts_at=at(0, 23, 59))
    services.record_outcome(appointment=appointment, came=True, by=front_desk)
    appointment.refresh_from_db()
    lead = appointment.lead
    claim = lead.claims.get(basis=ClaimBasis.APPOINTMENT)
    assert (claim.claimant, claim.source) == (marketing_sales, ClaimSource.APPOINTMENT)
    assert claim.appointment_at == appointment.created_at  # the record predates the visit
    assert claim.visit_at == appointment.outcome_at
    assert claim.recorded_at == appointment.created_at
    lead.refresh_from_db()
    assert lead.owner == marketing_sales  # APPOINTMENT ranks first (ATTR-3)
    assert lead.first_visit_at is not None
    assert appointment.status == AppointmentStatus.CAME


def test_fd3_without_an_inviter_the_visit_files_no_claim(front_desk, house):
    appointment = book(front_desk, house, starts_at=at(0, 23, 59))
    services.record_outcome(appointment=appointment, came=True, by=front_desk)
    assert appointment.lead.claims.count() == 0
    assert appointment.lead.events.filter(kind=LeadEvent.Kind.VISIT).count() == 1


def test_fd3_came_through_the_reception_log_records_one_visit(front_desk, marketing_sales, house):
    appointment = book(front_desk, house, invited_by=marketing_sales, starts_at=at(0, 23, 59))
    data = logs.ReceptionData(
        visitor_name="赵先生",
        purpose="EXISTING_CUSTOMER",
        arrived_at=timezone.now(),
        phone="13611112222",
        appointment=appointment,
    )
    entry = logs.log_reception(data=data, by=front_desk).entry
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CAME
    assert entry.lead == appointment.lead
    assert appointment.lead.events.filter(kind=LeadEvent.Kind.VISIT).count() == 1
    assert appointment.lead.claims.filter(basis=ClaimBasis.APPOINTMENT).count() == 1


def test_fd3_customer_whose_lead_closed_is_registered_again_when_they_come(front_desk, house):
    appointment = book(front_desk, house, starts_at=at(0, 23, 59))
    Lead.objects.filter(pk=appointment.lead_id).update(state=LeadState.INVALID)
    services.record_outcome(appointment=appointment, came=True, by=front_desk)
    appointment.refresh_from_db()
    assert Lead.objects.count() == 2
    assert appointment.lead.is_open and appointment.lead.first_visit_at is not None


def test_fd3_no_show_after_the_time_is_noted_on_the_lead(front_desk, house):
    appointment = book(front_desk, house, starts_at=at(0, 23, 59))
    with pytest.raises(FrontDeskError) as exc:
        services.record_outcome(appointment=appointment, came=False, by=front_desk)
    assert str(exc.value) == "A no-show can only be recorded after the booked time."
    with time_machine.travel(at(1, 9), tick=False):
        services.record_outcome(appointment=appointment, came=False, by=front_desk, note="没接电话")
    appointment.refresh_from_db()
    assert (appointment.status, appointment.outcome_note) == (AppointmentStatus.NO_SHOW, "没接电话")
    assert appointment.lead.claims.count() == 0
    assert appointment.lead.events.filter(text__startswith="Did not come").count() == 1


def test_fd3_outcome_is_recorded_once(front_desk, house):
    appointment = book(front_desk, house, starts_at=at(0, 23, 59))
    services.record_outcome(appointment=appointment, came=True, by=front_desk)
    with pytest.raises(FrontDeskError) as exc:
        services.record_outcome(appointment=appointment, came=True, by=front_desk)
    assert str(exc.value) == "This appointment already has an outcome or was cancelled."


def test_fd3_came_only_from_the_booked_day(front_desk, house):
    appointment = book(front_desk, house, starts_at=at(2, 10))
    with pytest.raises(FrontDeskError) as exc:
        services.record_outcome(appointment=appointment, came=True, by=front_desk)
    assert str(exc.value) == "The customer can only come on or after the booked day."


def test_fd3_reminders_the_day_before_once_to_booker_and_inviter(
    front_desk, marketing_sales, house, eager_celery
):
    tomorrow = book(front_desk, house, invited_by=marketing_sales, starts_at=at(1, 10, 30))
    book(front_desk, house, customer_name="钱女士", phone="13633334444", starts_at=at(2, 10))
    cancelled = book(front_desk, house, customer_name="孙先生", phone="13655556666")
    services.cancel_appointment(appointment=cancelled, reason="改期", by=front_desk)
    assert remind_appointments.delay(timezone.localdate().isoformat()).get() == 1
    assert remind_appointments.delay().get() == 0  # idempotent: each visit reminded once
    text = (
        f"Tomorrow 10:30: 赵先生 visits the sample house {house.name}. "
        "Call the customer to confirm."
    )
    for person in (front_desk, marketing_sales):
        assert list(
            Notification.objects.filter(recipient=person).values_list("text", flat=True)
        ) == [text]
    tomorrow.refresh_from_db()
    assert tomorrow.reminder_sent_at is not None


def test_fd3_moving_a_visit_sends_its_reminder_again(front_desk, house):
    appointment = book(front_desk, house)
    services.send_reminders(today=timezone.localdate())
    services.reschedule_appointment(
        appointment=appointment, starts_at=at(1, 15), sample_house=house, wishes="", by=front_desk
    )
    assert services.send_reminders(today=timezone.localdate()) == 1


def test_fd3_cancel_needs_a_reason(front_desk, house):
    appointment = book(front_desk, house)
    with pytest.raises(FrontDeskError) as exc:
        services.cancel_appointment(appointment=appointment, reason=" ", by=front_desk)
    assert str(exc.value) == "Say why the visit is cancelled."


def test_fd3_only_the_desk_and_agents_book(designer, house):
    with pytest.raises(FrontDeskError) as exc:
        book(designer, house)
    assert str(exc.value) == "Only the front desk and agents book showroom visits."


def test_fd3_appointment_changes_are_audited(front_desk, house):
    appointment = book(front_desk, house)
    services.mark_customer_reminded(appointment=appointment, by=front_desk)
    services.cancel_appointment(appointment=appointment, reason="客户出差", by=front_desk)
    users = list(appointment.history.values_list("history_user", flat=True))
    assert users == [front_desk.pk] * 3  # booked, customer reminded, cancelled


def test_fd3_reminder_beat_schedule_exists():
    from django.apps import apps
    from django_celery_beat.models import PeriodicTask

    # The data migration's own function (its rows may have been flushed by another test).
    importlib.import_module("frontdesk.migrations.0003_beat_schedule").create_tasks(apps, None)
    task = PeriodicTask.objects.get(task="frontdesk.tasks.remind_appointments")
    assert (task.crontab.hour, task.crontab.minute, str(task.crontab.timezone)) == (
        "9-20",
        "0",
        "Asia/Shanghai",
    )


def test_fd3_factory_rows_show_in_the_day_view_query(house):
    from frontdesk.queries.appointments import appointments_on, week

    row = AppointmentFactory(sample_house=house, starts_at=at(0, 23, 0))
    assert list(appointments_on(timezone.localdate())) == [row]
    days = dict(week(timezone.localdate()))
    assert days[timezone.localdate()] == [row]
    SampleHouseFactory()  # another house does not disturb the query
