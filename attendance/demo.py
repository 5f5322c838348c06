"""Demo attendance for `manage.py seed_demo`: calendar, schedules, clock records, leave, outings.

Covers the previous month and this month up to yesterday, so the summary, violations and the
discipline flag have something to show. Idempotent: every row is looked up before it is made,
and only days with no computed status yet are computed.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from staff.models import Department, Staff

from . import queries, services
from .models import (
    BusinessOuting,
    ClockRecord,
    ClockSource,
    DailyStatus,
    LeaveRequest,
    OffPostRecord,
    OutingStatus,
    PayMonth,
    PayMonthStatus,
    PayStatement,
    ScheduleScope,
    WorkSchedule,
    YearEndBonus,
)
from .rules.leave import LeaveType
from .services import pay
from .services.common import at_local

# Who arrives late on which working day of the previous month (index into its working days).
LATE = {"E010": {2: 8, 6: 12, 11: 25}, "E018": {4: 35}, "E012": {9: 5}}
ABSENT = {"E013": {7}}  # a day with no clock-in and no leave: absenteeism


def _first_of_previous_month(today: date) -> date:
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


def _people() -> dict[str, Staff]:
    demo = Staff.objects.filter(employee_no__regex=r"^E0[0-9]{2}$", is_superuser=False)
    return {p.employee_no: p for p in demo}


def _prefill_calendar(today: date) -> int:
    created = 0
    for year in sorted({today.year, _first_of_previous_month(today).year}):
        try:
            created += services.prefill_year(year=year).created
        except services.AttendanceError:
            continue  # a year the package does not know: HR enters it
    return created


def _schedules(people: dict[str, Staff]) -> int:
    rows = [
        {"scope": ScheduleScope.DEPARTMENT, "department": Department.DESIGN, "staff": None},
        {"scope": ScheduleScope.PERSON, "department": "", "staff": people.get("E007")},
    ]
    times = [(time(9, 30), time(18, 30)), (time(8, 30), time(17, 30))]
    created = 0
    for target, (start, end) in zip(rows, times, strict=True):
        if target["staff"] is None and target["scope"] == ScheduleScope.PERSON:
            continue
        _row, made = WorkSchedule.objects.get_or_create(
            valid_from=date(2024, 1, 1), **target, defaults={"start": start, "end": end}
        )
        created += made
    return created


def _working_days(start: date, end: date) -> list[date]:
    return queries.work_calendar(start, end).workdays(start, end)


def _punch(person: Staff, day: date, index: int, in_month: bool) -> tuple[datetime, datetime]:
    """Deterministic, slightly varied times; the LATE table makes the planned late arrivals."""
    schedule = queries.schedule_for(person, day)
    dice = random.Random(f"{person.employee_no}{day}")  # noqa: S311 - demo data, not security
    late = LATE.get(person.employee_no, {}).get(index, 0) if in_month else 0
    arrive = at_local(day, schedule.start) + timedelta(minutes=late or -dice.randint(2, 20))
    leave = at_local(day, schedule.end) + timedelta(minutes=dice.randint(0, 45))
    return arrive, leave


def _clock_records(
    people: dict[str, Staff], first: date, yesterday: date, hr: Staff
) -> tuple[int, set[date]]:
    """Create the missing punches; return how many, and the days that got new ones."""
    previous_month_end = first.replace(day=28) + timedelta(days=4)
    previous_month_end -= timedelta(days=previous_month_end.day)
    on_leave = {
        (leave.staff_id, leave.start_day + timedelta(days=n))
        for leave in LeaveRequest.objects.filter(status="APPROVED", end_day__gte=first)
        for n in range((leave.end_day - leave.start_day).days + 1)
    }
    created, touched = 0, set()
    for index, day in enumerate(_working_days(first, yesterday)):
        in_month = day <= previous_month_end
        for number, person in people.items():
            if (person.pk, day) in on_leave or (in_month and index in ABSENT.get(number, ())):
                continue
            arrive, leave = _punch(person, day, index, in_month)
            _row, made = ClockRecord.objects.get_or_create(
                staff=person,
                day=day,
                defaults={
                    "clock_in": arrive,
                    "clock_out": leave,
                    "source": ClockSource.IMPORT,
                    "entered_by": hr,
                },
            )
            if made:
                created += 1
                touched.add(day)
    return created, touched


def _leave(person, by, kind, start, end, filed_at, decide=()) -> int:
    """File one request (unless it exists) and let the listed people decide in order."""
    if LeaveRequest.objects.filter(staff=person, start_day=start).exists():
        return 0
    leave = services.file_leave(
        staff=person,
        by=by,
        leave_type=kind,
        start_day=start,
        end_day=end,
        reason=_REASONS[kind],
        now=filed_at,
    )
    for approver, approve in decide:
        if approve:
            services.approve_leave(leave=leave, by=approver, now=filed_at + timedelta(hours=2))
        else:
            services.reject_leave(
                leave=leave, by=approver, comment="本周项目交付，请改期", now=filed_at
            )
    return 1


_REASONS = {
    LeaveType.PERSONAL: "家中有事，回老家一趟",
    LeaveType.SPECIAL_PERSONAL: "孩子学校临时开家长会",
    LeaveType.SICK: "发烧，医院就诊",
}


def _leave_requests(p: dict[str, Staff], first: date, today: date) -> int:
    past = _working_days(first, first + timedelta(days=27))
    future = _working_days(today + timedelta(days=3), today + timedelta(days=30))
    noon = time(12, 0)
    made = 0
    # Sick leave filed by the marketing manager for a salesperson, approved (last month).
    made += _leave(
        p["E011"],
        p["E006"],
        LeaveType.SICK,
        past[3],
        past[4],
        at_local(past[3], noon),
        [(p["E006"], True), (p["E001"], True)],
    )
    # A day of personal leave last month, approved by the customer manager.
    made += _leave(
        p["E010"],
        p["E010"],
        LeaveType.PERSONAL,
        past[14],
        past[14],
        at_local(past[12], noon),
        [(p["E003"], True)],
    )
    # Two days next week: waiting for the first level (customer manager).
    made += _leave(
        p["E009"], p["E009"], LeaveType.PERSONAL, future[1], future[2], at_local(today, time(9, 30))
    )
    # Three days: design manager approved, the GM's turn.
    made += _leave(
        p["E017"],
        p["E017"],
        LeaveType.PERSONAL,
        future[5],
        future[7],
        at_local(today, time(10, 0)),
        [(p["E004"], True)],
    )
    # Special personal leave refused by the design manager.
    made += _leave(
        p["E018"],
        p["E018"],
        LeaveType.SPECIAL_PERSONAL,
        future[0],
        future[0],
        at_local(today, time(8, 0)),
        [(p["E004"], False)],
    )
    return made


def _outings(p: dict[str, Staff], today: date) -> int:
    wanted = [
        (
            p["E019"],
            time(10, 0),
            time(12, 0),
            "望京西园三区 12号楼",
            "上门量房",
            OutingStatus.APPROVED,
        ),
        (p["E024"], time(14, 0), time(16, 30), "回龙观龙泽苑", "现场交底", OutingStatus.APPROVED),
        (p["E011"], time(15, 0), time(17, 0), "天通苑北一区", "小区推广", OutingStatus.PENDING),
    ]
    made = 0
    for person, out, back, place, purpose, status in wanted:
        _row, created = BusinessOuting.objects.get_or_create(
            staff=person,
            day=today,
            planned_out=out,
            defaults={
                "planned_back": back,
                "destination": place,
                "purpose": purpose,
                "status": status,
                "approver": person.supervisor,
            },
        )
        made += created
    return made


def _off_post(p: dict[str, Staff], first: date) -> int:
    day = _working_days(first, first + timedelta(days=27))[10]
    _row, created = OffPostRecord.objects.get_or_create(
        staff=p["E012"],
        day=day,
        started_at=time(15, 10),
        defaults={"minutes": 35, "note": "未报备离开展厅", "recorded_by": p["E006"]},
    )
    return int(created)


def _backdate_joining(people: dict[str, Staff], first: date) -> None:
    """Demo staff were created today; they have worked here for years."""
    joined = at_local(date(2024, 1, 1), time(9, 0))
    Staff.objects.filter(pk__in=[p.pk for p in people.values()], date_joined__gt=joined).update(
        date_joined=joined
    )


def _compute(first: date, yesterday: date, touched: set[date]) -> None:
    """Days with new punches, and days never computed; a second seed computes nothing."""
    done = set(
        DailyStatus.objects.filter(day__range=(first, yesterday)).values_list("day", flat=True)
    )
    day = first
    while day <= yesterday:
        if day in touched or day not in done:
            services.compute_day(day=day)
        day += timedelta(days=1)


@transaction.atomic
def seed() -> int:
    people = _people()
    if "E001" not in people:
        return 0  # staff demo not seeded
    today = timezone.localdate()
    first = _first_of_previous_month(today)
    yesterday = today - timedelta(days=1)
    _backdate_joining(people, first)
    created = _prefill_calendar(today) + _schedules(people)
    created += _leave_requests(people, first, today)
    punches, touched = _clock_records(people, first, yesterday, people["E002"])
    created += punches + _off_post(people, first) + _outings(people, today)
    _compute(first, yesterday, touched)
    return created + _pay(people, first)


def _pay(people: dict[str, Staff], first: date) -> int:
    """Last month's pay statements (COM-5): prepared by HR with a service-star bonus, submitted
    and approved by the GM, so everyone has a statement under "My pay". In the year-end bonus
    season (January to March) the customer manager's bonus for last year is paid too (COM-3).
    A month approved already is left alone."""
    hr, gm = people["E002"], people["E001"]
    if PayMonth.objects.filter(month=first, status=PayMonthStatus.APPROVED).exists():
        return 0
    if first.month <= 3 and not YearEndBonus.objects.filter(year=first.year - 1).exists():
        pay.set_year_end_bonus(
            staff=people["E003"],
            year=first.year - 1,
            amount=Decimal(1500),
            pay_month=first,
            note="全年无重大过失，客户回访满意度高",
            by=gm,
        )
    result = pay.prepare_month(month=first, by=hr)
    star = PayStatement.objects.get(pay_month__month=first, staff=people["E009"])
    if not star.lines.filter(origin="MANUAL").exists():
        pay.add_line(statement=star, kind="BONUS", amount=Decimal(200), note="月度服务之星", by=hr)
    pay.submit_month(month=first, by=hr)
    pay.approve_month(month=first, by=gm)
    return result.created
