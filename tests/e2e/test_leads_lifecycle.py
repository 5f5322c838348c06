"""A dead-lead closure in a browser: the customer manager proposes it after calling the customer,
the design manager calls again and confirms it; the lead closes then (CLOSE-2, CLOSE-3)."""

import pytest

from leads.models import Closure, ClosureStatus, LeadState
from staff.models import Notification
from tests.leads.lifecycle_factories import measured_lead

pytestmark = pytest.mark.django_db(transaction=True)


def sign_out(page) -> None:
    page.context.clear_cookies()


def test_close2_customer_manager_proposes_and_design_manager_confirms(
    live_server, page, sign_in, customer_manager, design_manager, designer, gm
):
    lead = measured_lead(designer=designer, by=customer_manager, customer_name="赵先生")

    sign_in(customer_manager)
    page.goto(f"{live_server.url}{lead.get_absolute_url()}")
    page.click("[data-testid=propose-closure]")
    page.check("input[name=reason][value=COMPETITION]")
    page.fill("[data-testid=closure-words]", "已经和别家签了，不用再联系了。")
    page.fill("[data-testid=closure-explanation]", "量房后方案出得慢。")
    page.click("[data-testid=closure-propose]")
    page.wait_for_selector("[data-testid=closure-record]")

    closure = Closure.objects.get(lead=lead)
    assert (closure.kind, closure.status, closure.proposed_by) == (
        "DEAD",
        "PROPOSED",
        customer_manager,
    )
    lead.refresh_from_db()
    assert lead.state == LeadState.MEASURED  # the proposal alone closes nothing
    assert page.locator("[data-testid=confirm-closure]").count() == 0

    sign_out(page)
    sign_in(design_manager)
    page.goto(f"{live_server.url}/leads/closures/")
    page.click(f"[data-testid=closure-queue] a[href='{closure.get_absolute_url()}']")
    page.fill("[data-testid=decision-note]", "二次回访：客户确认已与他司签约。")
    page.once("dialog", lambda dialog: dialog.accept())  # confirming the closure asks first
    page.click("[data-testid=confirm-closure]")
    page.wait_for_selector("[data-testid=closure-status]")

    closure.refresh_from_db()
    lead.refresh_from_db()
    assert (closure.status, closure.decided_by) == (ClosureStatus.CONFIRMED, design_manager)
    assert (lead.state, lead.closed_at) == (LeadState.DEAD, closure.decided_at)
    assert page.locator("[data-testid=decision-card]").count() == 0
    assert "二次回访：客户确认已与他司签约。" in page.inner_text(
        "[data-testid=closure-decision-shown]"
    )
    assert Notification.objects.filter(recipient=gm, link=closure.get_absolute_url()).exists()
