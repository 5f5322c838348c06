"""SEC-5 in a real browser: the admin is no side door for a role without admin rights."""

import pytest

from staff.models import Staff

pytestmark = pytest.mark.django_db(transaction=True)


def test_sec5_marketing_manager_tries_the_admin_import_and_is_refused(
    live_server, page, sign_in, marketing_manager
):
    # Even with the staff flag left on from before, the role opens nothing in the admin.
    Staff.objects.filter(pk=marketing_manager.pk).update(is_staff=True)
    sign_in(marketing_manager)
    assert page.locator("a[href='/admin/']").count() == 0  # no admin link in the menu

    page.goto(f"{live_server.url}/admin/staff/staff/import/")
    assert "/admin/login/" in page.url
    assert "访问权限" in page.locator(".errornote").inner_text()  # "… but not authorized"
    assert page.locator("input[type=file]").count() == 0


def test_sec5_hr_opens_the_admin_but_not_the_staff_import(live_server, page, sign_in, hr):
    Staff.objects.filter(pk=hr.pk).update(is_staff=True)
    sign_in(hr)
    page.goto(f"{live_server.url}/admin/staff/staff/")
    assert page.locator("#result_list").count() == 1
    assert page.locator("a[href$='/admin/staff/staff/import/']").count() == 0
    response = page.goto(f"{live_server.url}/admin/staff/staff/import/")
    assert response.status == 403
    assert page.locator("input[type=file]").count() == 0
