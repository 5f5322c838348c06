"""The lead timeline: the one way any app writes an event on a lead's page.

`record_event` is the service (its own transaction); `write_event` writes the same row for a
service that is already inside its transaction, without the savepoint a nested atomic costs.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from staff.models import Staff

from ..models import Lead, LeadEvent

TEXT_LIMIT = LeadEvent._meta.get_field("text").max_length


@transaction.atomic
def record_event(
    *,
    lead: Lead,
    kind: str,
    text: str,
    by: Staff | None = None,
    at: datetime | None = None,
) -> LeadEvent:
    """Append one event to the lead's timeline (`by` None: the system did it)."""
    return write_event(lead=lead, kind=kind, text=text, by=by, at=at)


def write_event(
    *,
    lead: Lead,
    kind: str,
    text: str,
    by: Staff | None = None,
    at: datetime | None = None,
) -> LeadEvent:
    """`record_event` inside the caller's transaction (one INSERT, no savepoint)."""
    if kind not in LeadEvent.Kind.values:
        raise ValueError(f"Unknown lead event kind: {kind}")
    text = str(text).strip()
    if len(text) > TEXT_LIMIT:
        text = text[: TEXT_LIMIT - 1] + "…"
    return LeadEvent.objects.create(
        lead=lead, kind=kind, text=text, actor=by, at=at or timezone.now()
    )
