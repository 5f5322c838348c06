"""Complaint rows for list and query tests; workflow tests go through the services instead."""

from datetime import timedelta

import factory
from django.utils import timezone

from complaints.models import Complaint, ComplaintCategory, ComplaintStatus
from complaints.rules import complaint_number
from tests.factories import StaffFactory

YEAR = 2026


def category(name: str = "施工质量") -> ComplaintCategory:
    return ComplaintCategory.objects.get_or_create(name=name)[0]


class ComplaintFactory(factory.django.DjangoModelFactory):
    """A registered complaint written straight to the table (numbers from 9001 up)."""

    class Meta:
        model = Complaint

    year = YEAR
    seq = factory.Sequence(lambda n: 9001 + n)
    number = factory.LazyAttribute(lambda o: complaint_number(o.year, o.seq))
    channel = "PHONE"
    received_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    customer_name = factory.Sequence(lambda n: f"客户{n}")
    phone = factory.Sequence(lambda n: f"139{n:08d}")
    category = factory.LazyFunction(category)
    severity = "MINOR"
    summary = factory.Sequence(lambda n: f"墙面开裂第{n}处")
    registered_by = factory.SubFactory(StaffFactory, roles=["CS_AGENT"])
    status = ComplaintStatus.REGISTERED
    status_changed_at = factory.LazyAttribute(lambda o: o.received_at)
    investigation_due_at = factory.LazyAttribute(lambda o: o.received_at + timedelta(hours=8))
