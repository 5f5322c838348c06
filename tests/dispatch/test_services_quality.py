"""The quality gate's services (QG-1, QG-2): evaluating holds, lifting them, the customer
manager's override, and a designer declining from their own page."""

import datetime

import pytest

from dispatch import services
from dispatch.models import Assignment, QualityHold, QualityPolicy, Skip
from dispatch.tasks import evaluate_quality_holds as nightly
from leads.models import LeadState
from staff.models import Department, Notification, Role
from tests.dispatch.factories import AssignmentFactory, DesignerFactory, ReadyLeadFactory
from tests.dispatch.quality_facts import (
    follow_up_score,
    hold_for,
    measured_lead,
    responsible_complaint,
)
from tests.factories import StaffFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

TODAY = datetime.date(2026, 7, 15)


def ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


# --- QG-1: evaluation ----------------------------------------------------------------------------


def test_qg1_a_responsible_complaint_starts_a_hold_from_the_nightly_job():
    designer = DesignerFactory()
    responsible_complaint(designer, ago(10))

    assert nightly(TODAY.isoformat()) == 1

    hold = QualityHold.objects.get(designer=designer)
    assert (hold.starts, hold.ends) == (TODAY, datetime.date(2026, 8, 13))
    assert hold.reason_code == QualityHold.Code.COMPLAINT
    assert hold.created_by is None  # the nightly evaluation
    assert hold.history.count() == 1
    assert Notification.objects.filter(recipient=designer, text__contains="2026-08-13").exists()


def test_qg1_a_complaint_against_another_department_starts_no_hold():
    designer = DesignerFactory()
    responsible_complaint(designer, ago(10), department=Department.ENGINEERING)

    assert services.evaluate_quality_holds(today=TODAY) == []


def test_qg1_low_follow_up_satisfaction_starts_a_hold():
    designer = DesignerFactory()
    for score in (2, 2, 3):
        follow_up_score(designer, ago(5), score)

    [hold] = services.evaluate_quality_holds(today=TODAY)

    assert hold.designer == designer
    assert hold.reason == "Average satisfaction 2.3 of 5 over 3 scores (below 3.0)"


def test_qg1_conversion_far_below_the_tier_starts_a_hold():
    weak, strong = DesignerFactory(), DesignerFactory()
    for n in range(5):
        measured_lead(weak, ago(20), signed=False)
        measured_lead(strong, ago(20), signed=n < 4)

    [hold] = services.evaluate_quality_holds(today=TODAY)

    assert hold.designer == weak  # 0% against the tier's 40%
    assert hold.reason_code == QualityHold.Code.CONVERSION


def test_qg1_thresholds_come_from_the_policy_row_in_force():
    QualityPolicy.objects.create(effective_from=ago(1), complaints_to_hold=2, hold_days=7)
    designer = DesignerFactory()
    responsible_complaint(designer, ago(3))
    assert services.evaluate_quality_holds(today=TODAY) == []

    responsible_complaint(designer, ago(2))
    [hold] = services.evaluate_quality_holds(today=TODAY)
    assert hold.ends == TODAY + datetime.timedelta(days=6)


def test_qg1_re_running_a_day_creates_no_second_hold():
    designer = DesignerFactory()
    responsible_complaint(designer, ago(10))
    services.evaluate_quality_holds(today=TODAY)

    assert services.evaluate_quality_holds(today=TODAY) == []
    assert nightly(TODAY.isoformat()) == 0
    assert services.evaluate_quality_holds(today=TODAY + datetime.timedelta(days=1)) == []
    assert QualityHold.objects.filter(designer=designer).count() == 1


def test_qg1_a_lifted_hold_is_not_restarted_by_the_same_complaint(design_manager):
    designer = DesignerFactory()
    responsible_complaint(designer, ago(10))
    [hold] = services.evaluate_quality_holds(today=TODAY)
    services.lift_hold(hold=hold, by=design_manager, reason="Customer withdrew the complaint")

    assert services.evaluate_quality_holds(today=TODAY) == []
    assert services.evaluate_quality_holds(today=TODAY + datetime.timedelta(days=1)) == []


