"""The dispatch dashboard in a real browser: one-click dispatch without a reload, the designer
sees the lead on "my leads"; the reason dialog for forced dispatches and declines."""

import pytest

from dispatch.models import Assignment
from leads.models import LeadState
from tests.dispatch.factories import AssignmentFactory, DesignerFactory, ReadyLeadFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _mark_page(page) -> None:
    """A flag that survives htmx swaps but not a full page load."""
    page.evaluate("window.__noReload = true")


def _not_reloaded(page) -> bool:
    return page.evaluate("window.__noReload === true")


def test_customer_manager_dispatches_and_designer_sees_it_on_my_leads(
    live_server, page, sign_in, customer_manager
):
    designer = DesignerFactory(employee_no="101", name="韩雪")
    lead = ReadyLeadFactory(customer_name="王建华", phone="13912345678")

    sign_in(customer_manager)
    page.goto(f"{live_server.url}/dispatch/")
    assert page.locator("[data-testid=panel-customer]").inner_text() == "王建华"
    assert page.locator(f"[data-testid=candidate-{designer.pk}]").is_visible()
    _mark_page(page)
    page.click("[data-testid=dispatch-auto]")
    page.wait_for_selector("[data-testid=flash]")

    assert "王建华" in page.locator("[data-testid=flash]").inner_text()
    assert "韩雪" in page.locator("[data-testid=flash]").inner_text()
    assert _not_reloaded(page)
    assert page.locator("[data-testid=queue-empty]").is_visible()
    lead.refresh_from_db()
    assert (lead.state, lead.designer) == (LeadState.DISPATCHED, designer)

    page.context.clear_cookies()
    sign_in(designer)
    page.click("[data-nav='dispatch:my_leads']")
    row = page.locator(f"[data-testid=my-lead-{lead.pk}]")
    assert "王建华" in row.inner_text()
    assert page.locator(f"[data-testid=my-lead-phone-{lead.pk}]").inner_text() == "13912345678"
    page.click("[data-testid=bell]")
    assert "王建华" in page.content()


def test_customer_manager_picks_a_lead_and_forces_it_with_a_reason(
    live_server, page, sign_in, customer_manager
):
    designer = DesignerFactory(employee_no="101", name="韩雪")
    AssignmentFactory(designer=designer)
    AssignmentFactory(designer=designer)
    ReadyLeadFactory(customer_name="先来的")
    lead = ReadyLeadFactory(customer_name="李秀英")

    sign_in(customer_manager)
    page.goto(f"{live_server.url}/dispatch/")
    _mark_page(page)
    page.click(f"[data-testid=select-lead-{lead.pk}]")
    page.wait_for_selector("[data-testid=panel-customer]:has-text('李秀英')")
    assert page.locator("[data-testid=nobody-eligible]").is_visible()
    page.click(f"[data-testid=force-{designer.pk}]")
    page.wait_for_selector("[data-testid=reason-dialog].show")
    page.fill("[data-testid=reason-input]", "客户点名要韩雪设计")
    page.click("[data-testid=reason-submit]")
    page.wait_for_selector("[data-testid=flash]")

    assert _not_reloaded(page)
    assert "李秀英" in page.locator("[data-testid=flash]").inner_text()
    assignment = Assignment.objects.get(lead=lead)
    assert assignment.is_forced is True
    assert assignment.reason == "客户点名要韩雪设计"
    assert "?tab=ready&lead=" in page.url  # the selection was pushed to the address bar


def test_design_manager_records_a_decline_in_the_dialog(live_server, page, sign_in, design_manager):
    first = DesignerFactory(employee_no="101", name="韩雪")
    second = DesignerFactory(employee_no="102", name="杨帆")
    assignment = AssignmentFactory(designer=first, lead__customer_name="赵磊")

    sign_in(design_manager)
    page.goto(f"{live_server.url}/dispatch/?tab=dispatched")
    page.click(f"[data-testid=decline-{assignment.lead.pk}]")
    page.wait_for_selector("[data-testid=reason-dialog].show")
    page.fill("[data-testid=reason-input]", "本周外出培训")
    page.click("[data-testid=reason-submit]")
    page.wait_for_selector("[data-testid=flash]")

    assert "杨帆" in page.locator("[data-testid=flash]").inner_text()
    assignment.refresh_from_db()
    assert assignment.decline_reason == "本周外出培训"
    assignment.lead.refresh_from_db()
    assert assignment.lead.designer == second
