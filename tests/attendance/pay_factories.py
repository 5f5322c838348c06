"""Builders for pay statement tests (COM-5, COM-3): employees on the payroll, the attendance
facts a month's statement reads (ATT-8), fault slips (FD-5), and a fixed "today"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from attendance.models import DailyStatus, ViolationRecord
from attendance.queries.pay_inputs import CommissionLine
from attendance.rules.daily import DayStatusCode, ViolationKind
from attendance.rules.leave import LeaveType
from staff.models import Fault, FaultType
from tests.factories import StaffFactory

BEIJING = timezone.get_fixed_timezone(8 * 60)
JOINED = dt.datetime(2020, 1, 1, 9, 0, tzinfo=BEIJING)
MARCH = dt.date(2026, 3, 1)
APRIL = dt.date(2026, 4, 1)
MAY = dt.date(2026, 5, 1)


@pytest.fixture(autouse=True)
def english():
    """Import into a test module: its messages are asserted in English (the source language),
    whatever the catalogue holds."""
    with translation.override("en"):
        yield


def employee(**fields):
    """Someone employed long before the months under test (so they are on the payroll)."""
    fields.setdefault("date_joined", JOINED)
    return StaffFactory(**fields)


def absent(person, day: dt.date, days: str = "1") -> DailyStatus:
    """A day of absenteeism; `days` "0.5" for half a day absent beside half a day of leave."""
    leave = Decimal(1) - Decimal(days)
    return DailyStatus.objects.create(
        staff=person,
        day=day,
        code=DayStatusCode.ABSENT,
        leave_days=leave,
        leave_type=LeaveType.PERSONAL if leave else "",
    )


def on_leave(person, day: dt.date, leave_type: str, days: str = "1") -> DailyStatus:
    return DailyStatus.objects.create(
        staff=person,
        day=day,
        code=DayStatusCode.ON_LEAVE,
        leave_type=leave_type,
        leave_days=Decimal(days),
    )


def violation(person, day: dt.date, minutes: int = 25) -> ViolationRecord:
    return ViolationRecord.objects.create(
        staff=person, day=day, kind=ViolationKind.LATE, minutes=minutes
    )


def fault(person, day: dt.date, deduction: int, *, by, code: str = "phone-not-answered") -> Fault:
    """A fault slip written directly (the recording service refuses future dates)."""
    return Fault.objects.create(
        staff=person,
        fault_type=FaultType.objects.get(code=code),
        occurred_on=day,
        deduction=Decimal(deduction),
        note="铃响五声才接",
        recorded_by=by,
        recorded_at=timezone.now(),
    )


def commission(
    amount: int, number: str = "HT-0001", *, adjustment: bool = False, entry=1, lead=None
):
    """A ledger line as the wrapper returns it (for tests that stub the ledger)."""
    return CommissionLine(
        amount=Decimal(amount),
        is_adjustment=adjustment,
        entry_id=entry,
        contract_number=number,
        lead_id=lead,
        signed_on=dt.date(2026, 3, 20),
        note="客户经理",
    )
