"""The front desk registers a walk-in, then tries the same phone again and is told the lead
exists (LEAD-1, LEAD-2), in a real browser."""

import pytest

from leads.models import Lead, LeadEvent

pytestmark = pytest.mark.django_db(transaction=True)


def test_lead2_walk_in_registered_then_same_phone_is_told_it_exists(
    live_server, page, sign_in, front_desk
):
    sign_in(front_desk)
    page.goto(f"{live_server.url}/leads/register/")
    page.fill("[data-testid=intake-phone]", "138 1234 5678")
    page.wait_for_selector("[data-testid=phone-check-new]")
    page.fill("#id_customer_name", "王先生")
    page.select_option("[data-testid=intake-channel]", "WALK_IN")
    page.fill("#id_community", "阳光小区")
    page.fill("#id_building", "3号楼2单元501")
    page.fill("#id_area_m2", "96")
    page.fill("#id_budget", "45000")
    page.click("[data-testid=intake-submit]")
    page.wait_for_selector("[data-testid=lead-title]")
    lead = Lead.objects.get()
    assert page.locator("[data-testid=lead-title]").inner_text() == "王先生"
    assert lead.phone == "13812345678"

    # Same customer again: the check says so as the number is typed, and offers the visit.
    page.goto(f"{live_server.url}/leads/register/")
    page.fill("[data-testid=intake-phone]", "13812345678")
    notice = page.wait_for_selector("[data-testid=phone-check-exists]")
    assert f"{lead.pk}" in notice.inner_text()
    page.click("[data-testid=record-visit]")
    page.wait_for_url(f"{live_server.url}{lead.get_absolute_url()}")
    assert Lead.objects.count() == 1
    assert lead.events.filter(kind=LeadEvent.Kind.VISIT).count() == 1


def test_lead2_submitting_a_known_phone_is_told_the_lead_exists(
    live_server, page, sign_in, front_desk
):
    from tests.leads.factories import LeadFactory

    lead = LeadFactory(phone="13912345678")
    sign_in(front_desk)
    page.goto(f"{live_server.url}/leads/register/")
    page.fill("[data-testid=intake-phone]", "13912345678")
    page.wait_for_selector("[data-testid=phone-check-exists]")
    page.fill("#id_customer_name", "李女士")
    page.select_option("[data-testid=intake-channel]", "PHONE")
    page.click("[data-testid=intake-submit]")
    page.wait_for_url(f"{live_server.url}{lead.get_absolute_url()}")
    assert str(lead.pk) in page.locator(".alert").first.inner_text()
    assert Lead.objects.count() == 1
