"""A hand-built month for the report tests (RPT-1, RPT-2, RPT-4): March 2026 against February.

March: 5 leads (2 walk-in, 2 phone, 1 online), 4 dispatches (one declined, one forced; 设计师乙
skipped twice: on leave, then after declining),
2 measurements, 2 contracts (60,000 + 200,000), 1 confirmed closure, 2 complaints (one closed
after 24 hours, one escalated), 3 walk-ins, 1 call, 1 appointment (plus a cancelled one).
February: 2 walk-in leads, 1 contract (50,000), 1 confirmed closure (price), 1 complaint.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from attendance.models import DailyStatus
from complaints.models import Escalation
from dispatch.models import Assignment, Skip
from leads.models import Measurement
from staff.models import DesignerTier
from tests.complaints.factories import ComplaintFactory, category
from tests.dispatch.factories import AssignmentFactory, DesignerFactory
from tests.factories import StaffFactory
from tests.frontdesk.factories import (
    AppointmentFactory,
    PhoneConsultationFactory,
    ReceptionEntryFactory,
)
from tests.leads.factories import LeadFactory
from tests.leads.lifecycle_factories import ClosureFactory, ContractFactory

MONTH = date(2026, 3, 1)


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


@dataclass
class Fixture:
    d1: object
    d2: object
    d3: object
    leads: dict


def _lead(**fields):
    return LeadFactory(**fields)


def _dispatch(lead, designer, when, manager, method="ROTATION", **extra):
    return AssignmentFactory(
        lead=lead,
        designer=designer,
        dispatched_at=when,
        dispatched_by=manager,
        method=method,
        **extra,
    )


def _skip(assignment, designer, reason):
    return Skip.objects.create(
        assignment=assignment,
        designer=designer,
        reason=reason,
        skipped_at=assignment.dispatched_at,
    )


def build() -> Fixture:
    manager = StaffFactory(roles=["CUSTOMER_MANAGER"])
    d1 = DesignerFactory(name="设计师甲")
    d2 = DesignerFactory(name="设计师乙")
    d3 = DesignerFactory(name="总监丙", designer_tier=DesignerTier.DIRECTOR)
    m = {day: date(2026, 3, day) for day in range(1, 32)}

    l1 = _lead(
        channel="WALK_IN",
        size_class="SMALL",
        area_m2=Decimal(88),
        budget=Decimal(20000),
        consultation_date=m[2],
        planned_decoration_date=date(2026, 5, 1),
        designer=d1,
        dispatched_at=at(m[2]),
        state="SIGNED",
    )
    l2 = _lead(
        channel="WALK_IN",
        size_class="MEDIUM",
        consultation_date=m[2],
        designer=d1,
        dispatched_at=at(m[3]),
        state="MEASURED",
    )
    l3 = _lead(
        channel="PHONE",
        size_class="LARGE",
        community="望京花园",
        area_m2=Decimal(150),
        budget=Decimal(120000),
        consultation_date=m[3],
        designer=d3,
        dispatched_at=at(m[3]),
        state="SIGNED",
    )
    l4 = _lead(
        channel="PHONE",
        size_class="SMALL",
        community="望京花园",
        area_m2=Decimal(60),
        budget=Decimal(25000),
        consultation_date=m[3],
        state="INVALID",
    )
    l5 = _lead(
        channel="ONLINE",
        size_class="",
        community="",
        area_m2=None,
        budget=None,
        planned_decoration_date=None,
        consultation_date=m[9],
    )

    first = _dispatch(l1, d1, at(m[2]), manager)
    _skip(first, d2, Skip.Reason.ON_LEAVE)
    _dispatch(
        l2,
        d2,
        at(m[3], 9),
        manager,
        declined_at=at(m[3], 9, 30),
        declined_by=manager,
        decline_reason="客户要求男设计师",
    )
    forced = _dispatch(
        l2, d1, at(m[3]), manager, method=Assignment.Method.FORCED, reason="无人可派"
    )
    _skip(forced, d2, Skip.Reason.DECLINED)
    _dispatch(l3, d3, at(m[3], 11), manager, method=Assignment.Method.CHOSEN)
    Measurement.objects.create(lead=l1, measured_on=m[4], designer=d1, recorded_by=manager)
    Measurement.objects.create(lead=l2, measured_on=m[6], designer=d1, recorded_by=manager)
    ContractFactory(lead=l1, amount=Decimal(60000), signed_on=m[5], designer=d1)
    ContractFactory(
        lead=l3, contract_type="CONSTRUCTION", amount=Decimal(200000), signed_on=m[10], designer=d3
    )
    ClosureFactory(
        lead=l4,
        kind="INVALID",
        reason="NO_PLAN",
        status="CONFIRMED",
        proposed_at=at(m[3], 15),
        decided_by=manager,
        decided_at=at(m[4]),
    )

    # February
    p1 = _lead(
        channel="WALK_IN", size_class="SMALL", consultation_date=date(2026, 2, 10), state="SIGNED"
    )
    p2 = _lead(
        channel="WALK_IN", size_class="SMALL", consultation_date=date(2026, 2, 11), state="DEAD"
    )
    ContractFactory(lead=p1, amount=Decimal(50000), signed_on=date(2026, 2, 20))
    ClosureFactory(
        lead=p2,
        kind="DEAD",
        reason="PRICE",
        status="CONFIRMED",
        proposed_at=at(date(2026, 2, 24)),
        decided_by=manager,
        decided_at=at(date(2026, 2, 25)),
    )

    # The desk
    ReceptionEntryFactory(arrived_at=at(m[2], 9))
    ReceptionEntryFactory(arrived_at=at(m[2], 14))
    ReceptionEntryFactory(arrived_at=at(m[3], 23, 30))  # late evening: still the 3rd locally
    PhoneConsultationFactory(called_at=at(m[3], 0, 10))  # just after midnight: the 3rd
    AppointmentFactory(starts_at=at(m[5], 15))
    AppointmentFactory(starts_at=at(m[5], 16), status="CANCELLED")

    # Complaints
    ComplaintFactory(
        category=category("施工质量"),
        received_at=at(m[5]),
        closed_at=at(m[6]),
        status="CLOSED",
        reply_text="已修复",
        responsible_department="ENGINEERING",
    )
    late = ComplaintFactory(category=category("服务态度"), received_at=at(m[7]))
    Escalation.objects.create(
        complaint=late, status="REGISTERED", due_at=at(m[7], 18), escalated_at=at(m[7], 19)
    )
    ComplaintFactory(category=category("施工质量"), received_at=at(date(2026, 2, 15)))

    # Attendance: one late day and one absence in March
    DailyStatus.objects.create(staff=d1, day=m[2], code="LATE", late_minutes=12)
    DailyStatus.objects.create(staff=d2, day=m[2], code="ABSENT")
    DailyStatus.objects.create(staff=d2, day=m[3], code="ON_TIME")
    return Fixture(d1, d2, d3, {"l1": l1, "l2": l2, "l3": l3, "l4": l4, "l5": l5})