def test_qg1_a_new_complaint_after_a_hold_ended_starts_a_new_one():
    designer = DesignerFactory()
    hold_for(designer, ago(40))  # ended 11 days ago
    responsible_complaint(designer, ago(45))  # judged by that hold
    assert services.evaluate_quality_holds(today=TODAY) == []

    responsible_complaint(designer, ago(2))
    assert len(services.evaluate_quality_holds(today=TODAY)) == 1


def test_qg1_evaluation_by_a_person_records_who(customer_manager):
    designer = DesignerFactory()
    responsible_complaint(designer, ago(1))
    [hold] = services.evaluate_quality_holds(today=TODAY, by=customer_manager)
    assert hold.created_by == customer_manager


# --- QG-1 in rotation -----------------------------------------------------------------------------


def test_qg1_rotation_passes_over_a_held_designer_and_records_the_skip(customer_manager):
    held = DesignerFactory(employee_no="1")  # first in rotation but held
    other = DesignerFactory(employee_no="2")
    hold_for(held, ago(1))

    assignment = services.dispatch_lead(lead=ReadyLeadFactory(), by=customer_manager)

    assert assignment.designer == other
    skip = Skip.objects.get(assignment=assignment)
    assert (skip.designer, skip.reason) == (held, Skip.Reason.QUALITY_HOLD)


def test_qg1_an_ended_or_lifted_hold_no_longer_skips(customer_manager, gm):
    held = DesignerFactory(employee_no="1")
    DesignerFactory(employee_no="2")
    hold_for(held, ago(40))  # ended
    lifted = hold_for(held, ago(1))
    services.lift_hold(hold=lifted, by=gm, reason="Reviewed: not his fault")

    assignment = services.dispatch_lead(lead=ReadyLeadFactory(), by=customer_manager)

    assert assignment.designer == held


def test_qg1_a_decline_goes_on_past_a_held_designer(customer_manager):
    first = DesignerFactory(employee_no="1")
    held = DesignerFactory(employee_no="2")
    third = DesignerFactory(employee_no="3")
    assignment = AssignmentFactory(designer=first, dispatched_by=customer_manager)
    hold_for(held, ago(1))

    after = services.decline_dispatch(lead=assignment.lead, by=customer_manager, reason="太远")

    assert after.designer == third


# --- QG-2: lift and override ----------------------------------------------------------------------


def test_qg2_the_design_manager_lifts_a_hold_with_a_reason(design_manager):
    hold = hold_for(DesignerFactory(), ago(1))

    services.lift_hold(hold=hold, by=design_manager, reason="投诉已撤回")

    hold.refresh_from_db()
    assert hold.lifted_by == design_manager and hold.lift_reason == "投诉已撤回"
    assert hold.history.first().history_user == design_manager


def test_qg2_lifting_needs_a_reason(gm):
    hold = hold_for(DesignerFactory(), ago(1))
    with pytest.raises(services.DispatchError, match="Say why the hold is lifted."):
        services.lift_hold(hold=hold, by=gm, reason="  ")


@pytest.mark.parametrize("persona", ["customer_manager", "designer"])
def test_qg2_only_the_gm_or_design_manager_lifts(request, persona):
    hold = hold_for(DesignerFactory(), ago(1))
    message = "Only the general manager or the design manager lifts a quality hold."
    with pytest.raises(services.DispatchError, match=message):
        services.lift_hold(hold=hold, by=request.getfixturevalue(persona), reason="x")


def test_qg2_a_hold_is_lifted_once(gm):
    hold = hold_for(DesignerFactory(), ago(1))
    services.lift_hold(hold=hold, by=gm, reason="x")
    with pytest.raises(services.DispatchError, match="already lifted"):
        services.lift_hold(hold=hold, by=gm, reason="y")


def test_qg2_choosing_a_held_designer_needs_a_reason(customer_manager):
    held = DesignerFactory(employee_no="1")
    DesignerFactory(employee_no="2")
    hold_for(held, ago(1))
    lead = ReadyLeadFactory()

    with pytest.raises(services.DispatchError, match="needs a reason"):
        services.dispatch_lead(lead=lead, by=customer_manager, designer=held)
    assert not Assignment.objects.filter(lead=lead).exists()


