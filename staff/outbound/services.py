"""Outbound events: recorded in the causing service's transaction (the outbox, SEC-9), fanned out
after commit into one delivery per matching target, and delivered at least once from the rows.

Every send of a delivery carries the same event id; a failure is recorded on the row and retried
with exponential back-off (`rules.next_delay`) by the periodic job, so a broker or receiver outage
loses nothing and never fails the request that caused the event.
"""

import logging
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from ..outbox import enqueue_after_commit
from . import rules, transport
from .models import (
    Delivery,
    DeliveryStatus,
    EventKind,
    OutboundEvent,
    RobotChannel,
    RobotKind,
    WebhookSubscription,
)

logger = logging.getLogger(__name__)

# The on-commit task fans an event out at once; the periodic job leaves it that long so as not
# to race it (the row lock would stop a double fan-out anyway).
GRACE = timedelta(minutes=1)
BATCH_SIZE = 200


def record_event(kind: str, payload: dict) -> OutboundEvent:
    """Write the outbox row inside the caller's transaction; delivery starts after its commit.

    Raises outside a transaction: an event written apart from its change could outlive a
    rolled-back change, or be lost with a committed one."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record_event() must run inside the service's transaction")
    event = OutboundEvent.objects.create(kind=EventKind(kind), payload=payload)
    from .tasks import fan_out_event

    enqueue_after_commit(fan_out_event, event.pk)
    return event


@transaction.atomic
def fan_out(event_id: int, *, now: datetime) -> list[int]:
    """One pending delivery per active target that wants the event; the new deliveries' ids."""
    # Race: the on-commit task and the periodic job may fan out the same event. The row lock
    # lets one do it; the other skips the locked row and later finds it done.
    event = (
        OutboundEvent.objects.select_for_update(skip_locked=True)
        .filter(pk=event_id, fanned_out_at__isnull=True)
        .first()
    )
    if event is None:
        return []
    rows = [
        Delivery(event=event, subscription=target, next_attempt_at=now)
        for target in WebhookSubscription.objects.filter(active=True)
        if rules.wants(target.event_kinds, event.kind)
    ] + [
        Delivery(event=event, robot=target, next_attempt_at=now)
        for target in RobotChannel.objects.filter(active=True)
        if rules.wants(target.event_kinds, event.kind)
    ]
    Delivery.objects.bulk_create(rows)
    OutboundEvent.objects.filter(pk=event.pk).update(fanned_out_at=now)
    return [row.pk for row in rows]


