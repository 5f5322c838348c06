"""Every front desk page opens for the customer manager (who may see all of them)."""

import pytest

pytestmark = pytest.mark.django_db

PAGES = [
    "/frontdesk/",
    "/frontdesk/reception/",
    "/frontdesk/reception/new/",
    "/frontdesk/calls/",
    "/frontdesk/calls/new/",
    "/frontdesk/appointments/",
    "/frontdesk/appointments/week/",
    "/frontdesk/appointments/new/",
    "/frontdesk/handover/",
    "/frontdesk/handover/new/",
    "/frontdesk/quality/",
    "/frontdesk/quality/calls/",
    "/frontdesk/quality/calls/import/",
    "/frontdesk/good-cases/",
    "/frontdesk/documents/",
    "/frontdesk/documents/new/",
]


@pytest.mark.parametrize("url", PAGES)
def test_page_opens_for_the_customer_manager(login, customer_manager, house, url):
    assert login(customer_manager).get(url).status_code == 200
