"""CB-1 on real services: the reminder task through the Redis broker and a real Celery worker,
and reminder runs, contract numbers and closure decisions racing on PostgreSQL.

The worker uses the pytest database (test_<name>), so every test commits its rows
(transaction=True) before sending the task, then polls the database for the effect.
"""

import time
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone, translation

from leads.models import Callback, Closure, Contract, LeadEvent, LeadState
from leads.services import closures
from leads.services.callbacks import send_due_reminders
from leads.services.contracts import record_contract
from leads.services.errors import LeadError
from leads.tasks import send_callback_reminders
from staff.models import Notification, Role
from tests.factories import StaffFactory
from tests.leads.factories import LeadFactory
from tests.leads.lifecycle_factories import CallbackFactory, measured_lead
from tests.services import threads

pytestmark = pytest.mark.django_db(transaction=True)
PARALLEL = 8


def run_together(jobs) -> list:
    """The jobs at the same instant (messages are asserted in English)."""
    return threads.run_together(jobs, around=lambda: translation.override("en"))


def wait_for(check, timeout: float = 30.0) -> bool:
    """Poll the database until `check()` is true (the worker commits on its own connection)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return check()


@pytest.fixture
def worker_disconnected():
    """The worker keeps its database connection open between tasks (DATABASE_CONN_MAX_AGE); end
    it after the test, or PostgreSQL refuses to drop the test database at the end of the run."""
    yield
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


def test_cb1_reminder_task_runs_on_the_real_worker_and_sends_once(live_worker, worker_disconnected):
    agent = StaffFactory(roles=[Role.CS_AGENT], name="客服小吴")
    callback = CallbackFactory(assignee=agent, due_at=timezone.now() - timedelta(minutes=20))

    send_callback_reminders.delay()

    assert wait_for(lambda: Callback.objects.get(pk=callback.pk).reminded_at is not None)
    assert wait_for(lambda: Notification.objects.filter(recipient=agent).count() == 1)
    # Two more runs, at once, through the broker: nothing is sent again.
    again = [send_callback_reminders.delay(), send_callback_reminders.delay()]
    assert [result.get(timeout=30) for result in again] == [{"reminded": 0, "escalated": 0}] * 2
    assert Notification.objects.filter(recipient=agent).count() == 1


def test_cb1_parallel_runs_remind_each_callback_exactly_once():
    agent = StaffFactory(roles=[Role.CS_AGENT])
    boss = StaffFactory(roles=[Role.CUSTOMER_MANAGER])
    agent.supervisor = boss
    agent.save()
    overdue = timezone.now() - timedelta(days=2)
    CallbackFactory.create_batch(10, assignee=agent, due_at=overdue)
    now = timezone.now()

    runs = run_together([lambda: send_due_reminders(now=now) for _ in range(PARALLEL)])

    assert not [r for r in runs if isinstance(r, Exception)], runs
    assert sum(r.reminded for r in runs) == 10
    assert sum(r.escalated for r in runs) == 10
    assert Notification.objects.filter(recipient=agent).count() == 10
    assert Notification.objects.filter(recipient=boss).count() == 10


def test_life2_parallel_contracts_with_one_number_record_one():
    manager = StaffFactory(roles=[Role.CUSTOMER_MANAGER])
    StaffFactory(roles=[Role.DESIGN_MANAGER])
    designer = StaffFactory(roles=[Role.DESIGNER])
    leads = [measured_lead(designer=designer, by=manager) for _ in range(4)]

    def sign(lead):
        return lambda: record_contract(
            lead=lead,
            number="HT-RACE-1",
            contract_type="DESIGN",
            amount=Decimal(10000),
            signed_on=timezone.localdate(),
            by=manager,
        )

    results = run_together([sign(lead) for lead in leads])

    refused = [r for r in results if isinstance(r, LeadError)]
    assert len(refused) == 3
    with translation.override("en"):
        assert {str(r) for r in refused} == {"Contract number HT-RACE-1 is already recorded."}
    assert Contract.objects.filter(number="HT-RACE-1").count() == 1


def test_close2_two_design_managers_deciding_at_once_decide_once():
    manager = StaffFactory(roles=[Role.CUSTOMER_MANAGER])
    deciders = [StaffFactory(roles=[Role.DESIGN_MANAGER]) for _ in range(PARALLEL)]
    lead = LeadFactory()
    closure = closures.propose_closure(
        lead=lead, reason="NO_PLAN", customer_words="暂不装修", by=manager
    )

    results = run_together(
        [lambda d=d: closures.confirm_closure(closure=closure, by=d, note="属实") for d in deciders]
    )

    assert sum(1 for r in results if isinstance(r, Closure)) == 1
    with translation.override("en"):  # the rules' messages are lazy
        refused = {str(r) for r in results if isinstance(r, LeadError)}
    assert refused == {"This closure has already been decided."}
    lead.refresh_from_db()
    assert lead.state == LeadState.INVALID
    assert lead.events.filter(kind=LeadEvent.Kind.CLOSURE_CONFIRMED).count() == 1