def deliver(delivery_id: int, *, now: datetime) -> bool:
    """Send one due delivery; True if the receiver accepted it now. Delivered, given-up, not yet
    due and unknown rows are left alone, so a double run (task and job) sends once."""
    with transaction.atomic():
        # Race: the on-commit task and the periodic job may pick the same row. The lock lets
        # one send; the other skips it, and a later run finds it delivered or rescheduled.
        delivery = (
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("event", "subscription", "robot")
            .filter(pk=delivery_id, status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
            .first()
        )
        if delivery is None:
            return False
        request = build_request(delivery, now=now)
        try:
            status, answer = transport.post(
                request.url, request.body, request.headers, timeout=settings.OUTBOUND_TIMEOUT
            )
        except Exception as exc:  # noqa: BLE001 - any failure is recorded and retried later
            status, answer = None, f"{type(exc).__name__}: {exc}"
        accepted = (
            rules.robot_accepted(status, answer) if delivery.robot_id else rules.is_success(status)
        )
        return _record_attempt(delivery, status, answer, accepted=accepted, now=now)


def send_due(*, now: datetime, batch_size: int = BATCH_SIZE) -> int:
    """The periodic job: fan out events the on-commit task missed, then send every due delivery
    once (ids only move forward), until OUTBOUND_RUN_SECONDS are spent. Returns how many went."""
    stale = OutboundEvent.objects.filter(fanned_out_at__isnull=True, created_at__lte=now - GRACE)
    for event_id in stale.order_by("pk").values_list("pk", flat=True)[:batch_size]:
        fan_out(event_id, now=now)
    due = Delivery.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
    deadline = time.monotonic() + settings.OUTBOUND_RUN_SECONDS
    sent, last_pk = 0, 0
    while ids := list(
        due.filter(pk__gt=last_pk).order_by("pk").values_list("pk", flat=True)[:batch_size]
    ):
        for pk in ids:
            if time.monotonic() > deadline:  # the rest is due on the next run
                return sent
            sent += deliver(pk, now=now)
        last_pk = ids[-1]
    return sent


@transaction.atomic
def redeliver(*, deliveries, by) -> int:
    """Send these deliveries again (the admin's action), as new: attempts start over."""
    ids = [d.pk for d in deliveries]
    count = Delivery.objects.filter(pk__in=ids).update(
        status=DeliveryStatus.PENDING, attempts=0, next_attempt_at=timezone.now(), delivered_at=None
    )
    logger.info("%s asked to redeliver outbound deliveries %s", by, ids)
    from .tasks import deliver_delivery

    for pk in ids:
        enqueue_after_commit(deliver_delivery, pk)
    return count


# --- building the request -----------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    url: str
    body: bytes
    headers: dict


def build_request(delivery: Delivery, *, now: datetime) -> Request:
    if delivery.subscription_id:
        return _webhook_request(delivery.event, delivery.subscription, now)
    return _robot_request(delivery.event, delivery.robot, now)


def _webhook_request(event: OutboundEvent, target: WebhookSubscription, now: datetime) -> Request:
    """Signed JSON; phones in full only for a trusted subscription (SEC-1)."""
    data = event.payload if target.trusted else rules.mask_phones(event.payload)
    body = rules.webhook_body(
        event_id=str(event.event_id),
        kind=event.kind,
        occurred_at=event.created_at.isoformat(),
        data=rules.with_urls(data, settings.SITE_URL),
    )
    timestamp = int(now.timestamp())
    signature = rules.webhook_signature(target.secret, timestamp, body)
    headers = rules.webhook_headers(
        kind=event.kind, event_id=str(event.event_id), timestamp=timestamp, signature=signature
    )
    return Request(target.url, body, headers)


def _robot_request(event: OutboundEvent, target: RobotChannel, now: datetime) -> Request:
    """A short markdown message in the robots' language; phones always masked (SEC-1)."""
    with translation.override(settings.OUTBOUND_LANGUAGE):
        title, text = rules.robot_markdown(event.kind, event.payload, settings.SITE_URL)
    if target.kind == RobotKind.DINGTALK:
        message = rules.dingtalk_message(title, text)
        url = rules.dingtalk_url(target.webhook_url, target.secret, int(now.timestamp() * 1000))
    else:
        message, url = rules.wecom_message(title, text), target.webhook_url
    headers = {"Content-Type": "application/json; charset=utf-8"}
    return Request(url, rules.robot_json(message), headers)


def _record_attempt(
    delivery: Delivery, status: int | None, answer: str, *, accepted: bool, now: datetime
) -> bool:
    attempts = delivery.attempts + 1
    fields = {
        "attempts": attempts,
        "last_attempt_at": now,
        "last_status_code": status,
        "last_response": rules.excerpt(answer),
    }
    if accepted:
        fields.update(status=DeliveryStatus.DELIVERED, delivered_at=now, next_attempt_at=None)
    else:
        delay = rules.next_delay(attempts)
        (logger.warning if delay else logger.error)(
            "Outbound delivery %s to %s failed (attempt %s, status %s)%s",
            delivery.pk,
            delivery.target,
            attempts,
            status,
            "" if delay else "; giving up",
        )
        fields.update(
            status=DeliveryStatus.PENDING if delay else DeliveryStatus.FAILED,
            next_attempt_at=now + delay if delay else None,
        )
    Delivery.objects.filter(pk=delivery.pk).update(**fields)
    return accepted
