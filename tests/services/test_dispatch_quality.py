"""QG-1 on real PostgreSQL: a dispatch while a hold starts never picks the held designer
automatically. The hold's evaluation and the dispatch lock the same designer rows in the same
order, so the dispatch either waits for the hold (and sees it) or finishes before it starts.
"""

import datetime
import threading
import time

import pytest
from django.db import connection, transaction
from django.utils import timezone, translation

from dispatch.models import Assignment, QualityHold, Skip
from dispatch.services import dispatch_lead, evaluate_quality_holds
from leads.models import LeadState
from staff.models import Role
from tests.dispatch.factories import AssignmentFactory, DesignerFactory, ReadyLeadFactory
from tests.dispatch.quality_facts import EARLIER, responsible_complaint
from tests.factories import StaffFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("eager_celery")]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _in_thread(work, results: dict, key: str) -> threading.Thread:
    def target() -> None:
        try:
            with translation.override("en"):
                results[key] = work()
        except Exception as exc:  # noqa: BLE001 - asserted by the test
            results[key] = exc
        finally:
            results[f"{key}_at"] = time.monotonic()
            connection.close()

    thread = threading.Thread(target=target)
    thread.start()
    return thread


def _dispatched_later(designer) -> None:
    """A lead dispatched after the held designer's last one (EARLIER ago), long measured."""
    when = timezone.now() - EARLIER + datetime.timedelta(days=1)
    AssignmentFactory(designer=designer, dispatched_at=when, lead__state=LeadState.MEASURED)


def test_qg1_a_dispatch_waiting_on_a_starting_hold_never_picks_the_held_designer():
    manager = StaffFactory(roles=[Role.CUSTOMER_MANAGER])
    held = DesignerFactory(employee_no="1")
    other = DesignerFactory(employee_no="2")
    today = timezone.localdate()
    responsible_complaint(held, today - datetime.timedelta(days=1))
    _dispatched_later(other)  # so the held designer is first in rotation, but for the hold
    lead = ReadyLeadFactory()
    inserted, release = threading.Event(), threading.Event()
    results: dict = {}

    def start_hold_and_wait():
        with transaction.atomic():
            started = evaluate_quality_holds(today=today)
            inserted.set()
            release.wait(timeout=20)  # the hold is written, not yet committed
        return started

    def dispatch():
        inserted.wait(timeout=20)
        return dispatch_lead(lead=lead, by=manager)

    hold_thread = _in_thread(start_hold_and_wait, results, "hold")
    dispatch_thread = _in_thread(dispatch, results, "dispatch")
    inserted.wait(timeout=20)
    time.sleep(1.0)  # the dispatch is now waiting on the designers' row locks
    assert "dispatch" not in results, "the dispatch did not wait for the hold's transaction"
    released_at = time.monotonic()
    release.set()
    hold_thread.join(timeout=30)
    dispatch_thread.join(timeout=30)

    assert [h.designer_id for h in results["hold"]] == [held.pk]
    assignment = results["dispatch"]
    assert isinstance(assignment, Assignment), assignment
    assert results["dispatch_at"] >= released_at
    assert assignment.designer_id == other.pk
    assert Skip.objects.get(assignment=assignment).reason == Skip.Reason.QUALITY_HOLD


def test_qg1_simultaneous_holds_and_dispatches_never_hand_a_held_designer_a_lead():
    manager = StaffFactory(roles=[Role.CUSTOMER_MANAGER])
    today = timezone.localdate()
    for round_no in range(4):
        held = DesignerFactory(employee_no=str(10 * round_no + 1))
        other = DesignerFactory(employee_no=str(10 * round_no + 2))
        responsible_complaint(held, today - datetime.timedelta(days=1))
        _dispatched_later(other)
        lead = ReadyLeadFactory()
        barrier = threading.Barrier(2)
        results: dict = {}

        def evaluate(barrier=barrier):
            barrier.wait(timeout=20)
            return evaluate_quality_holds(today=today)

        def dispatch(barrier=barrier, lead=lead):
            barrier.wait(timeout=20)
            return dispatch_lead(lead=lead, by=manager)

        threads = [
            _in_thread(evaluate, results, "hold"),
            _in_thread(dispatch, results, "dispatch"),
        ]
        for thread in threads:
            thread.join(timeout=30)

        assignment = results["dispatch"]
        assert isinstance(assignment, Assignment), assignment
        hold = QualityHold.objects.get(designer=held)
        if assignment.designer_id == held.pk:
            # Only when the dispatch finished before the hold was written.
            assert assignment.dispatched_at < hold.created_at
        else:
            assert Skip.objects.filter(
                assignment=assignment, designer=held, reason=Skip.Reason.QUALITY_HOLD
            ).exists()
