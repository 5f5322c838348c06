"""Demo complaints for `manage.py seed_demo`: about fifteen, in every status, some overdue.

Complaints go through the real services (numbers, rules, history, notifications), then their
times are moved back to look like the last few weeks. Customers are taken from demo leads when
there are any, so those complaints link to a lead. Running the seed again creates nothing: each
demo complaint is recognised by its text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from leads.models import Lead
from staff.models import Department, Notification, Staff

from . import services
from .models import Complaint, ComplaintCategory, ComplaintEvent, ComplaintStatus
from .services.common import notify_next

S = ComplaintStatus
D = Department


@dataclass(frozen=True)
class DemoComplaint:
    hours_ago: float  # when it arrived
    step_hours_ago: tuple[float, ...]  # when each following step was taken, oldest first
    channel: str
    customer: tuple[str, str, str]  # name, phone, address (replaced by a demo lead's when any)
    category: str
    severity: str
    summary: str
    status: str
    department: str = ""
    satisfaction: int = 4
    document_ref: str = ""
    follow_up: bool = field(default=False)  # REPLIED only: follow-up recorded, not yet closed


DEMO = [
    DemoComplaint(
        hours_ago=1.5,
        step_hours_ago=(),
        channel="PHONE",
        customer=("刘女士", "13911112222", "望京西园三区 312-1-1502"),
        category="施工质量",
        severity="MINOR",
        summary="卫生间墙砖空鼓，敲击有明显空响，要求返工。",
        status=S.REGISTERED,
        document_ref="HT2025-0312",
    ),
    DemoComplaint(
        hours_ago=120,
        step_hours_ago=(),
        channel="ONLINE",
        customer=("陈先生", "13822223333", "回龙观龙泽苑 8-2-601"),
        category="工期延误",
        severity="MAJOR",
        summary="合同约定工期已超两周，木工仍未进场，业主要求说明原因并赔偿。",
        status=S.REGISTERED,
        document_ref="HT2025-0287",
    ),
    DemoComplaint(
        hours_ago=26,
        step_hours_ago=(),
        channel="LETTER",
        customer=("赵先生", "010-62345678", "双井富力城 C-2-1203"),
        category="服务态度",
        severity="MINOR",
        summary="来信反映工长说话态度生硬，对业主提出的问题不耐烦。",
        status=S.REGISTERED,
    ),
    DemoComplaint(
        hours_ago=76,
        step_hours_ago=(72,),
        channel="PHONE",
        customer=("孙女士", "13733334444", "天通苑东三区 5-3-402"),
        category="材料问题",
        severity="MAJOR",
        summary="送到现场的地板型号与合同不符，颜色明显偏深。",
        status=S.INVESTIGATED,
        document_ref="HT2025-0301",
    ),
    DemoComplaint(
        hours_ago=5,
        step_hours_ago=(1,),
        channel="IN_PERSON",
        customer=("周先生", "13644445555", "万科城市花园 17-1-801"),
        category="设计问题",
        severity="MINOR",
        summary="厨房吊柜高度与图纸不一致，业主到店当面反映。",
        status=S.INVESTIGATED,
    ),
    DemoComplaint(
        hours_ago=146,
        step_hours_ago=(142, 120),
        channel="PHONE",
        customer=("吴女士", "13555556666", "亚运村安慧里 4-2-303"),
        category="施工质量",
        severity="MAJOR",
        summary="客厅顶面石膏板开裂，裂缝约一米长。",
        status=S.DECIDED,
        department=D.ENGINEERING,
    ),
    DemoComplaint(
        hours_ago=50,
        step_hours_ago=(46, 24),
        channel="FAX",
        customer=("郑先生", "13466667777", "通州万达广场 B-1-2208"),
        category="设计问题",
        severity="MINOR",
        summary="传真反映效果图与施工后的灯位不一致。",
        status=S.DECIDED,
        department=D.DESIGN,
    ),
    DemoComplaint(
        hours_ago=196,
        step_hours_ago=(190, 170, 48),
        channel="PHONE",
        customer=("王女士", "13377778888", "朝阳公园 1-5-1701"),
        category="售后维修",
        severity="MINOR",
        summary="阳台推拉门滑轨卡顿，入住后半年出现。",
        status=S.HANDLED,
        department=D.ENGINEERING,
    ),
    DemoComplaint(
        hours_ago=30,
        step_hours_ago=(27, 24, 3),
        channel="ONLINE",
        customer=("冯先生", "13288889999", "华贸城 3-1-905"),
        category="价格与费用",
        severity="MINOR",
        summary="结算单中增项费用未事先确认，要求核对。",
        status=S.HANDLED,
        department=D.CUSTOMER_SERVICE,
    ),
    DemoComplaint(
        hours_ago=120,
        step_hours_ago=(116, 96, 60, 24),
        channel="PHONE",
        customer=("褚女士", "13199990000", "望京花园 6-1-1101"),
        category="施工质量",
        severity="MINOR",
        summary="油漆有流坠，卧室墙面不平整。",
        status=S.REPLIED,
        department=D.ENGINEERING,
    ),
    DemoComplaint(
        hours_ago=220,
        step_hours_ago=(215, 200, 150, 100, 50),
        channel="IN_PERSON",
        customer=("卫先生", "18612340001", "首开香溪郡 2-1-302"),
        category="工期延误",
        severity="MAJOR",
        summary="水电验收拖延三天，影响后续工序。",
        status=S.REPLIED,
        department=D.ENGINEERING,
        satisfaction=3,
        follow_up=True,
    ),
    DemoComplaint(
        hours_ago=400,
        step_hours_ago=(396, 380, 330, 300, 250, 240),
        channel="PHONE",
        customer=("蒋女士", "18612340002", "远洋山水 9-2-501"),
        category="服务态度",
        severity="MINOR",
        summary="客服回访电话打了三次都在午休时间。",
        status=S.CLOSED,
        department=D.CUSTOMER_SERVICE,
        satisfaction=5,
    ),
    DemoComplaint(
        hours_ago=600,
        step_hours_ago=(590, 560, 480, 450, 400, 390),
        channel="LETTER",
        customer=("沈先生", "18612340003", "金隅丽港城 4-3-702"),
        category="材料问题",
        severity="MAJOR",
        summary="橱柜台面出现裂纹，要求更换。",
        status=S.CLOSED,
        department=D.ENGINEERING,
        satisfaction=4,
    ),
    DemoComplaint(
        hours_ago=800,
        step_hours_ago=(795, 770, 700, 680, 600, 590),
        channel="ONLINE",
        customer=("韩女士", "18612340004", "融泽嘉园 1-1-1001"),
        category="设计问题",
        severity="MINOR",
        summary="儿童房收纳设计不足，希望增加柜体。",
        status=S.CLOSED,
        department=D.DESIGN,
        satisfaction=4,
    ),
    DemoComplaint(
        hours_ago=1000,
        step_hours_ago=(996, 980, 900, 880, 800, 790),
        channel="PHONE",
        customer=("杨先生", "18612340005", "龙湖唐宁 7-2-202"),
        category="价格与费用",
        severity="MINOR",
        summary="认为报价中的垃圾清运费偏高。",
        status=S.CLOSED,
        department=D.CUSTOMER_SERVICE,
        satisfaction=2,
    ),
]

# Who does what in the demo firm (usernames from staff/demo.py).
AGENT, MANAGER = "agent", "cmanager"
HANDLERS = {D.ENGINEERING: "engineer", D.DESIGN: "dmanager", D.CUSTOMER_SERVICE: "agent2"}

HANDLING_TEXT = {
    D.ENGINEERING: (
        "安排工程部工长上门查看并返修，费用由公司承担。",
        "工长已上门处理完毕，业主现场确认。",
    ),
    D.DESIGN: ("由主案设计师与业主沟通并出修改方案。", "设计师已出修改图纸并与业主确认。"),
    D.CUSTOMER_SERVICE: ("客服部核对费用明细并向业主说明。", "已逐项核对并向业主书面说明。"),
}


@transaction.atomic
def seed() -> int:
    people = {p.username: p for p in Staff.objects.filter(username__in=_usernames())}
    if set(people) != set(_usernames()):
        return 0  # the demo staff are not there (staff.demo runs first)
    first_notification = Notification.objects.order_by("-pk").values_list("pk", flat=True).first()
    leads = list(Lead.objects.order_by("pk")[:6])
    now = timezone.now()
    created = []
    for index, item in enumerate(DEMO):
        if Complaint.objects.filter(summary=item.summary).exists():
            continue
        lead = leads[index] if index < len(leads) else None
        created.append(_walk(item, lead, people, now))
    if created:
        still_open = [c for c in created if c.status != S.CLOSED]
        _quieten_old_notifications(after=first_notification or 0, open_complaints=still_open)
        services.escalate_overdue(now=now)
    return len(created)


def _usernames() -> set[str]:
    return {AGENT, MANAGER, *HANDLERS.values()}


def _walk(item: DemoComplaint, lead: Lead | None, people: dict, now: datetime) -> Complaint:
    name, phone, address = item.customer
    if lead is not None:
        name, phone, address = lead.customer_name, lead.phone, lead.address
    category, _created = ComplaintCategory.objects.get_or_create(name=item.category)
    complaint = services.register_complaint(
        by=people[AGENT],
        channel=item.channel,
        received_at=now - timedelta(hours=item.hours_ago),
        customer_name=name,
        phone=phone,
        address=address,
        document_ref=item.document_ref,
        category=category,
        severity=item.severity,
        summary=item.summary,
    )
    times = [now - timedelta(hours=h) for h in item.step_hours_ago]
    for step, at in zip(_steps(item), times, strict=False):
        complaint = step(complaint, at, people)
    _backdate(complaint, now - timedelta(hours=item.hours_ago), times)
    return complaint


def _steps(item: DemoComplaint) -> list:
    method, record = HANDLING_TEXT.get(item.department, ("", ""))
    steps = [
        lambda c, at, p: services.record_investigation(
            complaint=c,
            by=p[AGENT],
            findings="已电话联系业主并调取施工日志，情况属实。",
            proposal="建议由责任部门尽快上门处理，并向业主致歉。",
        ),
        lambda c, at, p: services.decide_complaint(
            complaint=c,
            by=p[MANAGER],
            handling_method=method,
            responsible_department=item.department,
        ),
        lambda c, at, p: services.record_handling(
            complaint=c, by=p[HANDLERS[item.department]], handling_record=record
        ),
        lambda c, at, p: services.record_reply(
            complaint=c,
            by=p[AGENT],
            channel="PHONE",
            text="已电话告知业主处理结果。",
            replied_at=at,
        ),
    ]
    if item.status == S.CLOSED or item.follow_up:
        steps.append(
            lambda c, at, p: services.record_follow_up(
                complaint=c,
                by=p[AGENT],
                visited_at=at,
                outcome="业主对处理结果表示认可。",
                satisfaction=item.satisfaction,
            )
        )
    if item.status == S.CLOSED:
        steps.append(
            lambda c, at, p: services.close_complaint(
                complaint=c, by=p[MANAGER], gm_report="已处理完毕，业主认可，按月汇总上报。"
            )
        )
    return steps


# The moment each event happened, by the order the steps were taken.
_EVENT_FIELDS = [
    (ComplaintEvent.INVESTIGATED, "investigated_at"),
    (ComplaintEvent.DECIDED, "decided_at"),
    (ComplaintEvent.HANDLED, "handled_at"),
    (ComplaintEvent.REPLIED, "replied_at"),
    (ComplaintEvent.FOLLOWED_UP, "follow_up_at"),
    (ComplaintEvent.CLOSED, "closed_at"),
]


def _backdate(complaint: Complaint, received_at: datetime, times: list[datetime]) -> None:
    """Move the step times back to when the demo says they happened (history included)."""
    registered_at = received_at + timedelta(minutes=10)
    updates = {"created_at": registered_at, "status_changed_at": registered_at}
    history = complaint.history.model.objects.filter(id=complaint.pk)
    history.filter(history_change_reason=ComplaintEvent.REGISTERED).update(
        history_date=registered_at
    )
    for (event, field_name), at in zip(_EVENT_FIELDS, times, strict=False):
        updates[field_name] = at
        history.filter(history_change_reason=event).update(history_date=at)
        if event != ComplaintEvent.FOLLOWED_UP:  # the follow-up does not change the status
            updates["status_changed_at"] = at
    Complaint.objects.filter(pk=complaint.pk).update(**updates)


def _quieten_old_notifications(*, after: int, open_complaints: list[Complaint]) -> None:
    """Notifications from the weeks the demo pretends have passed are read already; only the
    current step of each open complaint is announced again."""
    Notification.objects.filter(pk__gt=after, link__startswith="/complaints/").update(
        read_at=timezone.now()
    )
    for complaint in open_complaints:
        notify_next(Complaint.objects.get(pk=complaint.pk), by=None)
