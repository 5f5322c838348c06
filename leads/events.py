"""The leads app's outbound events (webhooks, 企业微信/钉钉 robots): one function per event kind,
called on one line from the service that causes it, inside its transaction (SEC-9).

Payloads carry codes for machines and labels (in the robots' language) for people; the customer's
phone is stored in full and masked per receiver when sent (staff.outbound).
"""

from datetime import date, datetime

from django.conf import settings
from django.utils import translation

from staff.outbound.services import record_event

from .models import Closure, Contract, Lead, Measurement


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def _name(person) -> str | None:
    return person.get_full_name() if person else None


def lead_data(lead: Lead) -> dict:
    """What a receiver learns about a lead: progress, dates, channel, the people on it."""
    with translation.override(settings.OUTBOUND_LANGUAGE):
        return {
            "id": lead.pk,
            "customer_name": lead.customer_name,
            "phone": lead.phone,
            "community": lead.community,
            "channel": lead.channel,
            "channel_label": str(lead.get_channel_display()),
            "state": lead.state,
            "state_label": str(lead.get_state_display()),
            "size_class": lead.size_class,
            "consultation_date": _iso(lead.consultation_date),
            "registered_at": _iso(lead.created_at),
            "dispatched_at": _iso(lead.dispatched_at),
            "closed_at": _iso(lead.closed_at),
            "owner": _name(lead.owner) if lead.owner_id else None,
            "designer": _name(lead.designer) if lead.designer_id else None,
            "path": lead.get_absolute_url(),
        }


def lead_created(lead: Lead) -> None:
    record_event("lead.created", {"lead": lead_data(lead)})


def lead_measured(measurement: Measurement) -> None:
    details = {
        "measured_on": _iso(measurement.measured_on),
        "designer": _name(measurement.designer),
    }
    record_event("lead.measured", {"lead": lead_data(measurement.lead), "measurement": details})


def lead_signed(contract: Contract) -> None:
    """Every contract recorded: the first one signs the lead; a construction one may follow."""
    with translation.override(settings.OUTBOUND_LANGUAGE):
        details = {
            "number": contract.number,
            "type": contract.contract_type,
            "type_label": str(contract.get_contract_type_display()),
            "amount": str(contract.amount),
            "signed_on": _iso(contract.signed_on),
        }
    record_event("lead.signed", {"lead": lead_data(contract.lead), "contract": details})


def lead_closed(closure: Closure) -> None:
    with translation.override(settings.OUTBOUND_LANGUAGE):
        details = {
            "kind": closure.kind,
            "kind_label": str(closure.get_kind_display()),
            "reason": closure.reason,
            "reason_label": str(closure.get_reason_display()),
            "confirmed_at": _iso(closure.decided_at),
        }
    record_event("lead.closed", {"lead": lead_data(closure.lead), "closure": details})
