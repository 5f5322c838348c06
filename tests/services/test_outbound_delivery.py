"""Outbound webhooks and robots on real services (SEC-9): PostgreSQL, Redis, the real worker, and a
real HTTP receiver on 127.0.0.1 (a random port, in a thread, started by each test).

- a robot message and a webhook arrive with the right body and signature (worker);
- a receiver that answers 500 three times then 200 gets the event on every attempt and the
  delivery ends delivered (later attempts driven by the periodic job with a moved clock);
- the broker on a closed port loses no event: the request answers, the periodic job delivers.
"""

import json
import logging
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from leads.models import Channel
from leads.services.intake import IntakeData, register_lead
from staff.models import Role
from staff.outbound import rules
from staff.outbound.models import (
    Delivery,
    DeliveryStatus,
    OutboundEvent,
    RobotChannel,
    RobotKind,
    WebhookSubscription,
)
from staff.outbound.tasks import send_due_deliveries
from tests.complaints.factories import category as make_category
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db(transaction=True)

SECRET = "whsec-test"
DING_SECRET = "SEC-ding-test"


class Receiver:
    """A local HTTP server that records every POST and answers from a script (default 200)."""

    def __init__(self):
        self.requests: list[dict] = []
        self.statuses: list[int] = []
        received = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - the http.server API
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                received.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "body": body}
                )
                status = received.statuses.pop(0) if received.statuses else 200
                answer = json.dumps({"errcode": 0 if status == 200 else 1}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def wait_for(self, count: int, seconds: float = 30) -> list[dict]:
        deadline = time.monotonic() + seconds
        while len(self.requests) < count and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(self.requests) >= count, f"{len(self.requests)} of {count} requests arrived"
        return self.requests


@pytest.fixture
def receiver():
    server = Receiver()
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


def subscribe(receiver, kinds, **fields) -> WebhookSubscription:
    return WebhookSubscription.objects.create(
        name="ERP", url=f"{receiver.url}/hook", secret=SECRET, event_kinds=kinds, **fields
    )


def register(by):
    data = IntakeData(
        customer_name="王先生",
        phone="138 1234 5678",
        channel=Channel.WALK_IN,
        consultation_date=timezone.localdate(),
        community="阳光小区",
        building="3号楼2单元501",
    )
    return register_lead(data=data, by=by).lead


def wait_until(condition, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert condition(), "timed out"


def test_sec9_worker_delivers_a_signed_webhook_and_robot_messages(live_worker, receiver):
    subscribe(receiver, ["lead.created"])
    RobotChannel.objects.create(
        name="钉钉群",
        kind=RobotKind.DINGTALK,
        webhook_url=f"{receiver.url}/dingtalk?access_token=T",
        secret=DING_SECRET,
        event_kinds=["lead.created"],
    )
    RobotChannel.objects.create(
        name="企业微信群",
        kind=RobotKind.WECOM,
        webhook_url=f"{receiver.url}/wecom?key=K",
        event_kinds=["lead.created"],
    )
    front_desk = StaffFactory(roles=[Role.FRONT_DESK])

    lead = register(front_desk)  # commits; the worker fans out and sends

    by_path = {urlsplit(r["path"]).path: r for r in receiver.wait_for(3)}
    event = OutboundEvent.objects.get()
    hook = by_path["/hook"]
    timestamp = int(hook["headers"]["X-Frontoffice-Timestamp"])
    assert hook["headers"]["X-Frontoffice-Signature"] == rules.webhook_signature(
        SECRET, timestamp, hook["body"]
    )
    assert hook["headers"]["X-Frontoffice-Event"] == "lead.created"
    body = json.loads(hook["body"])
    assert (body["id"], body["kind"]) == (str(event.event_id), "lead.created")
    assert body["data"]["lead"]["id"] == lead.pk
    assert body["data"]["lead"]["phone"] == "138****5678"  # not a trusted subscription

    query = parse_qs(urlsplit(by_path["/dingtalk"]["path"]).query)
    assert query["access_token"] == ["T"]
    assert query["sign"] == [rules.dingtalk_sign(DING_SECRET, int(query["timestamp"][0]))]
    ding = json.loads(by_path["/dingtalk"]["body"])
    assert ding["msgtype"] == "markdown" and "138****5678" in ding["markdown"]["text"]
    assert f"{settings.SITE_URL.rstrip('/')}/leads/{lead.pk}/" in ding["markdown"]["text"]
    wecom = json.loads(by_path["/wecom"]["body"])
    assert wecom["msgtype"] == "markdown" and "138****5678" in wecom["markdown"]["content"]
    wait_until(lambda: Delivery.objects.filter(status=DeliveryStatus.DELIVERED).count() == 3)


def test_sec9_receiver_failing_three_times_then_recovering_gets_the_event_delivered(
    live_worker, receiver
):
    subscribe(receiver, ["lead.created"])
    receiver.statuses = [500, 500, 500]
    register(StaffFactory(roles=[Role.FRONT_DESK]))

    wait_until(lambda: Delivery.objects.filter(attempts=1).exists())  # the worker's first try
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.last_status_code) == (DeliveryStatus.PENDING, 500)
    for _ in range(3):  # the periodic job, each time just after the back-off
        with time_machine.travel(delivery.next_attempt_at + timedelta(seconds=1), tick=False):
            send_due_deliveries.apply()
        delivery.refresh_from_db()

    assert (delivery.status, delivery.attempts) == (DeliveryStatus.DELIVERED, 4)
    assert delivery.last_status_code == 200
    ids = {json.loads(r["body"])["id"] for r in receiver.requests}
    assert len(receiver.requests) == 4 and ids == {str(OutboundEvent.objects.get().event_id)}


def test_sec9_broker_down_loses_no_event_and_the_request_answers(dead_broker, receiver, caplog):
    RobotChannel.objects.create(
        name="客服群",
        kind=RobotKind.WECOM,
        webhook_url=f"{receiver.url}/wecom?key=K",
        event_kinds=["complaint.registered"],
    )
    agent = StaffFactory(roles=[Role.CS_AGENT], name="客服小吴")
    StaffFactory(roles=[Role.CUSTOMER_MANAGER], name="客户经理张")
    client = Client()
    client.force_login(agent)

    with caplog.at_level(logging.ERROR, logger="staff.outbox"):
        response = client.post(
            reverse("complaints:create"),
            {
                "channel": "PHONE",
                "received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
                "customer_name": "陈先生",
                "phone": "138-2222-3333",
                "category": make_category().pk,
                "severity": "MAJOR",
                "summary": "木工未按时进场",
            },
        )

    assert response.status_code == 302  # committed, not a 500
    event = OutboundEvent.objects.get()
    assert event.kind == "complaint.registered" and event.fanned_out_at is None
    assert "Could not queue staff.outbound.tasks.fan_out_event" in caplog.text
    assert receiver.requests == []

    with time_machine.travel(timezone.now() + timedelta(minutes=2), tick=False):
        send_due_deliveries.apply()  # the periodic job: fan out, then send

    sent = receiver.wait_for(1)
    text = json.loads(sent[0]["body"])["markdown"]["content"]
    assert "138****3333" in text and "13822223333" not in text
    assert Delivery.objects.get().status == DeliveryStatus.DELIVERED
