"""The reception log (FD-1) and the phone consultation log (FD-2).

A customer's entry reaches the leads app only through its services: a new customer through the
intake (`register_lead`, which applies LEAD-2), a returning visitor through `record_visit`, a
returning caller as a note on the lead's timeline. The entry and the lead change commit together.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from leads.models import Channel, Lead, LeadEvent
from leads.services.intake import IntakeData, open_lead_for, record_visit, register_lead
from leads.services.timeline import record_event
from staff.models import Staff
from staff.services import notify

from ..models import Appointment, CallTopic, LeadLink, PhoneConsultation, ReceptionEntry
from ..rules import logs as rules
from .common import clean_phone, require_perm, through_leads
from .errors import FrontDeskError


@dataclass(frozen=True)
class CustomerDetails:
    """What the desk learns about a customer for their lead (LEAD-1)."""

    channel: str = ""
    community: str = ""
    building: str = ""
    area_m2: Decimal | None = None
    budget: Decimal | None = None
    planned_decoration_date: date | None = None
    brought_by: Staff | None = None
    named_by_customer: Staff | None = None


@dataclass(frozen=True)
class LeadOutcome:
    lead: Lead | None = None
    link: str = LeadLink.NONE
    message: str = ""


@dataclass(frozen=True)
class LogResult:
    """The saved entry and what the clerk is told about the lead."""

    entry: ReceptionEntry | PhoneConsultation
    message: str = ""

    @property
    def lead(self) -> Lead | None:
        return self.entry.lead


def _register(
    name: str,
    phone: str,
    details: CustomerDetails,
    *,
    default_channel: str,
    consulted: date,
    notes: str,
    in_person: bool,
    by: Staff,
) -> LeadOutcome:
    data = IntakeData(
        customer_name=name,
        phone=phone,
        channel=details.channel or default_channel,
        consultation_date=consulted,
        community=details.community,
        building=details.building,
        area_m2=details.area_m2,
        budget=details.budget,
        planned_decoration_date=details.planned_decoration_date,
        brought_by=details.brought_by,
        named_by_customer=details.named_by_customer,
        notes=notes,
        in_person=in_person,
    )
    result = through_leads(lambda: register_lead(data=data, by=by))
    link = LeadLink.CREATED if result.created else LeadLink.ATTACHED
    return LeadOutcome(lead=result.lead, link=link, message=result.message)


def _visit_message(lead: Lead) -> str:
    return _("Visit recorded on lead No. %(id)s.") % {"id": lead.pk}


# --- reception log (FD-1) ----------------------------------------------------------------------


@dataclass(frozen=True)
class ReceptionData:
    visitor_name: str
    purpose: str
    arrived_at: datetime
    phone: str = ""
    receiver: Staff | None = None
    notes: str = ""
    customer: CustomerDetails = field(default_factory=CustomerDetails)
    appointment: Appointment | None = None


@transaction.atomic
def log_reception(*, data: ReceptionData, by: Staff) -> LogResult:
    """Log a visitor; a customer's visit registers or updates their lead (FD-1, LEAD-2), and a
    visit for a booked appointment records its outcome (FD-3)."""
    require_perm(
        by, "frontdesk.add_receptionentry", _("Only the front desk keeps the reception log.")
    )
    name = _required_name(data.visitor_name, _("Enter the visitor's name."))
    phone = clean_phone(
        data.phone,
        required=rules.needs_phone(data.purpose),
        missing_message=_("A new customer's phone number is needed to register them."),
    )
    outcome = _reception_lead(name, phone, data, by)
    entry = ReceptionEntry.objects.create(
        arrived_at=data.arrived_at,
        visitor_name=name,
        phone=phone,
        purpose=data.purpose,
        receiver=data.receiver,
        notes=data.notes.strip(),
        lead=outcome.lead,
        lead_link=outcome.link,
        recorded_by=by,
    )
    if data.appointment is not None:
        from .appointments import record_outcome

        record_outcome(
            appointment=data.appointment, came=True, by=by, lead=outcome.lead, visit_recorded=True
        )
    return LogResult(entry=entry, message=outcome.message)


def _required_name(value: str, message) -> str:
    name = (value or "").strip()
    if not name:
        raise FrontDeskError(message)
    return name


def _reception_lead(name: str, phone: str, data: ReceptionData, by: Staff) -> LeadOutcome:
    found = open_lead_for(phone) if phone else None
    step = rules.reception_step(
        data.purpose, has_phone=bool(phone), has_open_lead=found is not None
    )
    if step == rules.LeadStep.REGISTER:
        return _register(
            name,
            phone,
            data.customer,
            default_channel=Channel.WALK_IN,
            consulted=timezone.localdate(data.arrived_at),
            notes=data.notes,
            in_person=True,
            by=by,
        )
    if step == rules.LeadStep.RECORD_VISIT:
        lead = found[0]
        named = data.customer.named_by_customer
        through_leads(
            lambda: record_visit(lead=lead, by=by, named_by_customer=named, note=data.notes)
        )
        return LeadOutcome(lead=lead, link=LeadLink.VISIT, message=_visit_message(lead))
    return LeadOutcome()


# --- phone consultation log (FD-2) --------------------------------------------------------------


@dataclass(frozen=True)
class CallData:
    caller_name: str
    topic: str
    summary: str
    called_at: datetime
    phone: str = ""
    message_for: Staff | None = None
    customer: CustomerDetails = field(default_factory=CustomerDetails)


@transaction.atomic
def log_phone_call(*, data: CallData, by: Staff) -> LogResult:
    """Log a call; a new customer becomes a lead through the intake (FD-2, LEAD-2); a message
    for a colleague is passed on to them."""
    require_perm(
        by, "frontdesk.add_phoneconsultation", _("Only the front desk and agents log calls.")
    )
    name = _required_name(data.caller_name, _("Enter the caller's name."))
    summary = (data.summary or "").strip()
    if not summary:
        raise FrontDeskError(_("Note what the caller asked and what they were told."))
    if data.topic == CallTopic.MESSAGE and data.message_for is None:
        raise FrontDeskError(_("Choose the colleague the message is for."))
    phone = clean_phone(
        data.phone,
        required=rules.needs_phone(data.topic),
        missing_message=_("A new customer's phone number is needed to register them."),
    )
    outcome = _call_lead(name, phone, summary, data, by)
    entry = PhoneConsultation.objects.create(
        called_at=data.called_at,
        caller_name=name,
        phone=phone,
        topic=data.topic,
        summary=summary,
        message_for=data.message_for,
        lead=outcome.lead,
        lead_link=outcome.link,
        answered_by=by,
    )
    if data.message_for is not None:
        _pass_message(entry)
    return LogResult(entry=entry, message=outcome.message)


def _call_lead(name: str, phone: str, summary: str, data: CallData, by: Staff) -> LeadOutcome:
    found = open_lead_for(phone) if phone else None
    step = rules.call_step(data.topic, has_phone=bool(phone), has_open_lead=found is not None)
    if step == rules.LeadStep.REGISTER:
        return _register(
            name,
            phone,
            data.customer,
            default_channel=Channel.PHONE,
            consulted=timezone.localdate(data.called_at),
            notes=summary,
            in_person=False,
            by=by,
        )
    if step == rules.LeadStep.NOTE:
        lead = found[0]
        text = _("Phone call: %(summary)s") % {"summary": Truncator(summary).chars(400)}
        record_event(lead=lead, kind=LeadEvent.Kind.NOTE, text=text, by=by)
        message = _("Call noted on lead No. %(id)s.") % {"id": lead.pk}
        return LeadOutcome(lead=lead, link=LeadLink.NOTED, message=message)
    return LeadOutcome()


def _pass_message(entry: PhoneConsultation) -> None:
    recipient = entry.message_for
    values = {"caller": entry.caller_name, "summary": Truncator(entry.summary).chars(200)}
    if entry.phone:
        # The colleague is asked to call back, so they get the number (SEC-1: they need it).
        values["phone"] = entry.phone
        text = _("Phone message from %(caller)s (%(phone)s): %(summary)s") % values
    else:
        text = _("Phone message from %(caller)s: %(summary)s") % values
    notify(recipient=recipient, text=text, link=reverse("frontdesk:phone_log"))
