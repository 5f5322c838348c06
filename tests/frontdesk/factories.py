"""Rows of the front desk for list and query tests; behaviour tests go through the services."""

from datetime import timedelta

import factory
from django.utils import timezone

from frontdesk.models import (
    Appointment,
    CallRecord,
    HandoverNote,
    PhoneConsultation,
    ReceptionEntry,
    SampleHouse,
    Shift,
)
from tests.factories import StaffFactory


class SampleHouseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SampleHouse
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"样板房{n}号")
    community = "阳光小区"
    style = "现代简约"


class AppointmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appointment

    sample_house = factory.SubFactory(SampleHouseFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(hours=2))
    customer_name = factory.Sequence(lambda n: f"客户{n}")
    phone = factory.Sequence(lambda n: f"137{n:08d}")
    wishes = "想看北欧风格"
    booked_by = factory.SubFactory(StaffFactory, roles=["FRONT_DESK"])


class CallRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CallRecord

    agent = factory.SubFactory(StaffFactory, roles=["CS_AGENT"])
    started_at = factory.Sequence(lambda n: timezone.now() - timedelta(hours=1, seconds=n))
    ring_seconds = 8
    talk_seconds = 180
    satisfaction = 5
    resolved_first_contact = True
    complaint = False


class ReceptionEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReceptionEntry

    arrived_at = factory.LazyFunction(timezone.now)
    visitor_name = factory.Sequence(lambda n: f"访客{n}")
    phone = factory.Sequence(lambda n: f"136{n:08d}")
    purpose = "VISIT_STAFF"
    recorded_by = factory.SubFactory(StaffFactory, roles=["FRONT_DESK"])
    receiver = factory.SubFactory(StaffFactory)


class PhoneConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PhoneConsultation

    called_at = factory.LazyFunction(timezone.now)
    caller_name = factory.Sequence(lambda n: f"来电人{n}")
    phone = factory.Sequence(lambda n: f"135{n:08d}")
    topic = "OTHER"
    summary = "询问营业时间"
    answered_by = factory.SubFactory(StaffFactory, roles=["FRONT_DESK"])
    message_for = factory.SubFactory(StaffFactory)


class HandoverNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HandoverNote

    shift_date = factory.LazyFunction(timezone.localdate)
    shift = Shift.MORNING
    written_by = factory.SubFactory(StaffFactory, roles=["FRONT_DESK"])
    notices = "下午三点全员会议"
