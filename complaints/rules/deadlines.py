"""CMP-4/CMP-5: when a step is due and when it is late enough to escalate."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import MappingProxyType

from .base import ComplaintStatus

# Time allowed in each status before the next step is overdue. Not in the source: these are
# the defaults a service uses when managers set nothing else. REGISTERED is absent on purpose:
# its deadline is the working-day rule of CMP-4 (see investigation_overdue).
DEFAULT_STEP_DEADLINES: Mapping[ComplaintStatus, timedelta] = MappingProxyType(
    {
        ComplaintStatus.INVESTIGATED: timedelta(days=1),
        ComplaintStatus.DECIDED: timedelta(days=3),
        ComplaintStatus.HANDLED: timedelta(days=1),
        ComplaintStatus.REPLIED: timedelta(days=3),
    }
)


@dataclass(frozen=True)
class Overdue:
    status: ComplaintStatus
    due_at: datetime
    overdue_by: timedelta


def overdue_steps(
    status: ComplaintStatus,
    step_started_at: datetime,
    deadlines: Mapping[ComplaintStatus, timedelta],
    now: datetime,
) -> Overdue | None:
    """The current step, if it has stayed past its deadline; None when on time or unbounded."""
    limit = deadlines.get(status)
    if status == ComplaintStatus.CLOSED or limit is None:
        return None
    due_at = step_started_at + limit
    if now <= due_at:
        return None
    return Overdue(status=status, due_at=due_at, overdue_by=now - due_at)


def investigation_overdue(status: ComplaintStatus, due_at: datetime, now: datetime) -> bool:
    """CMP-4: findings were due at `due_at` (working-day calendar) and are still missing."""
    return status == ComplaintStatus.REGISTERED and now > due_at


def current_overdue(
    status: ComplaintStatus,
    *,
    step_started_at: datetime,
    investigation_due_at: datetime,
    deadlines: Mapping[ComplaintStatus, timedelta],
    now: datetime,
) -> Overdue | None:
    """The complaint's current step if it is late: CMP-4 while REGISTERED, the deadlines after."""
    if status == ComplaintStatus.REGISTERED:
        if not investigation_overdue(status, investigation_due_at, now):
            return None
        return Overdue(
            status=status, due_at=investigation_due_at, overdue_by=now - investigation_due_at
        )
    return overdue_steps(status, step_started_at, deadlines, now)


def step_due_at(
    status: ComplaintStatus,
    *,
    step_started_at: datetime,
    investigation_due_at: datetime,
    deadlines: Mapping[ComplaintStatus, timedelta],
) -> datetime | None:
    """When the step after `status` is due; None when closed or without a deadline."""
    if status == ComplaintStatus.REGISTERED:
        return investigation_due_at
    limit = deadlines.get(status)
    if status == ComplaintStatus.CLOSED or limit is None:
        return None
    return step_started_at + limit
