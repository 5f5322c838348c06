"""LIFE-1: recording the site measurement (designer or customer manager; DISPATCHED -> MEASURED)."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from leads.models import Callback, CallbackKind, LeadEvent, LeadState, Measurement
from leads.services.errors import LeadError
from leads.services.measurement import record_measurement
from tests.leads.factories import LeadFactory
from tests.leads.lifecycle_factories import dispatched_lead

pytestmark = pytest.mark.django_db


def test_life1_designer_records_date_and_designer_and_lead_is_measured(customer_manager, designer):
    lead = dispatched_lead(designer=designer, by=customer_manager)
    today = timezone.localdate()

    measurement = record_measurement(lead=lead, measured_on=today, by=designer, note="三室两厅")

    lead.refresh_from_db()
    assert (measurement.measured_on, measurement.designer, measurement.recorded_by) == (
        today,
        designer,
        designer,
    )
    assert lead.state == LeadState.MEASURED
    event = lead.events.filter(kind=LeadEvent.Kind.MEASUREMENT).get()
    assert event.text == f"Measured on {today:%Y-%m-%d} by 设计师韩."


def test_life1_customer_manager_may_record_for_the_designer(customer_manager, designer):
    lead = dispatched_lead(designer=designer, by=customer_manager)
    record_measurement(lead=lead, measured_on=timezone.localdate(), by=customer_manager)
    assert Measurement.objects.get(lead=lead).designer == designer


def test_life1_another_designer_may_not_record(customer_manager, designer, make_designer):
    lead = dispatched_lead(designer=designer, by=customer_manager)
    with pytest.raises(LeadError, match="Only the lead's designer or the customer manager"):
        record_measurement(lead=lead, measured_on=timezone.localdate(), by=make_designer())


def test_life1_front_desk_may_not_record(customer_manager, designer, front_desk):
    lead = dispatched_lead(designer=designer, by=customer_manager)
    with pytest.raises(LeadError, match="Only the lead's designer or the customer manager"):
        record_measurement(lead=lead, measured_on=timezone.localdate(), by=front_desk)


def test_life1_new_lead_cannot_be_measured(customer_manager):
    with pytest.raises(LeadError) as refused:
        record_measurement(
            lead=LeadFactory(), measured_on=timezone.localdate(), by=customer_manager
        )
    assert str(refused.value) == "Only a dispatched lead waiting for measurement can be measured."


def test_life1_measurer_must_be_a_designer(customer_manager, designer, front_desk):
    lead = dispatched_lead(designer=designer, by=customer_manager)
    with pytest.raises(LeadError, match="Choose the active designer who measured."):
        record_measurement(
            lead=lead, measured_on=timezone.localdate(), designer=front_desk, by=customer_manager
        )


def test_life1_measured_lead_is_not_measured_twice(customer_manager, designer):
    lead = dispatched_lead(designer=designer, by=customer_manager)
    record_measurement(lead=lead, measured_on=timezone.localdate(), by=designer)
    with pytest.raises(LeadError) as refused:
        record_measurement(lead=lead, measured_on=timezone.localdate(), by=designer)
    assert str(refused.value) == "Only a dispatched lead waiting for measurement can be measured."


def test_life1_measurement_date_not_in_the_future(customer_manager, designer):
    lead = dispatched_lead(designer=designer, by=customer_manager)
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(LeadError, match="The measurement date cannot be in the future."):
        record_measurement(lead=lead, measured_on=tomorrow, by=designer)
    lead.refresh_from_db()
    assert lead.state == LeadState.DISPATCHED


def test_cb1_measurement_schedules_the_callback_three_days_later(customer_manager, designer):
    moment = timezone.make_aware(timezone.datetime(2026, 6, 2, 15, 30))
    with time_machine.travel(moment, tick=False):
        lead = dispatched_lead(designer=designer, by=customer_manager)
        record_measurement(lead=lead, measured_on=timezone.localdate(), by=designer)
    callback = Callback.objects.get(lead=lead, kind=CallbackKind.AFTER_MEASUREMENT)
    assert callback.due_at == moment + timedelta(days=3)
    assert (
        callback.note == "How did the measurement with 设计师韩 go? Is the customer ready to sign?"
    )
