"""A designer declines a lead from their own page on a phone-sized window (390×844, DISP-7):
the lead goes to the next designer and the customer manager is told; 我的业绩 fits the phone."""

import pytest

from dispatch.models import Assignment
from staff.models import Notification
from tests.dispatch.factories import AssignmentFactory, DesignerFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


def _fits_the_phone(page) -> bool:
    """No horizontal scroll: the page is no wider than the window."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_designer_declines_from_a_phone_and_the_lead_goes_on(
    live_server, page, sign_in, customer_manager
):
    me = DesignerFactory(employee_no="101", name="韩雪")
    nxt = DesignerFactory(employee_no="102", name="周明")
    lead = AssignmentFactory(
        designer=me, dispatched_by=customer_manager, lead__customer_name="王建华"
    ).lead
    page.set_viewport_size(PHONE)

    sign_in(me)
    page.goto(f"{live_server.url}/dispatch/my-leads/")
    page.click(f"[data-testid=my-lead-open-{lead.pk}]")
    page.wait_for_selector("[data-testid=decline-form]")
    assert _fits_the_phone(page)
    page.check("input[name=reason_code][value=TOO_FAR]")
    page.fill("textarea[name=text]", "在通州，路程太远")
    page.click("[data-testid=decline-submit]")
    page.wait_for_url(f"{live_server.url}/dispatch/my-leads/")

    lead.refresh_from_db()
    assert lead.designer == nxt
    declined = Assignment.objects.get(lead=lead, designer=me)
    assert declined.decline_reason.endswith("在通州，路程太远")
    assert Notification.objects.filter(recipient=customer_manager, text__contains="王建华").exists()

    page.goto(f"{live_server.url}/dispatch/my-record/")
    page.wait_for_selector("[data-testid=record-month]")
    assert _fits_the_phone(page)
