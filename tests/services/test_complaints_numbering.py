"""CMP-2 on PostgreSQL: registrations at the same moment still get gapless, unique numbers; two
escalation runs at once flag each late step once (CMP-4)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from complaints import services
from complaints.models import Complaint, ComplaintCategory, Escalation
from staff.models import Notification, Role
from tests.factories import StaffFactory
from tests.services.threads import errors_of

BEIJING = ZoneInfo("Asia/Shanghai")
PARALLEL = 12


@pytest.mark.django_db(transaction=True)
def test_cmp2_parallel_registrations_get_gapless_unique_numbers():
    agents = [StaffFactory(roles=[Role.CS_AGENT]) for _ in range(PARALLEL)]
    category = ComplaintCategory.objects.get_or_create(name="施工质量")[0]  # flushed between tests
    received = datetime.now(BEIJING) - timedelta(minutes=5)
    year = datetime.now(BEIJING).year

    def register(index: int) -> None:
        services.register_complaint(
            by=agents[index],
            channel="PHONE",
            received_at=received,
            customer_name=f"客户{index}",
            phone=f"1390000{index:04d}",
            category=category,
            severity="MINOR",
            summary="并发登记",
        )

    assert errors_of(register, PARALLEL) == []
    numbers = sorted(Complaint.objects.values_list("number", flat=True))
    assert numbers == [f"TS{year}-{seq:04d}" for seq in range(1, PARALLEL + 1)]


@pytest.mark.django_db(transaction=True)
def test_cmp4_parallel_escalation_runs_flag_each_late_step_once():
    agent = StaffFactory(roles=[Role.CS_AGENT])
    manager = StaffFactory(roles=[Role.CUSTOMER_MANAGER])
    category = ComplaintCategory.objects.get_or_create(name="施工质量")[0]  # flushed between tests
    for index in range(3):
        services.register_complaint(
            by=agent,
            channel="LETTER",
            received_at=datetime.now(BEIJING) - timedelta(days=10),
            customer_name=f"客户{index}",
            category=category,
            severity="MAJOR",
            summary="迟迟未调查",
        )
    Notification.objects.all().delete()
    now = datetime.now(BEIJING)

    errors = errors_of(lambda _index: services.escalate_overdue(now=now), 6)

    assert errors == []
    assert Escalation.objects.count() == 3
    assert Notification.objects.filter(recipient=manager).count() == 3
