"""REP-1 services: filing, level-by-level routing, urgent skips told at once, instruction and
execution recorded."""

import pytest
from django.utils import translation

from staff import services
from staff.models import (
    InstructionRequest,
    Notification,
    ReportKind,
    ReportStatus,
    Role,
    StepKind,
)
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are asserted in their English source form (pages too)."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def chain():
    """agent → customer manager → deputy GM → GM."""
    gm = StaffFactory(roles=[Role.GM], name="总经理")
    deputy = StaffFactory(roles=[Role.GM], name="副总", supervisor=gm)
    manager = StaffFactory(roles=[Role.CUSTOMER_MANAGER], name="客户经理", supervisor=deputy)
    agent = StaffFactory(roles=[Role.CS_AGENT], name="客服", supervisor=manager)
    return agent, manager, deputy, gm


def file(by, **kwargs):
    fields = {
        "kind": ReportKind.SAFETY,
        "subject": "机房漏水",
        "details": "客服部机房空调漏水，电话交换机有进水危险。",
        "proposal": "先断电，联系物业维修。",
    }
    return services.file_report(by=by, **{**fields, **kwargs})


def texts(person) -> list[str]:
    return list(Notification.objects.filter(recipient=person).values_list("text", flat=True))


def test_rep1_report_goes_to_the_direct_supervisor_who_is_told(chain):
    agent, manager, deputy, gm = chain
    report = file(agent)
    assert (report.recipient, report.level, report.status) == (manager, 1, ReportStatus.AWAITING)
    assert texts(manager) == ["Request for instructions from 客服: 机房漏水"]
    assert texts(deputy) == [] and texts(gm) == []
    assert list(report.steps.values_list("kind", "recipient")) == [(StepKind.FILED, manager.pk)]


def test_rep1_urgent_skip_notifies_every_skipped_supervisor_at_once(chain):
    agent, manager, deputy, gm = chain
    report = file(agent, urgent=True, target=gm)
    assert (report.recipient, report.level) == (gm, 3)
    told = "Urgent report from 客服 went straight to 总经理, past you: 机房漏水"
    assert texts(manager) == [told]
    assert texts(deputy) == [told]
    assert texts(gm) == ["Urgent request for instructions from 客服: 机房漏水"]
    skipped = report.steps.filter(kind=StepKind.SKIPPED).values_list("recipient", flat=True)
    assert sorted(skipped) == sorted([manager.pk, deputy.pk])


def test_rep1_skipping_without_urgency_is_refused_and_nothing_is_filed(chain):
    agent, manager, deputy, gm = chain
    with pytest.raises(services.ReportError) as exc:
        file(agent, urgent=False, target=gm)
    assert str(exc.value) == (
        "Only an urgent report may skip a level; otherwise it goes to the next supervisor up."
    )
    assert InstructionRequest.objects.count() == 0
    assert Notification.objects.count() == 0


def test_rep1_someone_without_a_supervisor_cannot_file(chain):
    gm = chain[3]
    with pytest.raises(services.ReportError) as exc:
        file(gm)
    assert str(exc.value) == "There is no supervisor above to report to."


def test_rep1_a_supervisor_who_left_is_passed_over(chain):
    agent, manager, deputy, gm = chain
    manager.is_active = False
    manager.save()
    report = file(agent)
    assert (report.recipient, report.level) == (deputy, 1)


def test_rep1_holder_passes_it_up_one_level(chain):
    agent, manager, deputy, gm = chain
    report = file(agent)
    report = services.forward_report(report=report, by=manager, note="涉及设备采购，请副总定")
    assert (report.recipient, report.level) == (deputy, 2)
    assert texts(deputy) == ["Request for instructions from 客服: 机房漏水"]
    step = report.steps.get(kind=StepKind.FORWARDED)
    assert (step.actor, step.recipient, step.note) == (manager, deputy, "涉及设备采购，请副总定")


def test_rep1_only_the_holder_may_pass_it_up_or_instruct(chain):
    agent, manager, deputy, gm = chain
    report = file(agent)
    with pytest.raises(services.ReportError) as exc:
        services.give_instruction(report=report, by=deputy, instruction="照办")
    assert str(exc.value) == "This report is not waiting for you."
    with pytest.raises(services.ReportError):
        services.forward_report(report=report, by=gm)


def test_rep1_not_urgent_holder_cannot_skip_when_passing_up(chain):
    agent, manager, deputy, gm = chain
    report = file(agent)
    with pytest.raises(services.ReportError) as exc:
        services.forward_report(report=report, by=manager, target=gm)
    assert "Only an urgent report may skip a level" in str(exc.value)


def test_rep1_urgent_report_passed_up_past_a_level_tells_the_skipped(chain):
    agent, manager, deputy, gm = chain
    report = file(agent, urgent=True)
    services.forward_report(report=report, by=manager, target=gm)
    assert texts(deputy) == ["Urgent report from 客服 went straight to 总经理, past you: 机房漏水"]


INSTRUCTION = "1. 立即切断机房空调电源；\n2. 通知物业维修，今天下班前修好；\n3. 明早汇报。"


def test_rep1_instruction_is_recorded_in_full_and_reporter_told(chain):
    agent, manager, deputy, gm = chain
    report = services.give_instruction(report=file(agent), by=manager, instruction=INSTRUCTION)
    report.refresh_from_db()
    assert (report.status, report.instruction, report.instructed_by) == (
        ReportStatus.INSTRUCTED,
        INSTRUCTION.strip(),
        manager,
    )
    assert texts(agent) == ["客户经理 gave an instruction on your report: 机房漏水"]
    with pytest.raises(services.ReportError) as exc:
        services.give_instruction(report=report, by=manager, instruction="再说")
    assert str(exc.value) == "This report has already been answered."


def test_rep1_reporter_records_execution_and_superior_is_told(chain):
    agent, manager, deputy, gm = chain
    report = services.give_instruction(report=file(agent), by=manager, instruction=INSTRUCTION)
    with pytest.raises(services.ReportError) as exc:
        services.record_execution(report=report, by=manager, execution="已修好")
    assert str(exc.value) == "Only the reporter records how the instruction was carried out."
    report = services.record_execution(report=report, by=agent, execution="已断电，物业16点修好。")
    assert (report.status, report.execution) == (ReportStatus.CARRIED_OUT, "已断电，物业16点修好。")
    assert texts(manager)[0] == "客服 carried out your instruction: 机房漏水"
    kinds = list(report.steps.values_list("kind", flat=True))
    assert kinds == [StepKind.FILED, StepKind.INSTRUCTED, StepKind.CARRIED_OUT]


def test_rep1_execution_needs_an_instruction_first(chain):
    agent = chain[0]
    with pytest.raises(services.ReportError) as exc:
        services.record_execution(report=file(agent), by=agent, execution="做了")
    assert str(exc.value) == "There is no instruction to carry out yet, or it is already done."


def test_rep1_report_keeps_an_audit_history(chain):
    agent, manager, *_ = chain
    report = services.give_instruction(report=file(agent), by=manager, instruction=INSTRUCTION)
    assert report.history.count() == 2
    assert report.history.first().history_user == manager
