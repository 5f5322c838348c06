"""DISP-8 on real PostgreSQL: simultaneous dispatches never push a designer past a cap.

Each request runs in its own thread with its own database connection, released together by a
barrier, so the transactions truly overlap; the row locks must serialise them.
"""

from collections import Counter

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from dispatch.models import Assignment
from dispatch.services import DispatchError, dispatch_lead
from leads.models import Lead, LeadState
from staff.models import Role
from tests.dispatch.factories import DesignerFactory, ReadyLeadFactory
from tests.factories import StaffFactory
from tests.services import threads

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("eager_celery")]

REQUESTS = 12


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def manager():
    return StaffFactory(roles=[Role.CUSTOMER_MANAGER])


def run_together(work, count: int) -> list:
    """work(i) in `count` threads released at once (messages in English)."""
    jobs = [lambda i=i: work(i) for i in range(count)]
    return threads.run_together(jobs, around=lambda: translation.override("en"))


def test_disp8_concurrent_dispatches_never_exceed_the_daily_cap(manager):
    designers = [DesignerFactory(employee_no=str(100 + n)) for n in range(2)]
    leads = ReadyLeadFactory.create_batch(REQUESTS)

    results = run_together(lambda i: dispatch_lead(lead=leads[i], by=manager), REQUESTS)

    made = [r for r in results if isinstance(r, Assignment)]
    refused = [r for r in results if isinstance(r, DispatchError)]
    assert len(made) == 4 and len(refused) == REQUESTS - 4, results
    per_designer = Counter(Assignment.objects.values_list("designer_id", flat=True))
    assert per_designer == {designers[0].pk: 2, designers[1].pk: 2}
    assert {str(r) for r in refused} == {
        "No designer is eligible; a forced dispatch with a reason is needed"
    }
    assert Lead.objects.filter(state=LeadState.DISPATCHED).count() == 4


def test_disp8_concurrent_http_requests_respect_the_cap(manager):
    designer = DesignerFactory(employee_no="100")
    leads = ReadyLeadFactory.create_batch(REQUESTS)

    def post(i: int) -> int:
        client = Client()
        client.force_login(manager)
        url = reverse("dispatch:dispatch", args=[leads[i].pk])
        return client.post(url, HTTP_HX_REQUEST="true").status_code

    statuses = run_together(post, REQUESTS)

    assert Counter(statuses) == {200: 2, 422: REQUESTS - 2}, statuses
    assert Assignment.objects.filter(designer=designer).count() == 2


def test_disp8_one_lead_dispatched_at_once_from_many_tabs_goes_out_once(manager):
    for n in range(3):
        DesignerFactory(employee_no=str(100 + n))
    lead_pk = ReadyLeadFactory().pk

    def dispatch(_i: int):
        return dispatch_lead(lead=Lead.objects.get(pk=lead_pk), by=manager)

    results = run_together(dispatch, 10)

    assert sum(isinstance(r, Assignment) for r in results) == 1, results
    assert Assignment.objects.filter(lead_id=lead_pk).count() == 1
    refusals = {str(r) for r in results if isinstance(r, DispatchError)}
    assert refusals == {"This lead is not waiting for dispatch (it is Dispatched now)."}
