"""The 工作台 in a real browser (issue 15): a customer manager's and a GM's home at 1366 and
390 px show their cards with the counts of hand-built data, and nothing scrolls sideways."""

import pytest

from tests.dispatch.factories import ReadyLeadFactory
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db(transaction=True)

SIZES = [(1366, 900), (390, 844)]


def _count(page, key: str) -> str:
    return page.locator(f"[data-testid=queue-{key}] [data-testid=count]").inner_text().strip()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_customer_manager_home_counts_ready_and_not_ready(
    live_server, page, sign_in, customer_manager, width, height
):
    ReadyLeadFactory.create_batch(3)
    LeadFactory(planned_decoration_date=None)  # not ready: no planned decoration date
    page.set_viewport_size({"width": width, "height": height})
    sign_in(customer_manager)

    assert _count(page, "ready") == "3"
    assert _count(page, "not-ready") == "1"
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.locator("[data-testid=queue-ready]").click()
    page.wait_for_url("**/dispatch/?tab=ready")


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_gm_home_shows_the_month_kpis(live_server, page, sign_in, gm, width, height):
    LeadFactory.create_batch(2)
    page.set_viewport_size({"width": width, "height": height})
    sign_in(gm)

    leads = page.locator("[data-testid=kpi-leads] [data-testid=value]").inner_text().strip()
    assert leads == "2"
    for key in ("dispatched", "signed", "conversion", "amount", "complaints-open"):
        assert page.locator(f"[data-testid=kpi-{key}]").is_visible(), key
    assert page.evaluate("document.documentElement.scrollWidth") <= width
