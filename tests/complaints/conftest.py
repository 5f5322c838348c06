"""Complaint fixtures: a category, a registered complaint, and walking one to a later status."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone, translation

from complaints import services
from complaints.models import ComplaintStatus
from staff.models import Department, Role
from tests.complaints.factories import category as make_category
from tests.factories import StaffFactory


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English (the source language), whatever the catalogue holds."""
    with translation.override("en"):
        yield


@pytest.fixture
def login_en():
    """login_en(user) -> a Client signed in as that user who chose English in the switcher."""

    def _login(user) -> Client:
        client = Client()
        client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return _login


@pytest.fixture
def category(db):
    return make_category()


@pytest.fixture
def engineer(db):
    """Staff of the engineering department (no manager role), who may handle its complaints."""
    return StaffFactory(
        roles=[Role.ENGINEERING], department=Department.ENGINEERING, name="工程部蒋"
    )


def register(by, category, **overrides):
    fields = {
        "channel": "PHONE",
        "received_at": timezone.now() - timedelta(minutes=30),
        "customer_name": "刘女士",
        "phone": "139 1111 2222",
        "category": category,
        "severity": "MINOR",
        "summary": "卫生间墙砖空鼓",
        **overrides,
    }
    return services.register_complaint(by=by, **fields)


@pytest.fixture
def registered(cs_agent, category):
    return register(cs_agent, category)


def walk(complaint, to: str, *, agent, manager, department=Department.ENGINEERING, handler=None):
    """Take every step up to `to` with people allowed to take them; returns the fresh complaint."""
    now = timezone.now()
    steps = [
        (
            ComplaintStatus.INVESTIGATED,
            lambda c: services.record_investigation(
                complaint=c, by=agent, findings="属实", proposal="返工"
            ),
        ),
        (
            ComplaintStatus.DECIDED,
            lambda c: services.decide_complaint(
                complaint=c,
                by=manager,
                handling_method="工长上门返工",
                responsible_department=department,
            ),
        ),
        (
            ComplaintStatus.HANDLED,
            lambda c: services.record_handling(
                complaint=c, by=handler or manager, handling_record="已返工"
            ),
        ),
        (
            ComplaintStatus.REPLIED,
            lambda c: services.record_reply(
                complaint=c, by=agent, channel="PHONE", text="已告知业主", replied_at=now
            ),
        ),
        (
            "FOLLOWED_UP",
            lambda c: services.record_follow_up(
                complaint=c, by=agent, visited_at=now, outcome="满意", satisfaction=5
            ),
        ),
        (
            ComplaintStatus.CLOSED,
            lambda c: services.close_complaint(complaint=c, by=manager, gm_report="已结案"),
        ),
    ]
    for status, step in steps:
        complaint = step(complaint)
        if status == to:
            break
    return complaint


@pytest.fixture
def walk_to(cs_agent, customer_manager):
    def _walk(complaint, to, **kwargs):
        return walk(complaint, to, agent=cs_agent, manager=customer_manager, **kwargs)

    return _walk
