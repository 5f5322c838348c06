"""Demo showroom and reception: sample houses, a week of reception and phone logs (FD-1, FD-2)
and showroom visits (FD-3). Customers reach the leads app through the real services; times are
then moved back to look like the last days.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from leads.models import Channel, Lead

from ..models import Appointment, AppointmentStatus, ReceptionEntry, SampleHouse
from ..services import appointments, logs
from .cast import PHONE_PREFIX, Cast, at, past

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


def seed_houses() -> int:
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


def seed_logs(cast: Cast, today: date) -> int:
    if ReceptionEntry.objects.filter(phone__startswith=PHONE_PREFIX).exists():
        return 0
    created = 0
    for number, (name, purpose, community, building, area, budget, notes) in enumerate(VISITORS):
        day = today - timedelta(days=6 - number % 7)
        when = past(at(day, 9 + number % 8, 10 * (number % 5)))
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
        when = past(at(day, 10 + number % 7, 15))
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


def seed_appointments(cast: Cast, today: date) -> int:
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
            starts_at=at(day, 14 + number % 3),
            customer_name=lead.customer_name if lead else f"客户{number}",
            phone=lead.phone if lead else f"{PHONE_PREFIX}{80 + number:04d}",
            lead=lead,
            wishes=["看全屋定制效果", "关注收纳设计", "想看新中式木作"][number % 3],
            booked_by=cast.desk,
            status=AppointmentStatus.NO_SHOW if number == 2 else AppointmentStatus.CAME,
            outcome_at=at(day, 15 + number % 3),
            outcome_by=cast.desk,
            reminder_sent_at=at(day - timedelta(days=1), 16),
            customer_reminded_at=at(day - timedelta(days=1), 17),
        )
        created += 1
    # Coming visits, booked through the service (they remind the day before).
    plan = [(0, 17, "蒋先生"), (1, 10, "韩女士"), (1, 15, "曹先生"), (3, 11, "彭女士")]
    for number, (days, hour, name) in enumerate(plan):
        starts = at(today + timedelta(days=days), hour)
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
