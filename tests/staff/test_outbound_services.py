"""Outbound events and deliveries on the database (SEC-9, SEC-1), Celery eager, HTTP faked.

Each service that causes an event records it in its own transaction; after commit one delivery
per matching active target is sent; failures are retried with back-off; redeliver sends again.
"""

import json
from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from complaints import services as complaint_services
from dispatch.services import dispatch_lead
from leads.models import Channel
from leads.services import closures
from leads.services.intake import IntakeData, register_lead
from staff.models import Role
from staff.outbound import rules, services, transport
from staff.outbound.models import (
    Delivery,
    DeliveryStatus,
    OutboundEvent,
    RobotChannel,
    RobotKind,
    WebhookSubscription,
)
from staff.outbound.tasks import send_due_deliveries
from tests.complaints.conftest import walk
from tests.complaints.factories import category as make_category
from tests.dispatch.conftest import NOW as DISPATCH_DAY
from tests.dispatch.factories import DesignerFactory, ReadyLeadFactory
from tests.factories import StaffFactory
from tests.leads.factories import LeadFactory
from tests.leads.lifecycle_factories import measured_lead, sign

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("eager_celery")]

ALL_KINDS = ["lead.created", "lead.dispatched", "lead.measured", "lead.signed", "lead.closed"]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


class FakeReceiver:
    """Stands in for transport.post: records each request and answers from a script."""

    def __init__(self):
        self.requests: list[dict] = []
        self.answers: list[tuple[int, str]] = []

    def __call__(self, url, body, headers, *, timeout):
        self.requests.append({"url": url, "body": body, "headers": headers})
        return self.answers.pop(0) if self.answers else (200, '{"errcode":0}')

    def bodies(self) -> list[dict]:
        return [json.loads(r["body"]) for r in self.requests]


@pytest.fixture
def receiver(monkeypatch):
    fake = FakeReceiver()
    monkeypatch.setattr(transport, "post", fake)
    return fake


def webhook(kinds=ALL_KINDS, **fields) -> WebhookSubscription:
    defaults = {"name": "ERP", "url": "http://erp.example.com/hook", "secret": "s3cret"}
    return WebhookSubscription.objects.create(event_kinds=kinds, **{**defaults, **fields})


def robot(kinds=ALL_KINDS, **fields) -> RobotChannel:
    defaults = {"name": "设计部群", "kind": RobotKind.WECOM, "webhook_url": "http://qyapi/send"}
    return RobotChannel.objects.create(event_kinds=kinds, **{**defaults, **fields})


def intake(**overrides) -> IntakeData:
    fields = {
        "customer_name": "王先生",
        "phone": "138 1234 5678",
        "channel": Channel.WALK_IN,
        "consultation_date": timezone.localdate(),
        "community": "阳光小区",
        "building": "3号楼2单元501",
        "area_m2": Decimal(96),
        "budget": Decimal(45000),
    }
    return IntakeData(**{**fields, **overrides})


def kinds() -> list[str]:
    return list(OutboundEvent.objects.order_by("pk").values_list("kind", flat=True))


# --- each service records its event ---------------------------------------------------------------


def test_sec9_intake_records_lead_created_once_not_on_a_second_intake(front_desk):
    result = register_lead(data=intake(), by=front_desk)
    register_lead(data=intake(customer_name="王太太"), by=front_desk)  # same phone: attached

    event = OutboundEvent.objects.get()
    assert event.kind == "lead.created"
    lead = event.payload["lead"]
    assert (lead["id"], lead["phone"], lead["channel"]) == (
        result.lead.pk,
        "13812345678",
        "WALK_IN",
    )
    assert lead["path"] == result.lead.get_absolute_url()


def test_sec9_dispatch_records_lead_dispatched_with_the_designer(customer_manager):
    with time_machine.travel(DISPATCH_DAY, tick=False):
        designer = DesignerFactory(name="设计师韩")
        assignment = dispatch_lead(lead=ReadyLeadFactory(), by=customer_manager)

    event = OutboundEvent.objects.get()
    assert event.kind == "lead.dispatched"
    assert event.payload["assignment"]["designer"] == "设计师韩" == assignment.designer.name
    assert event.payload["lead"]["state"] == "DISPATCHED"
    assert event.payload["lead"]["designer"] == designer.name


