"""Demo front desk for `manage.py seed_demo`: sample houses, a week of reception and phone logs,
showroom visits, 30 days of hotline calls with their metrics and alerts, moods, handover notes,
a document register, a few fault slips and two requests for instructions.

Customers reach the leads app through the real services (intake, visits, claims); times are
then moved back to look like the last days. Each part is skipped when its rows exist already,
so running the seed twice changes nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from leads.models import Channel, Lead
from staff import services as staff_services
from staff.models import Fault, FaultType, InstructionRequest, Notification, ReportKind, Staff

from .models import (
    Appointment,
    AppointmentStatus,
    CallRecord,
    DailyReview,
    Document,
    GoodCase,
    HandoverNote,
    MoodCheckIn,
    ReceptionEntry,
    SampleHouse,
)
from .services import appointments, documents, logs
from .services.quality import run_nightly
from .services.team import mark_good_case

PHONE_PREFIX = "1580066"  # demo customers of the front desk: 1580066xxxx

HOUSES = [
    ("望京花园 现代简约三居", "望京花园", "望京花园 6-2-1201", "现代简约", Decimal("128")),
    ("阳光上东 新中式大平层", "阳光上东", "阳光上东 11-1-2302", "新中式", Decimal("186")),
    ("回龙观 北欧两居", "回龙观龙泽苑", "龙泽苑 3-4-502", "北欧", Decimal("89")),
]

# visitor, purpose, community, building, area, budget, wishes/notes
VISITORS = [
    ("刘先生", "NEW_CUSTOMER", "望京西园三区", "312-1-1502", 96, 45000, "老房翻新，想看现代简约"),
    ("马女士", "NEW_CUSTOMER", "天通苑东三区", "5-3-402", 120, 68000, "新房，喜欢原木风"),
    ("快递员", "DELIVERY", "", "", None, None, "建材样册两箱"),
    ("黄先生", "NEW_CUSTOMER", "双井富力城", "C-2-1203", 142, 90000, "大平层，预算充足"),
    ("物业张经理", "MANAGEMENT", "", "", None, None, "找总经理谈小区合作"),
    ("林女士", "NEW_CUSTOMER", "亚运村安慧里", "4-2-303", 75, 28000, "局部改造厨卫"),
    ("高先生", "NEW_CUSTOMER", "通州万达广场", "B-1-2208", 110, 52000, "想先看样板房"),
    ("应聘者", "VISIT_STAFF", "", "", None, None, "面试设计助理"),
]

# caller, topic, community, area, budget, summary
CALLERS = [
    ("何先生", "NEW_ENQUIRY", "望京花园", 88, 35000, "问两居室半包报价，周末想来店。"),
    ("罗女士", "NEW_ENQUIRY", "回龙观龙泽苑", 102, 48000, "问北欧风格案例，已加微信发图。"),
    ("宋先生", "MESSAGE", "", None, None, "找韩雪设计师改厨房方案，请回电。"),
    ("邓女士", "COMPLAINT", "", None, None, "反映工地噪音，已转客服登记投诉。"),
    ("许先生", "NEW_ENQUIRY", "朝阳公园", 160, 120000, "别墅整装，想约首席设计师。"),
    ("唐女士", "OTHER", "", None, None, "问公司营业时间和停车位置。"),
    ("韦先生", "NEW_ENQUIRY", "华贸城", 95, 40000, "二手房翻新，先要报价单。"),
]

AGENTS = ["E009", "E010", "E029"]  # 吴静 steady, 郑洁 slipping lately, 严丽 low mood


@dataclass(frozen=True)
class Cast:
    desk: Staff
    desk2: Staff
    manager: Staff
    gm: Staff
    designer: Staff
    sales: Staff
    agents: list[Staff]


def _cast() -> Cast | None:
    people = Staff.objects.in_bulk(
        ["E001", "E003", "E007", "E008", "E011", "E017", *AGENTS], field_name="employee_no"
    )
    if len(people) < 9:
        return None
    return Cast(
        desk=people["E007"],
        desk2=people["E008"],
        manager=people["E003"],
        gm=people["E001"],
        designer=people["E017"],
        sales=people["E011"],
        agents=[people[number] for number in AGENTS],
    )


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _past(moment: datetime) -> datetime:
    """Today's demo entries happen no later than a few minutes ago."""
    return min(moment, timezone.now() - timedelta(minutes=5))


