"""Pure parts of outbound delivery: signatures, DingTalk's sign, back-off, message bodies.

No ORM, no clock, no settings: times, secrets and the site URL are arguments.
"""

import base64
import hashlib
import hmac
import json
from collections.abc import Iterable
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qsl, quote_plus, urlencode, urlsplit, urlunsplit

from django.utils.translation import gettext as _

from staff.phones import mask_phone

MAX_ATTEMPTS = 8
FIRST_DELAY = timedelta(minutes=1)
PHONE_KEYS = frozenset({"phone"})
SUMMARY_LENGTH = 60
EXCERPT_LENGTH = 500


# --- matching and masking -----------------------------------------------------------------------


def wants(event_kinds: Iterable[str], kind: str) -> bool:
    """Does a target that chose `event_kinds` receive an event of `kind`?"""
    return kind in set(event_kinds or ())


def mask_phones(data: Any) -> Any:
    """A copy of `data` with every customer phone (a "phone" key, at any depth) masked (SEC-1)."""
    if isinstance(data, dict):
        return {
            key: mask_phone(value)
            if key in PHONE_KEYS and isinstance(value, str) and value
            else mask_phones(value)
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [mask_phones(item) for item in data]
    return data


def with_urls(data: Any, site_url: str) -> Any:
    """A copy of `data` where each object with a "path" also gets its absolute "url"."""
    if isinstance(data, dict):
        copy = {key: with_urls(value, site_url) for key, value in data.items()}
        if isinstance(data.get("path"), str):
            copy["url"] = absolute_url(site_url, data["path"])
        return copy
    if isinstance(data, list):
        return [with_urls(item, site_url) for item in data]
    return data


def absolute_url(site_url: str, path: str) -> str:
    return f"{site_url.rstrip('/')}/{path.lstrip('/')}" if path else site_url


# --- back-off -----------------------------------------------------------------------------------


def next_delay(attempts: int) -> timedelta | None:
    """The wait after the `attempts`-th failed attempt: 1, 2, 4 … 64 minutes; None once
    MAX_ATTEMPTS attempts have failed (the delivery is given up, and can be redelivered)."""
    if attempts >= MAX_ATTEMPTS:
        return None
    return FIRST_DELAY * 2 ** (max(attempts, 1) - 1)


def is_success(status: int | None) -> bool:
    return status is not None and 200 <= status < 300


def robot_accepted(status: int | None, body: str) -> bool:
    """企业微信 and 钉钉 answer 200 with `{"errcode": 0}`; any other errcode is a refusal
    (wrong key, bad sign, rate limit) and is retried like a server error."""
    if not is_success(status):
        return False
    try:
        answer = json.loads(body)
    except (TypeError, ValueError):
        return True
    return not isinstance(answer, dict) or answer.get("errcode", 0) == 0


def excerpt(text: str, length: int = EXCERPT_LENGTH) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1] + "…"


# --- webhooks -----------------------------------------------------------------------------------


def webhook_body(*, event_id: str, kind: str, occurred_at: str, data: dict) -> bytes:
    """The JSON the receiver gets; the same bytes on every attempt of one delivery."""
    body = {"id": event_id, "kind": kind, "occurred_at": occurred_at, "data": data}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def webhook_signature(secret: str, timestamp: int, body: bytes) -> str:
    """`sha256=<hex>`: HMAC-SHA256 with the subscription's secret over "<timestamp>.<body>"."""
    message = f"{timestamp}.".encode() + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def webhook_headers(*, kind: str, event_id: str, timestamp: int, signature: str) -> dict:
    return {
        "Content-Type": "application/json; charset=utf-8",
        "X-Frontoffice-Event": kind,
        "X-Frontoffice-Event-Id": event_id,
        "X-Frontoffice-Timestamp": str(timestamp),
        "X-Frontoffice-Signature": signature,
    }