def test_sec9_measurement_contract_and_closure_record_their_events(
    customer_manager, designer, design_manager
):
    lead = measured_lead(designer=designer, by=customer_manager)  # dispatched without the engine
    sign(lead, by=customer_manager, amount=Decimal(90000))
    other = LeadFactory()
    closure = closures.propose_closure(
        lead=other, reason="NO_PLAN", customer_words="明年再装修", by=customer_manager
    )
    closures.confirm_closure(closure=closure, by=design_manager)

    assert kinds() == ["lead.measured", "lead.signed", "lead.closed"]
    signed = OutboundEvent.objects.get(kind="lead.signed").payload
    assert (signed["lead"]["state"], signed["contract"]["amount"]) == ("SIGNED", "90000")
    closed = OutboundEvent.objects.get(kind="lead.closed").payload
    assert (closed["lead"]["state"], closed["closure"]["reason"]) == ("INVALID", "NO_PLAN")


def test_sec9_complaint_registration_and_close_record_their_events(cs_agent, customer_manager):
    complaint = complaint_services.register_complaint(
        by=cs_agent,
        channel="PHONE",
        received_at=timezone.now() - timedelta(minutes=5),
        customer_name="刘女士",
        phone="139 1111 2222",
        category=make_category(),
        severity="MINOR",
        summary="卫生间墙砖空鼓",
    )
    walk(complaint, "CLOSED", agent=cs_agent, manager=customer_manager)

    assert kinds() == ["complaint.registered", "complaint.closed"]
    closed = OutboundEvent.objects.get(kind="complaint.closed").payload["complaint"]
    assert (closed["number"], closed["status"]) == (complaint.number, "CLOSED")
    assert closed["phone"] == "13911112222"  # in full on the row; masked per receiver when sent


def register_then_fail(by) -> None:
    """The service commits nothing when the transaction around it fails afterwards."""
    with transaction.atomic():
        register_lead(data=intake(), by=by)
        assert OutboundEvent.objects.count() == 1  # written inside the service's transaction
        raise RuntimeError("the caller's transaction fails after the service")


def test_sec9_a_rolled_back_service_leaves_no_event(front_desk):
    with pytest.raises(RuntimeError, match="fails after the service"):
        register_then_fail(front_desk)
    assert not OutboundEvent.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_sec9_record_event_refuses_to_run_outside_a_transaction():
    with pytest.raises(RuntimeError, match="inside the service's transaction"):
        services.record_event("lead.created", {"lead": {}})


# --- fan-out and delivery after commit ----------------------------------------------------------


def test_sec9_after_commit_one_delivery_per_matching_active_target(
    front_desk, receiver, django_capture_on_commit_callbacks
):
    erp = webhook()
    group = robot()
    webhook(name="off", active=False)
    robot(name="complaints only", kinds=["complaint.registered"])

    with django_capture_on_commit_callbacks(execute=True):
        register_lead(data=intake(), by=front_desk)

    deliveries = Delivery.objects.order_by("pk")
    assert [(d.subscription, d.robot) for d in deliveries] == [(erp, None), (None, group)]
    assert {d.status for d in deliveries} == {DeliveryStatus.DELIVERED}
    assert [r["url"] for r in receiver.requests] == [erp.url, group.webhook_url]


def test_sec1_webhook_phones_masked_unless_trusted_and_robots_always_masked(
    front_desk, receiver, django_capture_on_commit_callbacks
):
    webhook(name="BI", url="http://bi/hook")
    webhook(name="ERP", url="http://erp/hook", trusted=True)
    robot()

    with django_capture_on_commit_callbacks(execute=True):
        register_lead(data=intake(), by=front_desk)

    by_url = {r["url"]: r for r in receiver.requests}
    assert json.loads(by_url["http://bi/hook"]["body"])["data"]["lead"]["phone"] == "138****5678"
    assert json.loads(by_url["http://erp/hook"]["body"])["data"]["lead"]["phone"] == "13812345678"
    robot_text = json.loads(by_url["http://qyapi/send"]["body"])["markdown"]["content"]
    assert "138****5678" in robot_text and "13812345678" not in robot_text


def test_sec9_webhook_is_signed_over_timestamp_and_body(
    front_desk, receiver, django_capture_on_commit_callbacks
):
    webhook()
    with django_capture_on_commit_callbacks(execute=True):
        register_lead(data=intake(), by=front_desk)

    sent = receiver.requests[0]
    event = OutboundEvent.objects.get()
    timestamp = int(sent["headers"]["X-Frontoffice-Timestamp"])
    assert sent["headers"]["X-Frontoffice-Signature"] == rules.webhook_signature(
        "s3cret", timestamp, sent["body"]
    )
    body = json.loads(sent["body"])
    assert (body["id"], body["kind"]) == (str(event.event_id), "lead.created")


