"""The UI shell in a real browser: Chinese home page, English on request, logout."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_front_desk_logs_in_sees_chinese_switches_to_english_and_logs_out(
    live_server, page, sign_in, front_desk
):
    sign_in(front_desk)
    assert page.locator("[data-testid=greeting]").inner_text().startswith("您好")
    assert page.locator("[data-nav='leads:index']").inner_text() == "客户来单"

    page.click("[data-testid=language-switcher] button[value=en]")
    page.wait_for_load_state()
    assert page.locator("[data-testid=greeting]").inner_text().startswith("Hello")
    assert page.locator("[data-nav='leads:index']").inner_text() == "Customer leads"

    page.click("[data-testid=user-menu]")
    page.click("[data-testid=logout]")
    page.wait_for_url(f"{live_server.url}/accounts/login/")
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
