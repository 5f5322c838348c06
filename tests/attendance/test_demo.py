"""The demo seed: realistic, covers every stage, and a second run changes nothing."""

import pytest

from attendance import demo
from attendance.models import (
    BusinessOuting,
    ClockRecord,
    DailyStatus,
    DisciplineFlag,
    LeaveRequest,
    ViolationRecord,
)
from staff import demo as staff_demo

pytestmark = pytest.mark.django_db


def counts():
    models = [ClockRecord, DailyStatus, LeaveRequest, ViolationRecord, DisciplineFlag]
    return [model.objects.count() for model in [*models, BusinessOuting]]


def test_demo_seed_is_complete_and_idempotent(frozen):
    staff_demo.seed()
    assert demo.seed() > 500
    first = counts()
    assert demo.seed() == 0
    assert counts() == first
    assert set(LeaveRequest.objects.values_list("status", flat=True)) == {
        "PENDING",
        "APPROVED",
        "REJECTED",
    }
    assert DisciplineFlag.objects.filter(staff__employee_no="E010").exists()
    assert ViolationRecord.objects.count() == 3
    assert not DailyStatus.objects.filter(staff__is_superuser=True).exists()
