"""The GM opens the monthly report in a real browser (RPT-2): Chart.js draws every chart from
the json_script data, the month picker moves to the month before, the tables show the figures."""

import pytest

from tests.reports import report_fixture

pytestmark = pytest.mark.django_db(transaction=True)

CHARTS = ["chart-funnel", "chart-channels", "chart-fairness", "chart-closures", "chart-complaints"]


def test_rpt2_gm_opens_the_monthly_report_and_sees_the_charts(live_server, page, sign_in, gm):
    report_fixture.build()
    sign_in(gm)
    page.goto(f"{live_server.url}/reports/monthly/?month=2026-03")
    assert page.locator("[data-testid=report-month]").inner_text() == "2026-03"
    for chart in CHARTS:
        canvas = page.locator(f"[data-testid={chart}]")
        canvas.wait_for()
        assert page.evaluate(
            "(id) => { const c = Chart.getChart(document.getElementById(id));"
            " return !!c && c.canvas.width > 0 && c.data.datasets.length > 0; }",
            chart,
        ), chart
    funnel = page.evaluate("Chart.getChart(document.getElementById('chart-funnel')).data")
    assert funnel["datasets"][0]["data"] == [5, 3, 2, 2]
    assert page.locator("[data-testid=contracts-count]").inner_text() == "2"
    assert page.locator("[data-testid=complaints-received]").inner_text() == "2"

    page.fill("[data-testid=month-picker]", "2026-02")
    page.click("[data-testid=month-show]")
    page.wait_for_url("**month=2026-02**")
    assert page.locator("[data-testid=report-month]").inner_text() == "2026-02"
    assert page.locator("[data-testid=contracts-count]").inner_text() == "1"