@transaction.atomic
def seed() -> int:
    cast = _cast()
    if cast is None:
        return 0
    started = timezone.now()
    rng = random.Random(2026)
    today = timezone.localdate()
    created = _houses()
    created += _logs(cast, today)
    created += _appointments(cast, today)
    created += _calls(cast, rng, today)
    created += _moods(cast, rng, today)
    created += _handover(cast, today)
    created += _documents(cast, today)
    created += _faults(cast, today)
    created += _reports(cast)
    created += _good_cases(cast)
    created += _reviews(cast, today)
    # The seed's notifications describe the past: leave them read.
    Notification.objects.filter(created_at__gte=started).update(read_at=timezone.now())
    return created


def _houses() -> int:
    created = 0
    for order, (name, community, address, style, area) in enumerate(HOUSES, start=1):
        _, new = SampleHouse.objects.get_or_create(
            name=name,
            defaults={
                "community": community,
                "address": address,
                "style": style,
                "area_m2": area,
                "order": order,
            },
        )
        created += new
    return created


# --- a week of reception and phone logs (FD-1, FD-2) --------------------------------------------


def _details(community: str, building: str, area, budget, channel: str, **extra):
    return logs.CustomerDetails(
        channel=channel,
        community=community,
        building=building,
        area_m2=Decimal(area) if area else None,
        budget=Decimal(budget) if budget else None,
        **extra,
    )


def _backdate(lead: Lead | None, when: datetime) -> None:
    if lead is not None:
        Lead.objects.filter(pk=lead.pk).update(created_at=when, consultation_date=when.date())
        lead.events.update(at=when)


def _logs(cast: Cast, today: date) -> int:
    if ReceptionEntry.objects.filter(phone__startswith=PHONE_PREFIX).exists():
        return 0
    created = 0
    for number, (name, purpose, community, building, area, budget, notes) in enumerate(VISITORS):
        day = today - timedelta(days=6 - number % 7)
        when = _past(_at(day, 9 + number % 8, 10 * (number % 5)))
        named = cast.sales if number == 3 else None
        data = logs.ReceptionData(
            visitor_name=name,
            purpose=purpose,
            arrived_at=when,
            phone=f"{PHONE_PREFIX}{number:04d}" if community else "",
            receiver=cast.gm if purpose == "MANAGEMENT" else None,
            notes=notes,
            customer=_details(
                community, building, area, budget, Channel.WALK_IN, named_by_customer=named
            ),
        )
        by = cast.desk if number % 2 else cast.desk2
        result = logs.log_reception(data=data, by=by)
        _backdate(result.lead if result.entry.lead_created else None, when)
        created += 1
    for number, (name, topic, community, area, budget, summary) in enumerate(CALLERS):
        day = today - timedelta(days=6 - number)
        when = _past(_at(day, 10 + number % 7, 15))
        data = logs.CallData(
            caller_name=name,
            topic=topic,
            summary=summary,
            called_at=when,
            phone=f"{PHONE_PREFIX}{50 + number:04d}",
            message_for=cast.designer if topic == "MESSAGE" else None,
            customer=_details(community, "", area, budget, Channel.PHONE),
        )
        by = cast.agents[number % 3] if number % 2 else cast.desk
        result = logs.log_phone_call(data=data, by=by)
        _backdate(result.lead if result.entry.lead_created else None, when)
        created += 1
    return created


# --- showroom visits (FD-3) ---------------------------------------------------------------------


def _appointments(cast: Cast, today: date) -> int:
    if Appointment.objects.exists():
        return 0
    houses = list(SampleHouse.objects.order_by("order"))
    created = 0
    # Past visits, written as they were recorded then (outcomes known).
    for number in range(6):
        day = today - timedelta(days=6 - number)
        lead = Lead.objects.filter(phone__startswith=PHONE_PREFIX).order_by("pk")[
            number : number + 1
        ]
        lead = lead[0] if lead else None
        Appointment.objects.create(
            sample_house=houses[number % 3],
            starts_at=_at(day, 14 + number % 3),
            customer_name=lead.customer_name if lead else f"客户{number}",
            phone=lead.phone if lead else f"{PHONE_PREFIX}{80 + number:04d}",
            lead=lead,
            wishes=["看全屋定制效果", "关注收纳设计", "想看新中式木作"][number % 3],
            booked_by=cast.desk,
            status=AppointmentStatus.NO_SHOW if number == 2 else AppointmentStatus.CAME,
            outcome_at=_at(day, 15 + number % 3),
            outcome_by=cast.desk,
            reminder_sent_at=_at(day - timedelta(days=1), 16),
            customer_reminded_at=_at(day - timedelta(days=1), 17),
        )
        created += 1
    # Coming visits, booked through the service (they remind the day before).
    plan = [(0, 17, "蒋先生"), (1, 10, "韩女士"), (1, 15, "曹先生"), (3, 11, "彭女士")]
    for number, (days, hour, name) in enumerate(plan):
        starts = _at(today + timedelta(days=days), hour)
        if starts <= timezone.now():
            continue
        booking = appointments.Booking(
            sample_house=houses[number % 3],
            starts_at=starts,
            customer_name=name,
            phone=f"{PHONE_PREFIX}{90 + number:04d}",
            wishes=["两个孩子，需要儿童房", "想看开放式厨房", "老人同住，要无障碍", "预算十万以内"][
                number
            ],
            invited_by=cast.sales if number == 1 else None,
        )
        appointments.book_appointment(booking=booking, by=cast.desk)
        created += 1
    return created