def test_sec9_failed_delivery_is_retried_with_backoff_and_the_same_event_id(
    front_desk, receiver, django_capture_on_commit_callbacks
):
    webhook()
    receiver.answers = [(500, "boom"), (503, "busy")]
    with django_capture_on_commit_callbacks(execute=True):
        register_lead(data=intake(), by=front_desk)

    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("PENDING", 1, 500)
    assert delivery.last_response == "boom"
    first_retry = delivery.next_attempt_at

    send_due_deliveries.apply()  # not due yet: nothing is sent
    assert len(receiver.requests) == 1

    with time_machine.travel(first_retry + timedelta(seconds=1), tick=False):
        send_due_deliveries.apply()
    delivery.refresh_from_db()
    assert (delivery.attempts, delivery.last_status_code) == (2, 503)
    assert delivery.next_attempt_at - delivery.last_attempt_at == timedelta(minutes=2)

    with time_machine.travel(delivery.next_attempt_at + timedelta(seconds=1), tick=False):
        send_due_deliveries.apply()
        send_due_deliveries.apply()  # a second run sends nothing twice
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.DELIVERED, 3)
    assert len({b["id"] for b in receiver.bodies()}) == 1 and len(receiver.requests) == 3


def test_sec9_delivery_is_given_up_after_the_last_attempt(front_desk, receiver, monkeypatch):
    monkeypatch.setattr(rules, "MAX_ATTEMPTS", 2)
    webhook()
    receiver.answers = [(500, "")] * 3
    with transaction.atomic():
        register_lead(data=intake(), by=front_desk)
    later = timezone.now() + timedelta(minutes=2)
    with time_machine.travel(later, tick=False):
        send_due_deliveries.apply()  # fans out the event the on-commit task missed, sends once
    with time_machine.travel(later + timedelta(minutes=2), tick=False):
        send_due_deliveries.apply()

    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == ("FAILED", 2, None)


def test_sec9_periodic_job_fans_out_an_event_whose_task_never_ran(front_desk, receiver):
    webhook()
    with transaction.atomic():  # on-commit callbacks do not run in this test: as if the broker
        register_lead(data=intake(), by=front_desk)  # was down when it committed
    send_due_deliveries.apply()  # within the grace period the on-commit task is left its turn
    assert not Delivery.objects.exists()

    with time_machine.travel(timezone.now() + timedelta(minutes=2), tick=False):
        send_due_deliveries.apply()

    assert Delivery.objects.get().status == DeliveryStatus.DELIVERED
    assert OutboundEvent.objects.get().fanned_out_at is not None


def test_sec9_redeliver_sends_a_delivered_event_again(
    front_desk, receiver, django_capture_on_commit_callbacks
):
    webhook()
    with django_capture_on_commit_callbacks(execute=True):
        register_lead(data=intake(), by=front_desk)
    delivery = Delivery.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        services.redeliver(deliveries=[delivery], by=front_desk)

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.DELIVERED, 1)
    first, second = receiver.bodies()
    assert first["id"] == second["id"]


# --- admin (SEC-5): the administrator's -----------------------------------------------------------


def test_sec5_deliveries_admin_is_read_only_with_a_redeliver_action(
    admin_user, receiver, front_desk, client, django_capture_on_commit_callbacks
):
    webhook()
    with django_capture_on_commit_callbacks(execute=True):
        register_lead(data=intake(), by=front_desk)
    delivery = Delivery.objects.get()
    client.force_login(admin_user)

    url = reverse("admin:staff_delivery_changelist")
    assert client.get(url).status_code == 200
    assert client.get(reverse("admin:staff_delivery_add")).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"action": "redeliver", "_selected_action": [delivery.pk]}, follow=True
        )
    assert response.status_code == 200
    assert len(receiver.requests) == 2


def test_sec5_outbound_admin_is_closed_to_other_roles(client):
    hr = StaffFactory(roles=[Role.HR], is_staff=True)
    client.force_login(hr)
    for name in ("delivery", "webhooksubscription", "robotchannel", "outboundevent"):
        assert client.get(reverse(f"admin:staff_{name}_changelist")).status_code in (302, 403)


def test_sec9_the_periodic_job_runs_every_minute_by_default():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="staff.outbound.tasks.send_due_deliveries")
    assert (task.interval.every, task.interval.period, task.enabled) == (1, "minutes", True)
