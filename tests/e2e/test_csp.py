"""The app runs under its Content-Security-Policy in a real browser: the main pages of several
roles, htmx swaps, Bootstrap dialogs, Chart.js charts and the admin (changelist, import, export,
periodic task form) raise no CSP violation and no script error."""

import pytest

from dispatch.models import Assignment
from tests.dispatch.factories import AssignmentFactory, DesignerFactory, ReadyLeadFactory
from tests.factories import StaffFactory
from tests.leads.factories import LeadFactory
from tests.reports import report_fixture

pytestmark = pytest.mark.django_db(transaction=True)

# Every violation also fires this DOM event; Playwright's init scripts are not subject to the
# page's policy, so the listener is in place before the page's own scripts run.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""


class Watch:
    """Collects console errors, uncaught exceptions and CSP violations on one page."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.problems = []
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"JS error: {error}"))

    def _console(self, message):
        text = message.text
        if message.location.get("url", "").endswith("/favicon.ico"):
            return  # the app has no favicon; Chromium asks for one anyway
        if message.type == "error" or "Content Security Policy" in text or "Refused to" in text:
            self.problems.append(f"console {message.type}: {text} ({self.page.url})")

    def visit(self, path):
        """Open a page, check it is served under the policy, and collect what it refused."""
        response = self.page.goto(f"{self.base_url}{path}")
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"], path
        self.page.wait_for_load_state("load")
        self.check()

    def check(self):
        violations = self.page.evaluate("window.__cspViolations || []")
        self.problems += [f"CSP violation: {v} ({self.page.url})" for v in violations]
        self.page.evaluate("window.__cspViolations = []")

    def assert_clean(self):
        self.check()
        assert self.problems == []


def test_csp_front_desk_pages_and_intake_htmx_run_without_violations(
    live_server, page, sign_in, front_desk
):
    lead = LeadFactory(customer_name="陈女士", phone="13900001111")
    watch = Watch(page, live_server.url)
    sign_in(front_desk)
    for path in [
        "/",
        "/leads/",
        lead.get_absolute_url(),
        "/complaints/",
        "/attendance/",
        "/frontdesk/reception/new/",  # static/js/customer-toggle.js, as on the next one
        "/frontdesk/calls/new/",
    ]:
        watch.visit(path)
    page.select_option("[data-testid=phone-topic]", "MESSAGE")
    assert page.locator("#customer-details").is_hidden()

    watch.visit("/leads/register/")
    page.fill("[data-testid=intake-phone]", "13900001111")
    page.wait_for_selector("[data-testid=phone-check-exists]")  # the htmx duplicate check
    page.select_option("[data-testid=intake-channel]", "WALK_IN")
    assert page.is_checked("input[name=in_person]")  # static/js/intake.js
    page.select_option("[data-testid=intake-channel]", "PHONE")
    assert not page.is_checked("input[name=in_person]")
    watch.assert_clean()

    # The browser enforces the policy: a script added inline is refused, and the watch sees it.
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.__inlineRan = true'; document.body.appendChild(s); }"
    )
    assert page.evaluate("window.__inlineRan === undefined")
    watch.check()
    assert any("script-src" in problem for problem in watch.problems), watch.problems


def test_csp_dispatch_dashboard_htmx_and_dialog_run_without_violations(
    live_server, page, sign_in, customer_manager
):
    designer = DesignerFactory(employee_no="101", name="韩雪")
    AssignmentFactory(designer=designer)
    AssignmentFactory(designer=designer)  # at the weekly cap: only a forced dispatch is left
    ReadyLeadFactory(customer_name="先来的")
    lead = ReadyLeadFactory(customer_name="李秀英")
    watch = Watch(page, live_server.url)
    sign_in(customer_manager)
    watch.visit("/dispatch/")

    # Picking a lead swaps its panel in and highlights its row (static/js/dispatch.js).
    page.click(f"[data-testid=select-lead-{lead.pk}]")
    page.wait_for_selector("[data-testid=panel-customer]:has-text('李秀英')")
    assert page.locator("tr.table-active[data-queue-row]").count() == 1
    assert "table-active" in page.locator(f"[data-testid=queue-row-{lead.pk}]").get_attribute(
        "class"
    )

    # The shared reason dialog takes its target from the button and posts through htmx.
    page.click(f"[data-testid=force-{designer.pk}]")
    page.wait_for_selector("[data-testid=reason-dialog].show")
    page.fill("[data-testid=reason-input]", "客户点名要韩雪设计")
    page.click("[data-testid=reason-submit]")
    page.wait_for_selector("[data-testid=flash]")
    page.wait_for_selector("[data-testid=reason-dialog]", state="hidden")
    assert Assignment.objects.get(lead=lead).is_forced is True
    watch.assert_clean()


def test_csp_gm_monthly_report_draws_charts_without_violations(live_server, page, sign_in, gm):
    report_fixture.build()
    watch = Watch(page, live_server.url)
    sign_in(gm)
    watch.visit("/reports/monthly/?month=2026-03")
    for chart in ["chart-funnel", "chart-channels", "chart-fairness", "chart-closures"]:
        labels = page.evaluate(
            "(id) => Chart.getChart(document.getElementById(id)).data.datasets.map(d => d.label)",
            chart,
        )
        assert labels and all(labels), chart  # series labels read from data attributes
    assert page.evaluate("!!Chart.getChart(document.getElementById('chart-complaints'))")
    watch.visit("/leads/closures/analysis/")
    watch.visit("/frontdesk/quality/")
    watch.assert_clean()


def test_csp_admin_changelist_import_export_and_beat_form_run_without_violations(
    live_server, page, sign_in
):
    LeadFactory()
    admin = StaffFactory(username="csp-admin", is_staff=True, is_superuser=True)
    watch = Watch(page, live_server.url)
    sign_in(admin)
    for path in ["/admin/", "/admin/leads/lead/", "/admin/leads/lead/import/"]:
        watch.visit(path)

    # Periodic task form: the crontab's reading in words (static/js/admin-periodic-task.js).
    watch.visit("/admin/django_celery_beat/periodictask/add/")
    crontab = page.locator("#id_crontab option:not([value=''])").first
    page.select_option("#id_crontab", crontab.get_attribute("value"))
    assert "Translation: " in page.locator(".field-crontab .help").inner_text()

    # Export page: "Select all" is wired by static/js/admin-export.js, not an onchange attribute.
    watch.visit("/admin/leads/lead/export/")
    boxes = page.locator(".selectable-field-export-row input[type=checkbox]")
    toggle = page.locator("input.select-toggle[name=select-all-toggle]")
    toggle.uncheck()
    assert not boxes.first.is_checked()
    toggle.check()
    assert boxes.first.is_checked()
    watch.assert_clean()
