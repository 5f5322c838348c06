"""A phone complaint in a real browser: customer service registers and investigates it, the
customer manager decides, handles, replies, records the follow-up and closes it (CMP-1..7)."""

import pytest

from complaints.models import Complaint, ComplaintCategory
from tests.factories import TEST_PASSWORD  # noqa: F401 - sign_in uses it

pytestmark = pytest.mark.django_db(transaction=True)


def submit(page, action: str) -> None:
    page.click(f"[data-testid=submit-{action}]")
    page.wait_for_load_state()


def status_of(page) -> str:
    return page.locator("[data-testid=complaint-status]").inner_text()


def test_cmp7_phone_complaint_registered_and_walked_to_closed(
    live_server, page, sign_in, cs_agent, customer_manager
):
    category = ComplaintCategory.objects.get_or_create(name="施工质量")[0]

    # Customer service registers the call (CMP-1, CMP-2).
    sign_in(cs_agent)
    page.goto(f"{live_server.url}/complaints/")
    page.click("[data-testid=register-complaint]")
    page.select_option("#id_channel", "PHONE")
    page.select_option("#id_category", str(category.pk))
    page.fill("#id_customer_name", "刘女士")
    page.fill("#id_phone", "139 1111 2222")
    page.check("input[name=severity][value=MINOR]")
    page.fill("#id_summary", "卫生间墙砖空鼓，要求返工。")
    page.click("[data-testid=register-submit]")
    page.wait_for_selector("[data-testid=complaint-number]")
    number = page.locator("[data-testid=complaint-number]").inner_text()
    assert number.startswith("TS") and number.endswith("-0001")
    assert page.locator("[data-testid=complaint-phone]").inner_text() == "13911112222"

    # The same working day: findings and a proposal (CMP-4).
    page.fill("#id_findings", "现场查看属实，为铺贴时砂浆不饱满。")
    page.fill("#id_proposal", "安排工长返工。")
    submit(page, "investigate")
    assert page.locator("[data-testid=nothing-to-do]").is_visible()

    # The customer manager takes over (CMP-5).
    page.context.clear_cookies()
    sign_in(customer_manager)
    page.goto(f"{live_server.url}/complaints/")
    page.click(f"[data-testid=complaint-link]:text('{number}')")
    page.fill("#id_handling_method", "工长上门返工，费用公司承担。")
    page.select_option("#id_responsible_department", "CUSTOMER_SERVICE")
    submit(page, "decide")
    page.fill("#id_handling_record", "已返工，业主现场确认。")
    submit(page, "handle")
    page.select_option("#id_channel", "PHONE")
    page.fill("#id_text", "已电话告知业主返工结果。")
    submit(page, "reply")

    # Minor complaint: follow-up by phone with a satisfaction score (CMP-6), then close (CMP-7).
    assert page.locator("[data-testid=submit-close]").count() == 0
    page.fill("#id_outcome", "业主表示满意。")
    page.check("input[name=satisfaction][value='5']")
    submit(page, "follow-up")
    page.fill("#id_gm_report", "墙砖空鼓已返工，业主满意。")
    submit(page, "close")

    complaint = Complaint.objects.get(number=number)
    assert (complaint.status, complaint.satisfaction, complaint.follow_up_method) == (
        "CLOSED",
        5,
        "PHONE",
    )
    assert status_of(page) == complaint.get_status_display()
    assert page.locator("[data-testid=history-entry]").count() == 7
    assert page.locator("[data-testid=satisfaction]").inner_text() == "5"

    # The handling form prints with the same number (CMP-3).
    page.click("[data-testid=print-form]")
    assert page.locator("[data-testid=print-number]").inner_text() == number
