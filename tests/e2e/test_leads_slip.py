"""A salesperson's transfer slip goes through both signatures (SLIP-1, SLIP-2), in a browser."""

import pytest

from leads.models import SlipStep, TransferSlip

pytestmark = pytest.mark.django_db(transaction=True)


def sign_out(page) -> None:
    page.context.clear_cookies()


def test_slip2_salespersons_slip_is_signed_by_both_managers(
    live_server, page, sign_in, marketing_sales, marketing_manager, store_manager
):
    sign_in(marketing_sales)
    page.goto(f"{live_server.url}/leads/slips/new/")
    page.fill("[data-testid=slip-phone]", "13987654321")
    page.fill("[data-testid=slip-name]", "郑先生")
    page.fill("#id_community", "望京花园")
    page.fill("#id_building", "2号楼1单元301")
    page.fill("#id_area_m2", "120")
    page.fill("#id_budget", "52000")
    page.fill("#id_customer_intent", "现代简约，三室两厅")
    page.click("[data-testid=slip-submit]")
    page.wait_for_selector("[data-testid=slip]")
    slip = TransferSlip.objects.get()
    assert slip.salesperson == marketing_sales

    for manager in (marketing_manager, store_manager):
        sign_out(page)
        sign_in(manager)
        page.goto(f"{live_server.url}/leads/slips/")
        page.click(f"[data-testid=slips-awaiting] a[href='{slip.get_absolute_url()}']")
        page.click("[data-testid=sign-slip]")
        page.wait_for_selector("[data-testid=slip]")

    assert list(slip.signatures.values_list("step", "signer")) == [
        (SlipStep.MARKETING_MANAGER, marketing_manager.pk),
        (SlipStep.STORE_MANAGER, store_manager.pk),
    ]
    assert page.locator("[data-testid=sign-slip]").count() == 0
    assert page.locator("[data-testid=slip-step]").count() == 2
