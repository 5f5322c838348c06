"""The lead timeline: every app records events through record_event."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from leads.models import LeadEvent
from leads.services.timeline import record_event
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_lead3_record_event_appends_to_the_timeline(front_desk):
    lead = LeadFactory()
    at = datetime(2026, 5, 4, 10, 30, tzinfo=SHANGHAI)
    event = record_event(
        lead=lead, kind=LeadEvent.Kind.NOTE, text=" 客户来电询问 ", by=front_desk, at=at
    )
    assert (event.lead, event.kind, event.text, event.actor, event.at) == (
        lead,
        "NOTE",
        "客户来电询问",
        front_desk,
        at,
    )


def test_lead3_record_event_without_actor_is_the_system():
    event = record_event(lead=LeadFactory(), kind=LeadEvent.Kind.COMPLAINT, text="TS2026-0001")
    assert event.actor is None
    assert event.at is not None


def test_lead3_record_event_refuses_unknown_kind():
    with pytest.raises(ValueError, match="Unknown lead event kind: SHOUT"):
        record_event(lead=LeadFactory(), kind="SHOUT", text="x")


def test_lead3_record_event_truncates_long_text():
    event = record_event(lead=LeadFactory(), kind=LeadEvent.Kind.NOTE, text="长" * 600)
    assert len(event.text) == 500
    assert event.text.endswith("…")
