"""Pay statements (COM-5) on real PostgreSQL: the month's row lock keeps parallel preparation,
double approval and an edit racing a submission consistent."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.utils import translation

from attendance.models import PayLine, PayMonth, PayMonthStatus, PayStatement
from attendance.services import pay as services
from leads.models import CommissionMonth
from staff.models import Department, Notification, Role
from tests.factories import StaffFactory
from tests.services import threads

pytestmark = pytest.mark.django_db(transaction=True)

BEIJING = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2026, 4, 3, 10, 0, tzinfo=BEIJING)
MARCH = dt.date(2026, 3, 1)
JOINED = dt.datetime(2020, 1, 1, 9, 0, tzinfo=BEIJING)


@pytest.fixture(autouse=True)
def _english(settings):
    """Refusals are compared in English; the racing threads start with LANGUAGE_CODE."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def office():
    hr = StaffFactory(roles=[Role.HR], department=Department.HR)
    hr2 = StaffFactory(roles=[Role.HR], department=Department.HR)
    gm = StaffFactory(roles=[Role.GM], department=Department.GM_OFFICE)
    StaffFactory.create_batch(4, roles=[Role.CS_AGENT], date_joined=JOINED)
    return hr, hr2, gm


def run_together(*jobs):
    """The jobs at the same moment, each on its own connection, on the test's clock."""
    return threads.run_together(jobs, around=lambda: time_machine.travel(NOW, tick=False))


def test_com5_two_clerks_preparing_a_new_month_at_once_make_one_set(office):
    hr, hr2, _gm = office
    outcomes = run_together(
        lambda: services.prepare_month(month=MARCH, by=hr),
        lambda: services.prepare_month(month=MARCH, by=hr2),
    )
    assert not [o for o in outcomes if isinstance(o, Exception)], outcomes
    assert sorted((o.created, o.unchanged) for o in outcomes) == [(0, 4), (4, 0)]
    assert PayMonth.objects.count() == 1
    assert PayStatement.objects.count() == 4
    assert PayLine.objects.count() == 4  # one base line each, never doubled


def test_com5_a_double_approval_approves_once(office):
    hr, _hr2, gm = office
    with time_machine.travel(NOW, tick=False):
        services.prepare_month(month=MARCH, by=hr)
        services.submit_month(month=MARCH, by=hr)
    outcomes = run_together(
        lambda: services.approve_month(month=MARCH, by=gm),
        lambda: services.approve_month(month=MARCH, by=gm),
    )
    refused = [o for o in outcomes if isinstance(o, services.PayError)]
    assert len(refused) == 1
    assert str(refused[0]) == "Only statements submitted by HR can be approved or returned."
    assert PayMonth.objects.get().status == PayMonthStatus.APPROVED
    assert CommissionMonth.objects.filter(month=MARCH).count() == 1
    assert Notification.objects.filter(recipient=hr, text__contains="approved").count() == 1


def test_com5_an_edit_racing_the_submission_lands_before_it_or_is_refused(office):
    hr, hr2, _gm = office
    with time_machine.travel(NOW, tick=False):
        services.prepare_month(month=MARCH, by=hr)
    statement = PayStatement.objects.order_by("pk").first()
    outcomes = run_together(
        lambda: services.add_line(
            statement=statement, kind="BONUS", amount=Decimal(300), note="全勤", by=hr2
        ),
        lambda: services.submit_month(month=MARCH, by=hr),
    )
    statement.refresh_from_db()
    added, _submitted = outcomes
    if isinstance(added, Exception):
        assert str(added) == (
            "These statements are with the general manager for approval; ask for them back first."
        )
        assert statement.bonuses == 0
    else:
        assert statement.bonuses == Decimal("300.00")
    assert PayMonth.objects.get().status == PayMonthStatus.SUBMITTED