# --- 30 days of hotline calls, metrics and alerts (FD-7) -----------------------------------------


def _call(rng: random.Random, agent: Staff, day: date, slipping: bool) -> CallRecord:
    start = _at(day, 9) + timedelta(seconds=rng.randrange(0, 9 * 3600))
    ring = rng.choice([3, 5, 6, 8, 10, 12, 14, 18, 25]) + (8 if slipping else 0)
    score = rng.choice([5, 5, 4, 4, 4, 3] if not slipping else [4, 3, 3, 2, 2, 1])
    return CallRecord(
        agent=agent,
        started_at=start,
        ring_seconds=ring,
        talk_seconds=rng.randrange(60, 600),
        satisfaction=score if rng.random() < 0.7 else None,
        resolved_first_contact=rng.random() < (0.6 if slipping else 0.8),
        complaint=rng.random() < (0.15 if slipping else 0.005),
    )


def _calls(cast: Cast, rng: random.Random, today: date) -> int:
    if CallRecord.objects.filter(agent__in=cast.agents).exists():
        return 0
    rows: list[CallRecord] = []
    days = [today - timedelta(days=offset) for offset in range(30, 0, -1)]
    for day in days:
        for index, agent in enumerate(cast.agents):
            slipping = index == 1 and day > today - timedelta(days=8)
            rows.extend(_call(rng, agent, day, slipping) for _ in range(rng.randrange(14, 24)))
    unique = {(row.agent_id, row.started_at): row for row in rows}
    CallRecord.objects.bulk_create(unique.values())
    for day in days:
        run_nightly(day=day)
    return len(unique)


def _moods(cast: Cast, rng: random.Random, today: date) -> int:
    created = 0
    for offset in range(10, 0, -1):
        day = today - timedelta(days=offset)
        for index, agent in enumerate(cast.agents):
            mood = 2 if index == 2 and offset <= 3 else rng.choice([3, 4, 4, 5])
            note = "家里有事，有点累" if mood == 2 else ""
            _, new = MoodCheckIn.objects.get_or_create(
                agent=agent, day=day, defaults={"mood": mood, "note": note}
            )
            created += new
    return created


# --- handover, documents, faults, reports, good cases --------------------------------------------


def _handover(cast: Cast, today: date) -> int:
    if HandoverNote.objects.exists():
        return 0
    first = HandoverNote.objects.create(
        shift_date=today - timedelta(days=1),
        shift="EVENING",
        written_by=cast.desk2,
        business_changes="本月起半包套餐价格上调5%，报价单已更新。",
        complaints="刘女士墙砖空鼓投诉已登记，明天上午工程部回复。",
        equipment="前台复印机卡纸，已报修，明天下午来人。",
    )
    HandoverNote.objects.filter(pk=first.pk).update(
        acknowledged_by=cast.desk, acknowledged_at=_at(today, 8, 55)
    )
    HandoverNote.objects.create(
        shift_date=today,
        shift="MORNING",
        written_by=cast.desk,
        notices="总经理通知：周五下午三点全员会议。",
        customer_suggestions="多位客户希望周末延长营业到晚八点。",
    )
    return 2


