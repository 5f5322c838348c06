"""The front desk logs a new customer's call in a real browser: the call becomes a lead through
the leads intake (FD-2); the same number again is recognised as it is typed and attached to the
lead instead of making a second one (LEAD-2)."""

import pytest

from frontdesk.models import PhoneConsultation
from leads.models import Lead

pytestmark = pytest.mark.django_db(transaction=True)


def fill_call(page, name: str, phone: str) -> None:
    page.select_option("[data-testid=phone-topic]", "NEW_ENQUIRY")
    page.fill("#id_caller_name", name)
    page.fill("[data-testid=log-phone]", phone)


def test_fd2_phone_consultation_creates_a_lead(live_server, page, sign_in, cs_agent):
    sign_in(cs_agent)
    page.goto(f"{live_server.url}/frontdesk/")
    page.click("[data-testid=quick-call]")
    page.wait_for_selector("[data-testid=phone-form]")
    fill_call(page, "李女士", "139 8765 4321")
    page.wait_for_selector("[data-testid=phone-check-new]")
    assert page.locator("#customer-details").is_visible()
    page.fill("#id_summary", "问老房翻新报价，周末想到店。")
    page.fill("#id_community", "望京花园")
    page.fill("#id_area_m2", "120")
    page.click("[data-testid=phone-save]")
    page.wait_for_selector("[data-testid=phone-table]")

    lead = Lead.objects.get()
    assert (lead.customer_name, lead.phone, lead.channel, lead.community) == (
        "李女士",
        "13987654321",
        "PHONE",
        "望京花园",
    )
    assert PhoneConsultation.objects.get().lead == lead
    page.click("[data-testid=phone-row-lead]")
    page.wait_for_url(f"{live_server.url}{lead.get_absolute_url()}")


def test_lead2_same_caller_again_is_attached_not_registered_twice(
    live_server, page, sign_in, front_desk
):
    sign_in(front_desk)
    for attempt in range(2):
        page.goto(f"{live_server.url}/frontdesk/calls/new/")
        fill_call(page, "李女士", "13987654321")
        marker = "phone-check-new" if attempt == 0 else "phone-check-exists"
        page.wait_for_selector(f"[data-testid={marker}]")
        page.fill("#id_summary", f"第{attempt + 1}次来电")
        page.click("[data-testid=phone-save]")
        page.wait_for_selector("[data-testid=phone-table]")
    lead = Lead.objects.get()
    warning = page.locator(".alert-warning").inner_text()  # the page speaks Chinese
    assert str(lead.pk) in warning
    assert list(PhoneConsultation.objects.values_list("lead", "lead_link")) == [
        (lead.pk, "ATTACHED"),
        (lead.pk, "CREATED"),
    ]


def test_fd2_customer_details_hide_for_a_message(live_server, page, sign_in, front_desk):
    sign_in(front_desk)
    page.goto(f"{live_server.url}/frontdesk/calls/new/")
    page.select_option("[data-testid=phone-topic]", "MESSAGE")
    assert page.locator("#customer-details").is_hidden()
