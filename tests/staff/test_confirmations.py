"""Issue 15: irreversible or money-moving actions ask to confirm (and, for an out-of-rotation
pick, give a reason); htmx buttons show a busy state; the wording of finding 6 is fixed.
English msgids are asserted; the Chinese comes with the merged .pending-po/ui15a.po."""

from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from complaints.forms import CloseForm
from staff.admin import role_label
from staff.models import Role

TEMPLATES = Path(settings.BASE_DIR) / "templates"
STATIC = Path(settings.BASE_DIR) / "static"


def source(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


# ---------------------------------------------------------------- confirmations (finding 9)


def test_locking_a_pay_month_asks_to_confirm():
    button = next(
        line for line in source("attendance/pay_month.html").splitlines() if "approve-month" in line
    )
    assert "data-confirm=" in button and "lock the month" in button


def test_confirming_a_closure_asks_to_confirm():
    button = next(
        line
        for line in source("leads/closure_detail.html").splitlines()
        if 'data-testid="confirm-closure"' in line
    )
    assert "data-confirm=" in button


@pytest.mark.parametrize(("score", "asks"), [(1, True), (2, True), (3, False), (None, False)])
def test_closing_a_complaint_after_low_satisfaction_asks_to_confirm(score, asks):
    form = CloseForm(action_url="/x/", satisfaction=score)
    confirm = form.helper.attrs.get("data-confirm")
    assert bool(confirm) is asks
    if asks:
        assert f"{score} of 5" in str(confirm)


def test_out_of_rotation_pick_opens_the_reason_dialog_and_forced_dispatch_too():
    panel = source("dispatch/_panel.html")
    start = panel.index('data-testid="dispatch-to-')
    button = panel[panel.rindex("<button", 0, start) : start]
    assert 'data-bs-target="#reason-dialog"' in button  # a dialog, not a one-click dispatch
    assert "dispatch:dispatch" in button and "data-designer=" in button
    dialog = source("dispatch/_reason_dialog.html")
    assert 'name="reason"' in dialog and "required" in dialog


def test_dispatch_keeps_the_reason_of_a_pick_out_of_rotation():
    code = (Path(settings.BASE_DIR) / "dispatch/services/dispatching.py").read_text()
    assert 'reason=reason.strip() if held else ""' not in code


def test_app_js_confirms_and_marks_htmx_buttons_busy():
    script = (STATIC / "js/app.js").read_text(encoding="utf-8")
    assert "data-confirm" in script
    assert "htmx:beforeRequest" in script and "htmx:afterRequest" in script
    assert "button.disabled = true" in script
    css = (STATIC / "css/app.css").read_text(encoding="utf-8")
    assert ".is-busy::after" in css


# ---------------------------------------------------------------- wording (finding 6)


def test_rotation_badge_says_next_in_rotation_not_next_page():
    assert '{% translate "Next in rotation" %}' in source("dispatch/_panel.html")
    assert '{% translate "Next" %}' not in source("dispatch/_panel.html")


def test_reception_log_heads_the_visit_purpose():
    log = source("frontdesk/reception_log.html")
    assert '{% translate "Visit purpose" %}' in log and '{% translate "Purpose" %}' not in log
    from frontdesk.forms.logs import ReceptionForm

    assert str(ReceptionForm.base_fields["purpose"].label) == "Visit purpose"


def test_callback_open_tab_is_a_status_not_the_verb():
    assert '{% translate "Open" context "callback status" %}' in source("leads/callback_list.html")


def test_leave_approval_progress_is_in_words():
    for name in ("attendance/approvals.html", "attendance/leave_list.html"):
        assert "○" not in source(name) and "✓" not in source(name)
    approvals = [
        SimpleNamespace(
            level=1,
            approver=SimpleNamespace(get_full_name="张敏"),
            decision="APPROVED",
            get_decision_display="Approved",
        ),
        SimpleNamespace(
            level=2,
            approver=SimpleNamespace(get_full_name="王建国"),
            decision="",
            get_decision_display="",
        ),
    ]
    html = render_to_string("attendance/_approval_progress.html", {"approvals": approvals})
    text = " ".join(html.replace("<", " <").split())
    assert "Level 1 张敏 Approved" in text and "Level 2 王建国 Pending approval" in text
    assert "→" in text


def test_holiday_page_speaks_plain_words():
    assert "chinese-calendar" not in source("attendance/holidays.html")


def test_intake_and_edit_forms_label_the_same_field_the_same_way():
    from leads.forms import IntakeForm, LeadEditForm

    for name in LeadEditForm.base_fields:
        assert str(LeadEditForm.base_fields[name].label) == str(IntakeForm.base_fields[name].label)


def test_roles_read_as_labels_not_codes():
    assert role_label("CS_AGENT") == str(Role.CS_AGENT.label)
    assert role_label("SOMETHING_ELSE") == "SOMETHING_ELSE"


@pytest.mark.django_db
def test_admin_lists_role_labels(client, admin_user, cs_agent):
    client.force_login(admin_user)
    staff_page = client.get(reverse("admin:staff_staff_changelist")).content.decode()
    assert str(Role.CS_AGENT.label) in staff_page
    groups_page = client.get(reverse("admin:auth_group_changelist")).content.decode()
    assert str(Role.CS_AGENT.label) in groups_page
