"""Rows the quality gate reads (QG-1), written straight to the tables: a complaint decided with
the design department responsible, a follow-up score, a measured (and maybe signed) lead."""

import datetime
import itertools
from decimal import Decimal

from django.utils import timezone

from complaints.models import ComplaintStatus
from dispatch.models import QualityHold
from leads.models import Contract, ContractType, LeadState, Measurement
from staff.models import Department
from tests.complaints.factories import ComplaintFactory
from tests.dispatch.factories import AssignmentFactory
from tests.factories import StaffFactory

_numbers = itertools.count(1)


def _aware(day: datetime.date, hour: int = 11) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC)


# Leads a complaint or a score is about were dispatched weeks ago: they weigh nothing on this
# week's rotation (only on the time since the last dispatch).
EARLIER = datetime.timedelta(days=60)


def designer_lead(designer, state=LeadState.DISPATCHED, dispatched_at=None):
    when = dispatched_at or timezone.now() - EARLIER
    return AssignmentFactory(designer=designer, lead__state=state, dispatched_at=when).lead


def responsible_complaint(designer, decided_on: datetime.date, department=Department.DESIGN):
    return ComplaintFactory(
        lead=designer_lead(designer),
        status=ComplaintStatus.DECIDED,
        responsible_department=department,
        decided_at=_aware(decided_on),
        handling_method="重新设计",
    )


def follow_up_score(designer, visited_on: datetime.date, score: int):
    return ComplaintFactory(
        lead=designer_lead(designer),
        status=ComplaintStatus.CLOSED,
        reply_text="已答复",
        follow_up_at=_aware(visited_on),
        satisfaction=score,
    )


def measured_lead(designer, measured_on: datetime.date, signed: bool = False, recorder=None):
    recorder = recorder or StaffFactory(roles=["CUSTOMER_MANAGER"])
    lead = designer_lead(designer, state=LeadState.SIGNED if signed else LeadState.MEASURED)
    Measurement.objects.create(
        lead=lead, measured_on=measured_on, designer=designer, recorded_by=recorder
    )
    if signed:
        Contract.objects.create(
            lead=lead,
            number=f"HT-Q-{next(_numbers)}",
            contract_type=ContractType.DESIGN,
            amount=Decimal(30000),
            signed_on=measured_on,
            designer=designer,
            recorded_by=recorder,
        )
    return lead


def hold_for(designer, starts: datetime.date, days: int = 30, **fields) -> QualityHold:
    return QualityHold.objects.create(
        designer=designer,
        reason_code=fields.pop("reason_code", QualityHold.Code.COMPLAINT),
        reason=fields.pop("reason", "Complaint decided with the designer responsible"),
        starts=starts,
        ends=starts + datetime.timedelta(days=days - 1),
        **fields,
    )
