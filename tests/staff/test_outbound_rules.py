"""Outbound notices, pure parts (SEC-1, SEC-9): signatures, DingTalk's sign, back-off, bodies."""

import base64
import hashlib
import hmac
import json
from datetime import timedelta
from urllib.parse import parse_qs, quote_plus, urlsplit

import pytest
from django.utils import translation

from staff.outbound import rules

LEAD = {
    "lead": {
        "id": 7,
        "customer_name": "陈先生",
        "phone": "13822223333",
        "community": "阳光小区",
        "channel_label": "Walk-in",
        "state_label": "Dispatched",
        "designer": "设计师韩",
        "path": "/leads/7/",
    }
}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_sec9_webhook_signature_is_hmac_sha256_over_timestamp_dot_body():
    body = b'{"id":"e1"}'
    expected = hmac.new(b"s3cret", b'1700000000.{"id":"e1"}', hashlib.sha256).hexdigest()
    assert rules.webhook_signature("s3cret", 1700000000, body) == f"sha256={expected}"


def test_sec9_webhook_signature_changes_with_secret_timestamp_and_body():
    base = rules.webhook_signature("a", 1, b"x")
    assert base != rules.webhook_signature("b", 1, b"x")
    assert base != rules.webhook_signature("a", 2, b"x")
    assert base != rules.webhook_signature("a", 1, b"y")


def test_sec9_webhook_body_has_id_kind_time_and_data_and_is_stable():
    args = {"event_id": "e1", "kind": "lead.created", "occurred_at": "2026-07-15T10:00:00+08:00"}
    body = rules.webhook_body(**args, data={"b": 1, "a": "陈"})
    assert json.loads(body) == {
        "id": "e1",
        "kind": "lead.created",
        "occurred_at": "2026-07-15T10:00:00+08:00",
        "data": {"b": 1, "a": "陈"},
    }
    assert body == rules.webhook_body(**args, data={"a": "陈", "b": 1})  # same bytes each time


def test_sec9_webhook_headers_name_the_event_and_carry_the_signature():
    headers = rules.webhook_headers(
        kind="lead.signed", event_id="e1", timestamp=5, signature="sha256=ab"
    )
    assert headers["X-Frontoffice-Event"] == "lead.signed"
    assert headers["X-Frontoffice-Timestamp"] == "5"
    assert headers["X-Frontoffice-Signature"] == "sha256=ab"


def test_dingtalk_sign_follows_the_documented_scheme():
    secret, timestamp = "SEC123", 1700000000000
    digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    assert rules.dingtalk_sign(secret, timestamp) == base64.b64encode(digest).decode()


def test_dingtalk_url_keeps_the_token_and_adds_timestamp_and_urlencoded_sign():
    url = rules.dingtalk_url("https://oapi.dingtalk.com/robot/send?access_token=T", "SEC1", 42)
    query = parse_qs(urlsplit(url).query)
    assert query["access_token"] == ["T"]
    assert query["timestamp"] == ["42"]
    assert query["sign"] == [rules.dingtalk_sign("SEC1", 42)]  # parse_qs undoes the encoding
    assert f"sign={quote_plus(rules.dingtalk_sign('SEC1', 42))}" in url  # URL-encoded


def test_dingtalk_url_unchanged_without_a_secret():
    assert rules.dingtalk_url("https://x/robot/send?access_token=T", "", 42).endswith("T")


def test_sec9_backoff_doubles_from_one_minute_then_gives_up():
    delays = [rules.next_delay(n) for n in range(1, rules.MAX_ATTEMPTS + 1)]
    assert delays[:4] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert delays[-1] is None  # the last allowed attempt failed: given up
    assert all(d is not None for d in delays[:-1])


def test_sec1_phones_are_masked_at_any_depth():
    masked = rules.mask_phones({"lead": {"phone": "13822223333"}, "list": [{"phone": ""}]})
    assert masked == {"lead": {"phone": "138****3333"}, "list": [{"phone": ""}]}


def test_robot_markdown_masks_the_phone_and_links_back_to_the_page():
    title, text = rules.robot_markdown("lead.dispatched", LEAD, "https://crm.example.com/")
    assert title == "Lead dispatched to 设计师韩: 陈先生"
    assert "138****3333" in text and "13822223333" not in text
    assert "(https://crm.example.com/leads/7/)" in text
    assert text.startswith(f"### {title}")


def test_robot_markdown_of_a_complaint_shortens_the_summary():
    complaint = {
        "number": "TS2026-0001",
        "customer_name": "刘女士",
        "phone": "13911112222",
        "summary": "墙" * 100,
        "path": "/complaints/1/",
    }
    title, text = rules.robot_markdown("complaint.registered", {"complaint": complaint}, "http://h")
    assert title == "New complaint TS2026-0001: 刘女士"
    assert "139****2222" in text
    assert "墙" * 100 not in text and "…" in text


def test_robot_markdown_of_an_overdue_complaint_names_the_late_step():
    complaint = {
        "number": "TS2026-0002",
        "customer_name": "赵先生",
        "overdue_step": "Reply to the customer",
        "due_at": "2026-03-02T18:00:00+08:00",
        "path": "/complaints/2/",
    }
    title, text = rules.robot_markdown("complaint.overdue", {"complaint": complaint}, "http://h")
    assert title == "Complaint TS2026-0002 is overdue: 赵先生"
    assert "Reply to the customer 2026-03-02T18:00:00+08:00" in text


def test_robot_markdown_of_leave_waiting_names_the_person_and_approver():
    leave = {
        "person": "孙丽",
        "department": "Customer service",
        "type_label": "Personal leave",
        "start_day": "2026-03-16",
        "end_day": "2026-03-17",
        "days": "2.0",
        "approver": "张敏",
        "path": "/attendance/leave/5/",
    }
    title, text = rules.robot_markdown("leave.pending", {"leave": leave}, "https://crm.example.com")
    assert title == "Leave waiting for approval: 孙丽"
    assert "张敏" in text and "Personal leave" in text
    assert "(https://crm.example.com/attendance/leave/5/)" in text


def test_robot_messages_are_markdown_for_each_robot():
    assert rules.wecom_message("t", "x") == {"msgtype": "markdown", "markdown": {"content": "x"}}
    assert rules.dingtalk_message("t", "x") == {
        "msgtype": "markdown",
        "markdown": {"title": "t", "text": "x"},
    }


@pytest.mark.parametrize(
    ("status", "body", "accepted"),
    [
        (200, '{"errcode":0,"errmsg":"ok"}', True),
        (200, '{"errcode":310000,"errmsg":"sign not match"}', False),
        (500, "", False),
        (None, "", False),
        (200, "ok", True),
    ],
)
def test_robot_answer_is_accepted_only_with_errcode_zero(status, body, accepted):
    assert rules.robot_accepted(status, body) is accepted


def test_targets_get_only_the_kinds_they_chose():
    assert rules.wants(["lead.created"], "lead.created")
    assert not rules.wants(["lead.created"], "lead.closed")
    assert not rules.wants([], "lead.created")


def test_webhook_data_gets_absolute_urls_beside_paths():
    data = rules.with_urls({"lead": {"path": "/leads/7/"}}, "https://crm.example.com")
    assert data["lead"]["url"] == "https://crm.example.com/leads/7/"