DOCUMENTS = [
    ("CONTRACT", "INCOMING", "望京花园6-2-1201 施工合同", "刘先生", "客服部", "档案柜A-1"),
    ("FAX", "INCOMING", "东方建材 瓷砖报价单", "东方建材", "采购部", "传真夹 3月"),
    ("NOTICE", "INCOMING", "物业停水通知", "望京物业", "全体员工", "前台公告栏"),
    ("LETTER", "INCOMING", "客户表扬信", "黄先生", "设计部", "档案柜B-2"),
    ("CONTRACT", "OUTGOING", "天通苑5-3-402 设计合同", "客服部", "马女士", "档案柜A-1"),
    ("LETTER", "OUTGOING", "工期延误致歉函", "客服部", "陈先生", "发文夹"),
    ("FAX", "OUTGOING", "材料变更确认单", "工程部", "华美地板", "传真夹 3月"),
    ("NOTICE", "OUTGOING", "五一放假安排", "总经办", "全体员工", "前台公告栏"),
    ("OTHER", "INCOMING", "消防检查记录", "区消防支队", "行政部", "档案柜C-1"),
    ("CONTRACT", "INCOMING", "回龙观3-4-502 补充协议", "高先生", "客服部", "档案柜A-2"),
]


def _documents(cast: Cast, today: date) -> int:
    if Document.objects.exists():
        return 0
    for number, (category, direction, title, sender, recipient, place) in enumerate(DOCUMENTS):
        data = documents.DocumentData(
            category=category,
            direction=direction,
            document_date=today - timedelta(days=len(DOCUMENTS) - number),
            title=title,
            sender=sender,
            recipient=recipient,
            handler=cast.manager if category == "CONTRACT" else cast.desk,
            filing_location=place,
        )
        documents.register_document(data=data, by=cast.desk if number % 3 else cast.desk2)
    return len(DOCUMENTS)


def _faults(cast: Cast, today: date) -> int:
    if Fault.objects.exists():
        return 0
    plan = [
        (cast.desk, "phone-not-answered", 3, "上午10:20来电铃响五声后才接听。"),
        (cast.desk2, "untidy-area", 5, "检查时接待台有水杯和杂物未清理。"),
        (cast.agents[1], "tables-late-or-wrong", 8, "周报来电统计数字与系统不符。"),
    ]
    types = FaultType.objects.in_bulk([code for _, code, _, _ in plan], field_name="code")
    for person, code, days_ago, note in plan:
        if code not in types:  # the fault list was edited: nothing to seed for this one
            continue
        staff_services.record_fault(
            staff=person,
            fault_type=types[code],
            occurred_on=max(today - timedelta(days=days_ago), today.replace(day=1)),
            note=note,
            by=cast.manager,
        )
    return Fault.objects.count()


def _reports(cast: Cast) -> int:
    if InstructionRequest.objects.exists():
        return 0
    report = staff_services.file_report(
        by=cast.desk,
        kind=ReportKind.SAFETY,
        subject="前台复印机漏电",
        details="复印机外壳有麻手感，已停止使用并贴了提示。",
        proposal="请电工检查，暂时到设计部复印。",
    )
    staff_services.give_instruction(
        report=report,
        by=cast.manager,
        instruction="1. 立即断电，不得使用；2. 联系物业电工今天检查；3. 检查结果报我。",
    )
    staff_services.record_execution(
        report=report, by=cast.desk, execution="已断电，物业电工下午检查为接地不良，已修复。"
    )
    staff_services.file_report(
        by=cast.agents[0],
        kind=ReportKind.BEYOND_REMIT,
        subject="客户要求媒体曝光",
        details="黄先生对工期不满，称明天联系电视台曝光，要求总经理出面。",
        proposal="建议总经理今天回电安抚，工程部出具工期说明。",
        urgent=True,
        target=cast.gm,
    )
    return 2


def _reviews(cast: Cast, today: date) -> int:
    """FD-10: yesterday's end-of-shift reviews of two agents, each against the steady colleague."""
    if DailyReview.objects.exists():
        return 0
    steady, slipping, low = cast.agents
    rows = [
        DailyReview(
            agent=slipping,
            day=today - timedelta(days=1),
            text="接听量正常，但有两通电话超过三声才接。",
            plan="高峰时段提前到岗，先接电话再整理记录。",
            benchmark=steady,
        ),
        DailyReview(
            agent=low,
            day=today - timedelta(days=1),
            text="有一位客户投诉施工噪音，情绪不好。",
            plan="明天先回访这位客户，再请主管一起处理。",
            benchmark=steady,
        ),
    ]
    DailyReview.objects.bulk_create(rows)
    return len(rows)


def _good_cases(cast: Cast) -> int:
    if GoodCase.objects.exists():
        return 0
    call = (
        CallRecord.objects.filter(agent=cast.agents[0], satisfaction=5, complaint=False)
        .order_by("-started_at")
        .first()
    )
    if call is None:
        return 0
    mark_good_case(
        by=cast.manager,
        call_record=call,
        note="客户情绪激动，吴静先共情再给方案，最后客户满意度5分：月会分享话术。",
    )
    return 1
