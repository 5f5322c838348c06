"""Care after signing in a real browser (issue 20): an agent answers a care call with a low
score and turns it into a complaint (CARE-4); the customer's history page on a phone (CARE-1)."""

import pytest

from complaints.models import Complaint, ComplaintCategory
from leads.models import CareCall, CarePoint
from tests.leads.lifecycle_factories import ensure_lifecycle_defaults, signed_lead

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def care_call(customer_manager, designer, cs_agent):
    ensure_lifecycle_defaults()
    CarePoint.objects.all().delete()
    CarePoint.objects.create(name="开工后 7 天", anchor="START", offset_days=7)
    ComplaintCategory.objects.get_or_create(name="施工质量")
    signed_lead(designer=designer, by=customer_manager, contract_type="CONSTRUCTION")
    return CareCall.objects.select_related("plan__contract__lead").get()


def test_care4_agent_scores_low_and_registers_a_complaint_in_one_step(
    live_server, page, sign_in, cs_agent, care_call
):
    sign_in(cs_agent)
    page.goto(f"{live_server.url}/leads/care/{care_call.pk}/")
    form = page.locator("[data-testid=care-feedback-form]")
    form.locator("input[name=satisfaction][value='2']").check()
    form.locator("textarea[name=comments]").fill("工人多次迟到，墙面有裂缝")
    form.locator("[data-testid=care-feedback-save]").click()
    page.wait_for_selector("[data-testid=care-to-complaint]")

    page.once("dialog", lambda dialog: dialog.accept())  # 'Register the complaint?' confirmation
    page.click("[data-testid=care-to-complaint]")
    page.wait_for_url("**/complaints/*/")

    complaint = Complaint.objects.get()
    assert complaint.lead_id == care_call.plan.contract.lead_id
    assert complaint.number in page.content()


def test_care1_history_page_fits_a_phone(live_server, page, sign_in, cs_agent, care_call):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(cs_agent)
    lead = care_call.plan.contract.lead
    page.goto(f"{live_server.url}/leads/{lead.pk}/customer/")
    assert page.locator("[data-testid=history-timeline] [data-testid=history-entry]").count() >= 2
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
