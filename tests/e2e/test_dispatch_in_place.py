"""Issue 15, findings 8 and 9 in a real browser: a fresh walk-in registered with gaps is
completed in place on the dispatch dashboard and dispatched in at most 3 clicks (typing does not
count); a pick out of rotation asks for its reason, which lands in the dispatch log; the intake
form says live what dispatch still needs."""

import pytest

from dispatch.models import Assignment
from leads.models import Channel, LeadState
from tests.dispatch.factories import DesignerFactory, ReadyLeadFactory

pytestmark = pytest.mark.django_db(transaction=True)

MAX_CLICKS = 3


class Clicks:
    """Counts the clicks a person makes; filling a field is typing, not a click."""

    def __init__(self, page) -> None:
        self.page, self.count = page, 0

    def __call__(self, selector: str) -> None:
        self.count += 1
        self.page.click(selector)


def test_disp2_walk_in_completed_in_place_and_dispatched_in_three_clicks(
    live_server, page, sign_in, customer_manager
):
    designer = DesignerFactory(employee_no="101", name="韩雪")
    lead = ReadyLeadFactory(
        customer_name="赵先生",
        channel=Channel.WALK_IN,
        planned_decoration_date=None,
        levels_introduced=False,
    )
    sign_in(customer_manager)
    page.goto(f"{live_server.url}/dispatch/")
    click = Clicks(page)

    click("[data-testid=tab-waiting]")
    page.fill(
        f"[data-testid=complete-row-{lead.pk}] [data-testid=complete-date-{lead.pk}]", "2027-03-01"
    )
    click(f"[data-testid=complete-row-{lead.pk}] [data-testid=complete-with-levels-{lead.pk}]")
    page.wait_for_selector("[data-testid=dispatch-auto]")
    assert page.locator("[data-testid=panel-customer]").inner_text() == "赵先生"
    click("[data-testid=dispatch-auto]")
    page.wait_for_selector("[data-testid=queue-empty]")

    assert click.count <= MAX_CLICKS
    lead.refresh_from_db()
    assert (lead.state, lead.designer, lead.levels_introduced) == (
        LeadState.DISPATCHED,
        designer,
        True,
    )
    assert lead.planned_decoration_date.isoformat() == "2027-03-01"


def test_disp5_out_of_rotation_pick_asks_a_reason_kept_in_the_log(
    live_server, page, sign_in, customer_manager
):
    DesignerFactory(employee_no="101", name="韩雪")
    other = DesignerFactory(employee_no="102", name="秦浩")
    ReadyLeadFactory(customer_name="钱女士")
    sign_in(customer_manager)
    page.goto(f"{live_server.url}/dispatch/")
    page.click(f"[data-testid=dispatch-to-{other.pk}]")
    page.wait_for_selector("[data-testid=reason-input]", state="visible")
    page.click("[data-testid=reason-submit]")  # empty: the dialog does not send it
    assert not Assignment.objects.exists()
    page.fill("[data-testid=reason-input]", "客户点名要秦浩")
    page.click("[data-testid=reason-submit]")
    page.wait_for_selector("[data-testid=flash]")
    assignment = Assignment.objects.get()
    assert (assignment.designer, assignment.reason) == (other, "客户点名要秦浩")
    page.goto(f"{live_server.url}/dispatch/log/")
    assert "客户点名要秦浩" in page.content()


def test_disp2_intake_says_live_what_dispatch_still_needs(live_server, page, sign_in, front_desk):
    sign_in(front_desk)
    page.goto(f"{live_server.url}/leads/register/")
    box = page.locator("[data-testid=intake-readiness-missing]")
    box.wait_for()
    assert "计划装修时间" in box.inner_text()
    page.fill("#id_area_m2", "96")
    page.fill("#id_budget", "45000")
    page.fill("#id_planned_decoration_date", "2027-03-01")
    page.locator("#id_planned_decoration_date").dispatch_event("change")
    page.locator("[data-testid=intake-readiness-ok]").wait_for()
