"""The report pages moved from /frontdesk/ to /reports/ (issue 17): the old addresses answer a
permanent redirect to the new ones, query string kept, so bookmarks still land."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/frontdesk/reports/tables/?period=month", "/reports/tables/?period=month"),
        ("/frontdesk/reports/monthly/?month=2026-03", "/reports/monthly/?month=2026-03"),
        ("/frontdesk/reports/segments/", "/reports/segments/"),
        (
            "/frontdesk/reports/segments/leads/?by=area&key=1",
            "/reports/segments/leads/?by=area&key=1",
        ),
        ("/frontdesk/jobs/", "/reports/jobs/"),
    ],
)
def test_old_report_addresses_redirect_permanently(login, gm, old, new):
    response = login(gm).get(old)
    assert response.status_code == 301
    assert response["Location"] == new
