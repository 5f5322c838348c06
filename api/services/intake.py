"""Leads from outside (website forms, lead platforms) through the front desk's own intake
(leads.services.intake): phone normalisation, one customer one lead, claims, readiness.

A retry is safe: the first answer to a client's reference or Idempotency-Key is stored in an
IntakeRecord inside the same transaction as the lead, and its unique constraints make a
concurrent retry wait for that transaction and then read the answer instead of registering
the customer again.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q

from leads.services.intake import IntakeData, IntakeResult, register_lead

from ..models import IntakeRecord, IntegrationClient


@dataclass(frozen=True)
class ApiAnswer:
    status: int
    body: dict
    replayed: bool = False


def _find(client: IntegrationClient, reference: str, key: str) -> IntakeRecord | None:
    match = Q()
    if reference:
        match |= Q(reference=reference)
    if key:
        match |= Q(idempotency_key=key)
    if not match:
        return None
    return IntakeRecord.objects.filter(match, client=client).order_by("pk").first()


def _replay(record: IntakeRecord) -> ApiAnswer:
    return ApiAnswer(record.response_status, record.response_body, replayed=True)


@transaction.atomic
def receive_lead(
    *, client: IntegrationClient, data: IntakeData, reference: str = "", idempotency_key: str = ""
) -> ApiAnswer:
    """Register the client's lead once; the same reference or key again gets the first answer.

    A refused intake (LeadError) rolls everything back, so a corrected retry is a first try.
    """
    found = _find(client, reference, idempotency_key)
    if found is not None:
        return _replay(found)
    try:
        # Race: the same lead sent twice at once. The second insert waits for the first
        # transaction, fails on the unique constraint and then reads the first answer.
        with transaction.atomic():
            record = IntakeRecord.objects.create(
                client=client, reference=reference, idempotency_key=idempotency_key
            )
    except IntegrityError:
        found = _find(client, reference, idempotency_key)
        if found is None:
            raise
        return _replay(found)
    result = register_lead(data=data, by=client.system_user)
    answer = ApiAnswer(201 if result.created else 200, _body(result, reference))
    record.lead = result.lead
    record.created_lead = result.created
    record.response_status, record.response_body = answer.status, answer.body
    record.save(update_fields=["lead", "created_lead", "response_status", "response_body"])
    return answer


def _body(result: IntakeResult, reference: str) -> dict:
    """What the client is told: the lead's number and whether it was new (LEAD-2 says so
    without revealing the existing lead's data)."""
    return {
        "lead": {"id": result.lead.pk, "reference": reference or None},
        "created": result.created,
        "attached": not result.created,
        "message": str(result.message),
    }
