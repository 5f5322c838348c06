"""The shared list pattern in a real browser (issue 15, "Tables" and "Phones"): at 390 px the
lead list and my leads are cards with no sideways scroll and the filters open from "筛选"; at
1366 px the filters stay visible and a header click sorts; 我的视图 saves and applies filters."""

import pytest

from tests.dispatch.factories import AssignmentFactory
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
OVERFLOW_JS = "document.documentElement.scrollWidth - window.innerWidth"
LONG = "阳光花园东区三期（南门进，物业中心对面）"


def test_lead_list_is_cards_with_folded_filters_at_390(
    live_server, page, sign_in, customer_manager
):
    LeadFactory.create_batch(3, community=LONG)
    page.set_viewport_size(PHONE)
    sign_in(customer_manager)
    page.goto(f"{live_server.url}/leads/")
    assert page.evaluate(OVERFLOW_JS) <= 0
    filters = page.locator("[data-testid=lead-filters]")
    assert not filters.is_visible()
    page.click("[data-testid=filters-toggle]")
    filters.wait_for(state="visible")
    assert page.evaluate(OVERFLOW_JS) <= 0
    # A row is a card: its cells stacked, the header row kept only for screen readers (1 px).
    assert page.locator("[data-testid=lead-table] thead").bounding_box()["height"] <= 1
    cell = page.locator("[data-testid=lead-table] tbody tr").first.locator("td[data-label]").first
    assert cell.evaluate("td => getComputedStyle(td).display") == "block"


def test_my_leads_has_no_sideways_scroll_at_390(live_server, page, sign_in, designer):
    AssignmentFactory(designer=designer, lead=LeadFactory(community=LONG))
    page.set_viewport_size(PHONE)
    sign_in(designer)
    page.goto(f"{live_server.url}/dispatch/my-leads/")
    assert page.locator("[data-testid=my-leads] tbody tr").count() >= 1
    assert page.evaluate(OVERFLOW_JS) <= 0


def test_lead_list_filters_visible_sort_and_saved_view_at_1366(
    live_server, page, sign_in, customer_manager
):
    LeadFactory.create_batch(2)
    page.set_viewport_size(DESKTOP)
    sign_in(customer_manager)
    page.goto(f"{live_server.url}/leads/?state=NEW")
    assert page.locator("[data-testid=lead-filters]").is_visible()
    assert not page.locator("[data-testid=filters-toggle]").is_visible()
    page.click("th a[data-sort=consulted]")
    page.wait_for_url("**sort=consulted**")
    assert "state=NEW" in page.url
    assert page.locator("th[aria-sort=ascending] a[data-sort=consulted]").is_visible()
    page.click("[data-testid=saved-views] summary")
    page.fill("[data-testid=saved-view-form] input[name=name]", "新来单")
    page.click("[data-testid=saved-view-form] button[type=submit]")
    page.wait_for_url("**/leads/?state=NEW&sort=consulted")
    page.goto(f"{live_server.url}/leads/")
    page.click("[data-testid=saved-views] summary")
    page.click("[data-testid=saved-view-apply]")
    page.wait_for_url("**/leads/?state=NEW&sort=consulted")