# --- robots -------------------------------------------------------------------------------------


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """钉钉 加签: base64(HMAC-SHA256(secret, "<timestamp>\\n<secret>")), not yet URL-encoded."""
    message = f"{timestamp_ms}\n{secret}".encode()
    digest = hmac.new(secret.encode(), message, hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def dingtalk_url(webhook_url: str, secret: str, timestamp_ms: int) -> str:
    """The robot URL with `timestamp` and `sign` added (only when a secret is set)."""
    if not secret:
        return webhook_url
    parts = urlsplit(webhook_url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    query += [("timestamp", str(timestamp_ms)), ("sign", dingtalk_sign(secret, timestamp_ms))]
    return urlunsplit(parts._replace(query=urlencode(query, quote_via=quote_plus)))


def wecom_message(title: str, text: str) -> dict:
    return {"msgtype": "markdown", "markdown": {"content": text}}


def dingtalk_message(title: str, text: str) -> dict:
    return {"msgtype": "markdown", "markdown": {"title": title, "text": text}}


def robot_json(message: dict) -> bytes:
    return json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode()


def robot_markdown(kind: str, payload: dict, site_url: str) -> tuple[str, str]:
    """(title, markdown) for a group robot: a few lines, phones masked, a link to the page.

    Text comes in the active language (the caller activates the robots' language)."""
    data = mask_phones(payload)
    subject = data.get("complaint") or data.get("lead") or data.get("leave") or {}
    title = _title(kind, subject)
    lines = [f"### {title}"]
    lines += [f"- **{label}**: {value}" for label, value in _facts(kind, data) if value]
    if subject.get("path"):
        lines.append(
            f"[{_('Open in the front office')}]({absolute_url(site_url, subject['path'])})"
        )
    return title, "\n".join(lines)


def _title(kind: str, subject: dict) -> str:
    names = {
        "customer": subject.get("customer_name", ""),
        "number": subject.get("number", ""),
        "designer": subject.get("designer") or "",
        "person": subject.get("person", ""),
    }
    titles = {
        "lead.created": _("New lead: %(customer)s"),
        "lead.dispatched": _("Lead dispatched to %(designer)s: %(customer)s"),
        "lead.measured": _("Site measured: %(customer)s"),
        "lead.signed": _("Contract signed: %(customer)s"),
        "lead.closed": _("Lead closed: %(customer)s"),
        "complaint.registered": _("New complaint %(number)s: %(customer)s"),
        "complaint.closed": _("Complaint %(number)s closed: %(customer)s"),
        "complaint.overdue": _("Complaint %(number)s is overdue: %(customer)s"),
        "leave.pending": _("Leave waiting for approval: %(person)s"),
    }
    return titles.get(kind, kind) % names


def _facts(kind: str, data: dict) -> list[tuple[str, Any]]:
    if kind.startswith("complaint."):
        return _complaint_facts(data.get("complaint", {}))
    if kind.startswith("leave."):
        return _leave_facts(data.get("leave", {}))
    lead = data.get("lead", {})
    facts = [
        (_("Customer"), _join(lead.get("customer_name"), lead.get("phone"))),
        (_("Community"), lead.get("community")),
        (_("Channel"), lead.get("channel_label")),
        (_("State"), lead.get("state_label")),
        (_("Designer"), lead.get("designer")),
    ]
    if measurement := data.get("measurement"):
        facts.append((_("Measured on"), measurement.get("measured_on")))
    if contract := data.get("contract"):
        facts.append((_("Contract"), _join(contract.get("type_label"), contract.get("number"))))
        facts.append((_("Amount"), contract.get("amount") and f"¥{contract['amount']}"))
    if closure := data.get("closure"):
        facts.append(
            (_("Closed as"), _join(closure.get("kind_label"), closure.get("reason_label")))
        )
    return facts


def _complaint_facts(complaint: dict) -> list[tuple[str, Any]]:
    summary = complaint.get("summary") or ""
    if len(summary) > SUMMARY_LENGTH:
        summary = summary[: SUMMARY_LENGTH - 1] + "…"
    return [
        (_("Customer"), _join(complaint.get("customer_name"), complaint.get("phone"))),
        (_("Category"), complaint.get("category")),
        (_("Severity"), complaint.get("severity_label")),
        (_("Status"), complaint.get("status_label")),
        (_("Overdue step"), _join(complaint.get("overdue_step"), complaint.get("due_at"))),
        (_("Complaint"), summary),
    ]


def _leave_facts(leave: dict) -> list[tuple[str, Any]]:
    return [
        (_("Employee"), _join(leave.get("person"), leave.get("department"))),
        (_("Leave type"), leave.get("type_label")),
        (_("Days"), _join(leave.get("start_day"), "–", leave.get("end_day"), leave.get("days"))),
        (_("Approver"), leave.get("approver")),
    ]


def _join(*parts: Any) -> str:
    return " ".join(str(p) for p in parts if p)
