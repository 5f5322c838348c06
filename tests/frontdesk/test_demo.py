"""The front desk demo: every part filled, realistic links to leads, idempotent."""

import importlib

import pytest

from frontdesk import demo
from frontdesk.models import (
    AgentDailyMetric,
    Appointment,
    CallRecord,
    DailyReview,
    Document,
    GoodCase,
    HandoverNote,
    MoodCheckIn,
    PhoneConsultation,
    QualityAlert,
    ReceptionEntry,
    SampleHouse,
)
from leads.models import Lead
from staff import demo as staff_demo
from staff.models import Fault, InstructionRequest, Notification

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fault_types(db):
    """Data-migration rows may have been flushed by a transactional test elsewhere."""
    from django.apps import apps

    importlib.import_module("staff.migrations.0004_default_fault_types").create_fault_types(
        apps, None
    )


MODELS = [
    SampleHouse,
    ReceptionEntry,
    PhoneConsultation,
    Appointment,
    CallRecord,
    AgentDailyMetric,
    MoodCheckIn,
    HandoverNote,
    Document,
    Fault,
    InstructionRequest,
    GoodCase,
    DailyReview,
]


def counts() -> dict:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_demo_fills_every_part_and_runs_twice():
    staff_demo.seed()
    assert demo.seed() > 0
    first = counts()
    assert all(first.values()), first
    assert first["SampleHouse"] == 3 and first["Document"] == 10 and first["Fault"] == 3
    assert AgentDailyMetric.objects.values("agent").distinct().count() == 3
    assert first["DailyReview"] == 2  # FD-10: yesterday's reviews of two agents
    assert demo.seed() == 0
    assert counts() == first


def test_demo_customers_became_leads_and_the_slipping_agent_has_alerts():
    staff_demo.seed()
    demo.seed()
    created = ReceptionEntry.objects.filter(lead_link="CREATED")
    assert created.count() == 5
    assert Lead.objects.filter(phone__startswith=demo.PHONE_PREFIX).count() >= 8
    assert QualityAlert.objects.filter(agent__employee_no="E010").exists()
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_demo_needs_the_demo_staff():
    assert demo.seed() == 0