def test_qg2_the_override_is_kept_with_the_dispatch_and_the_hold(customer_manager):
    held = DesignerFactory(employee_no="1")
    DesignerFactory(employee_no="2")
    hold = hold_for(held, ago(1))

    assignment = services.dispatch_lead(
        lead=ReadyLeadFactory(), by=customer_manager, designer=held, reason="老客户指定"
    )

    assert assignment.designer == held
    assert assignment.method == Assignment.Method.CHOSEN
    assert assignment.reason == "老客户指定"
    assert assignment.overridden.startswith("Quality hold until 2026-08-12")
    assert list(hold.overrides.all()) == [assignment]
    assert assignment.history.count() == 1


def test_qg2_a_reason_does_not_override_the_caps(customer_manager):
    held = DesignerFactory(employee_no="1")
    DesignerFactory(employee_no="2")
    hold_for(held, ago(1))
    AssignmentFactory.create_batch(2, designer=held, dispatched_by=customer_manager)

    with pytest.raises(services.DispatchError, match="Daily cap reached"):
        services.dispatch_lead(
            lead=ReadyLeadFactory(), by=customer_manager, designer=held, reason="指定"
        )


# --- designers decline from their own page (DISP-7) ----------------------------------------------


def test_disp7_the_designer_declines_their_own_lead_and_it_goes_on(customer_manager):
    first = DesignerFactory(employee_no="1")
    second = DesignerFactory(employee_no="2")
    lead = AssignmentFactory(designer=first, dispatched_by=customer_manager).lead

    after = services.decline_own_lead(lead=lead, by=first, reason_code="TOO_FAR", text="在通州")

    assert after.designer == second
    declined = Assignment.objects.get(lead=lead, designer=first)
    assert declined.declined_by == first
    assert declined.decline_reason == "Too far away: 在通州"
    told = Notification.objects.get(recipient=customer_manager, text__contains="declined")
    assert second.get_full_name() in told.text


def test_disp7_nobody_left_sends_the_lead_back_to_the_queue_and_tells_the_manager(
    customer_manager,
):
    only = DesignerFactory(employee_no="1")
    lead = AssignmentFactory(designer=only, dispatched_by=customer_manager).lead

    assert services.decline_own_lead(lead=lead, by=only, reason_code="NO_TIME", text="出差") is None

    lead.refresh_from_db()
    assert lead.state == LeadState.NEW
    assert Notification.objects.filter(recipient=customer_manager).count() == 1


def test_disp7_a_designer_cannot_decline_someone_elses_lead(customer_manager):
    owner, other = DesignerFactory(), DesignerFactory()
    lead = AssignmentFactory(designer=owner, dispatched_by=customer_manager).lead

    with pytest.raises(services.DispatchError, match="Only the designer the lead is dispatched"):
        services.decline_own_lead(lead=lead, by=other, reason_code="OTHER", text="x")


def test_disp7_the_designer_gives_a_reason_from_the_list_and_words(customer_manager):
    designer = DesignerFactory()
    lead = AssignmentFactory(designer=designer, dispatched_by=customer_manager).lead
    with pytest.raises(services.DispatchError, match="Choose why"):
        services.decline_own_lead(lead=lead, by=designer, reason_code="BORED", text="x")
    with pytest.raises(services.DispatchError, match="in a few words"):
        services.decline_own_lead(lead=lead, by=designer, reason_code="OTHER", text=" ")


def test_roles_lift_permission():
    gm = StaffFactory(roles=[Role.GM])
    manager = StaffFactory(roles=[Role.DESIGN_MANAGER])
    cm = StaffFactory(roles=[Role.CUSTOMER_MANAGER])
    assert gm.has_perm("dispatch.lift_quality_hold")
    assert manager.has_perm("dispatch.lift_quality_hold")
    assert not cm.has_perm("dispatch.lift_quality_hold")
