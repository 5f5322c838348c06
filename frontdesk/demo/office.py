"""The demo front office: handover notes, the document register, fault slips, requests for
instructions, end-of-shift reviews and good cases.
"""

from __future__ import annotations

from datetime import date, timedelta

from staff import services as staff_services
from staff.models import Fault, FaultType, InstructionRequest, ReportKind

from ..models import CallRecord, DailyReview, Document, GoodCase, HandoverNote
from ..services import documents
from ..services.team import mark_good_case
from .cast import Cast, at


def seed_handover(cast: Cast, today: date) -> int:
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
        acknowledged_by=cast.desk, acknowledged_at=at(today, 8, 55)
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


def seed_documents(cast: Cast, today: date) -> int:
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


def seed_faults(cast: Cast, today: date) -> int:
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


def seed_reports(cast: Cast) -> int:
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


def seed_reviews(cast: Cast, today: date) -> int:
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


def seed_good_cases(cast: Cast) -> int:
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
