"""Generated staff: the four managers, the designers across the tiers, and the other roles."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from staff.models import Department, DesignerTier, Role, Staff

from .base import BATCH, PASSWORD, PREFIX, TZ, Run, person_name

# Ten designers spread over the tiers like the firm's: mostly designers, one chief.
TIERS = (
    [DesignerTier.DESIGNER] * 4
    + [DesignerTier.DEPUTY_DIRECTOR] * 3
    + [DesignerTier.DIRECTOR] * 2
    + [DesignerTier.CHIEF]
)
MANAGERS = [
    (Role.GM, Department.GM_OFFICE),
    (Role.DESIGN_MANAGER, Department.DESIGN),
    (Role.MARKETING_MANAGER, Department.MARKETING),
    (Role.STORE_MANAGER, Department.STORE),
]
# The rest of the headcount by role: (role, department, share).
OTHERS = [
    (Role.FRONT_DESK, Department.CUSTOMER_SERVICE, 0.10),
    (Role.CS_AGENT, Department.CUSTOMER_SERVICE, 0.20),
    (Role.CUSTOMER_MANAGER, Department.CUSTOMER_SERVICE, 0.05),
    (Role.MARKETING_SALES, Department.MARKETING, 0.35),
    (Role.ENGINEERING, Department.ENGINEERING, 0.25),
    (Role.HR, Department.HR, 0.05),
]


def make_staff(run: Run) -> None:
    password = make_password(PASSWORD)
    rows = _positions(run.plan.staff, run.plan.designers)
    for n, (person, role) in enumerate(rows, 1):
        _fill(person, role, n, run, password)
    Staff.objects.bulk_create([s for s, _ in rows], batch_size=BATCH)
    groups = {g.name: g for g in Group.objects.filter(name__in=[r for _, r in rows])}
    through = Staff.groups.through
    links = []
    for person, role in rows:
        run.by_role[role].append(person)
        if role in groups:
            links.append(through(staff_id=person.pk, group_id=groups[role].pk))
    through.objects.bulk_create(links, batch_size=BATCH)
    run.staff = [s for s, _ in rows]
    run.tally("staff", len(run.staff))


def _positions(headcount: int, designers: int) -> list[tuple[Staff, str]]:
    """Unsaved staff with their role: managers first, then designers, then the other roles."""
    rows = [(Staff(department=dept), role) for role, dept in MANAGERS]
    for i in range(designers):
        designer = Staff(department=Department.DESIGN, designer_tier=TIERS[i % 10])
        rows.append((designer, Role.DESIGNER))
    rest = max(headcount - len(rows), len(OTHERS))
    for role, dept, share in OTHERS:
        rows += [(Staff(department=dept), role) for _ in range(max(1, round(rest * share)))]
    return rows[: max(headcount, len(MANAGERS) + designers + 6)]


def _fill(person: Staff, role: str, n: int, run: Run, password: str) -> None:
    rng = run.rng
    person.username = f"{PREFIX}{role.lower()}_{n:04d}"
    person.employee_no = f"V{n:05d}"
    person.name = person_name(rng)
    person.phone = f"139{rng.randrange(10**8):08d}"
    person.base_salary = Decimal(rng.randrange(4000, 16000, 500))
    person.password = password
    person.is_active = True
    person.date_joined = datetime.combine(run.plan.start - timedelta(days=30), time(9), TZ)
