"""API intake under real concurrency on PostgreSQL: an integrator retrying the same lead while
the first request is still running (same reference, or same Idempotency-Key) ends with one
lead, and every request gets the first answer."""

import pytest
from django.utils import timezone

from api.models import IntakeRecord, IntegrationClient, Scope
from api.services.clients import create_client
from api.services.intake import receive_lead
from leads.models import Channel, Lead
from leads.services.intake import IntakeData
from tests.services.test_leads_concurrency import run_together

pytestmark = pytest.mark.django_db(transaction=True)
PARALLEL = 8


def _client() -> IntegrationClient:
    client = IntegrationClient(name="官网表单", scopes=[Scope.LEADS_WRITE])
    create_client(client=client)
    return client


def _data(n: int) -> IntakeData:
    # Different phones: only the reference (not LEAD-2's phone rule) can stop a second lead.
    return IntakeData(
        customer_name="并发客户",
        phone=f"1380000{n:04d}",
        channel=Channel.ONLINE,
        consultation_date=timezone.localdate(),
    )


def test_api_parallel_retries_of_one_reference_make_one_lead():
    client = _client()
    jobs = [
        (lambda n=n: receive_lead(client=client, data=_data(n), reference="WEB-1"))
        for n in range(PARALLEL)
    ]
    results = run_together(jobs)

    assert not [r for r in results if isinstance(r, Exception)], results
    assert Lead.objects.count() == 1
    assert IntakeRecord.objects.count() == 1
    assert sum(1 for r in results if not r.replayed) == 1
    assert all(r.body == results[0].body for r in results)  # the first answer, every time


def test_api_parallel_retries_of_one_idempotency_key_make_one_lead():
    client = _client()
    jobs = [
        (lambda n=n: receive_lead(client=client, data=_data(n), idempotency_key="k-1"))
        for n in range(PARALLEL)
    ]
    results = run_together(jobs)

    assert not [r for r in results if isinstance(r, Exception)], results
    assert Lead.objects.count() == 1
    assert {r.body["lead"]["id"] for r in results} == {Lead.objects.get().pk}
