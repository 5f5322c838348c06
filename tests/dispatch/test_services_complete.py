"""Completing a waiting lead for dispatch in place (DISP-2, issue 15 finding 8): the service
fills only what is missing, through the lead's own edit service (history kept), and may confirm
the designer levels in the same step."""

from datetime import date
from decimal import Decimal

import pytest

from dispatch.services import DispatchError
from dispatch.services.readiness import complete_for_dispatch
from leads.models import LeadEvent, LeadState
from tests.dispatch.factories import ReadyLeadFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


def walk_in(**fields):
    return ReadyLeadFactory(planned_decoration_date=None, levels_introduced=False, **fields)


def test_disp2_filling_the_missing_date_and_confirming_levels_makes_it_ready(customer_manager):
    lead = walk_in()
    complete_for_dispatch(
        lead=lead,
        by=customer_manager,
        planned_decoration_date=date(2026, 9, 1),
        levels_introduced=True,
    )
    lead.refresh_from_db()
    assert (lead.planned_decoration_date, lead.levels_introduced) == (date(2026, 9, 1), True)


def test_sec3_completion_keeps_the_audit_history(customer_manager):
    lead = walk_in()
    complete_for_dispatch(lead=lead, by=customer_manager, planned_decoration_date=date(2026, 9, 1))
    latest = lead.history.first()
    assert (latest.history_user, latest.planned_decoration_date) == (
        customer_manager,
        date(2026, 9, 1),
    )
    assert LeadEvent.objects.filter(lead=lead, text="Details updated.").exists()


def test_disp2_a_known_value_is_not_overwritten_here(customer_manager):
    lead = walk_in(budget=Decimal(20000))
    complete_for_dispatch(
        lead=lead,
        by=customer_manager,
        planned_decoration_date=date(2026, 9, 1),
        budget=Decimal(1),
    )
    lead.refresh_from_db()
    assert lead.budget == Decimal(20000)


def test_disp2_the_budget_filled_here_sets_the_size_class(customer_manager):
    lead = walk_in(budget=None, size_class="")
    complete_for_dispatch(lead=lead, by=customer_manager, budget=Decimal(60000))
    lead.refresh_from_db()
    assert lead.size_class == "LARGE"


def test_disp2_nothing_given_is_refused(customer_manager):
    with pytest.raises(DispatchError, match="Fill in at least one of the missing details."):
        complete_for_dispatch(lead=walk_in(), by=customer_manager)


def test_disp2_only_a_waiting_lead_is_completed_here(customer_manager):
    lead = walk_in(state=LeadState.INVALID)
    with pytest.raises(DispatchError, match="Only a lead waiting for dispatch"):
        complete_for_dispatch(lead=lead, by=customer_manager, planned_decoration_date=date.today())


def test_attr6_only_the_customer_manager_completes_a_lead_here(front_desk):
    with pytest.raises(DispatchError, match="Only the customer manager"):
        complete_for_dispatch(
            lead=walk_in(), by=front_desk, planned_decoration_date=date(2026, 9, 1)
        )
