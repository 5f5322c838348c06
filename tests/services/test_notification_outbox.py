"""SEC-9 on real services: with the broker down, a request whose data is committed still answers,
its notification e-mail stays pending on the row, and the periodic job sends it later.

PostgreSQL (the row lock of the send) and the real Redis transport pointed at a closed port; no
worker is needed: the periodic job runs in-process so the locmem outbox can be read.
"""

import logging
import time
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from complaints.models import Complaint
from staff.models import EmailStatus, Notification, Role
from staff.tasks import send_pending_notification_emails
from tests.complaints.factories import category as make_category
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def email_on(settings):
    settings.NOTIFY_BY_EMAIL = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def register_complaint(agent) -> tuple:
    client = Client()
    client.force_login(agent)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client.post(
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


def test_sec9_request_answers_with_the_broker_down_and_the_job_sends_later(
    email_on, dead_broker, caplog
):
    agent = StaffFactory(roles=[Role.CS_AGENT], name="客服小吴")
    StaffFactory(roles=[Role.CS_AGENT], name="客服小郑")
    StaffFactory(roles=[Role.CUSTOMER_MANAGER], name="客户经理张")

    started = time.monotonic()
    with caplog.at_level(logging.ERROR, logger="staff.outbox"):
        response = register_complaint(agent)
    took = time.monotonic() - started

    assert response.status_code == 302  # not a 500: the complaint is committed
    assert Complaint.objects.count() == 1
    notes = list(Notification.objects.exclude(recipient=agent))
    assert notes, "registering notifies whoever investigates next"
    assert {n.email_status for n in notes} == {EmailStatus.PENDING}
    assert "Could not queue" in caplog.text  # the broker's refusal is logged
    assert took < 10, f"the request waited {took:.1f} s on the dead broker"
    assert mail.outbox == []

    with time_machine.travel(timezone.now() + timedelta(minutes=2), tick=False):
        send_pending_notification_emails.apply()
        send_pending_notification_emails.apply()  # a second run sends nothing twice

    assert sorted(m.to[0] for m in mail.outbox) == sorted(n.recipient.email for n in notes)
    assert set(
        Notification.objects.filter(pk__in=[n.pk for n in notes]).values_list(
            "email_status", flat=True
        )
    ) == {EmailStatus.SENT}
