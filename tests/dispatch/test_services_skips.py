"""Each dispatch keeps the designers of the lead's tier it passed over, with the reason, for the
monthly report's "skips by reason" (DISP-5 reasons, RPT-2)."""

import pytest
from django.utils import timezone

from dispatch.models import Skip
from dispatch.services import decline_dispatch, dispatch_lead, force_dispatch
from staff.models import DesignerTier
from tests.dispatch.factories import AssignmentFactory, ReadyLeadFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def _skips():
    return sorted((s.designer.employee_no, s.reason) for s in Skip.objects.all())


def test_rpt2_rotation_records_designers_on_leave_and_at_cap(
    make_designer, customer_manager, monkeypatch
):
    away = make_designer(employee_no="101")
    full = make_designer(employee_no="102")
    make_designer(employee_no="103")
    make_designer(employee_no="201", tier=DesignerTier.DIRECTOR)  # another tier: not a skip
    make_designer(employee_no="104", is_active=False)  # inactive: not a skip
    for _ in range(2):
        AssignmentFactory(designer=full, dispatched_at=timezone.now())
    monkeypatch.setattr("dispatch.queries.day.designers_on_leave", lambda day: frozenset({away.pk}))

    assignment = dispatch_lead(lead=ReadyLeadFactory(), by=customer_manager)

    assert assignment.designer.employee_no == "103"
    assert _skips() == [("101", Skip.Reason.ON_LEAVE), ("102", Skip.Reason.DAY_CAP)]
    assert {s.assignment_id for s in Skip.objects.all()} == {assignment.pk}
    assert {s.skipped_at for s in Skip.objects.all()} == {assignment.dispatched_at}


def test_rpt2_nobody_passed_over_records_nothing(make_designer, customer_manager):
    make_designer(employee_no="101")
    dispatch_lead(lead=ReadyLeadFactory(), by=customer_manager)
    assert Skip.objects.count() == 0


def test_rpt2_redispatch_after_decline_records_the_decliner(make_designer, customer_manager):
    make_designer(employee_no="101")
    make_designer(employee_no="102")
    lead = ReadyLeadFactory()
    dispatch_lead(lead=lead, by=customer_manager)

    redispatch = decline_dispatch(lead=lead, by=customer_manager, reason="档期已满")

    assert redispatch.designer.employee_no == "102"
    assert list(redispatch.skips.values_list("designer__employee_no", "reason")) == [
        ("101", Skip.Reason.DECLINED)
    ]


def test_rpt2_forced_dispatch_records_the_others_not_the_receiver(make_designer, customer_manager):
    forced_to = make_designer(employee_no="101")
    other = make_designer(employee_no="102")
    for designer in (forced_to, other, forced_to, other):
        AssignmentFactory(designer=designer, dispatched_at=timezone.now())

    force_dispatch(lead=ReadyLeadFactory(), designer=forced_to, by=customer_manager, reason="点名")

    assert _skips() == [("102", Skip.Reason.DAY_CAP)]
