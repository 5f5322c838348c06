"""Showroom appointments (预约参观样板房, FD-3): booking, changes, reminders the day before, and
the outcome. A customer who comes for a booked visit gives the colleague who invited them an
APPOINTMENT claim on the lead (ATTR-2), filed through the leads claim service."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from leads.models import Channel, ClaimBasis, ClaimSource, Lead, LeadEvent
from leads.services.claims import add_claim
from leads.services.intake import IntakeData, open_lead_for, record_visit, register_lead
from leads.services.timeline import record_event
from staff.models import Staff
from staff.services import notify_many

from ..models import Appointment, AppointmentStatus, SampleHouse
from ..rules import appointments as rules
from .common import clean_phone, day_bounds, require_perm, through_leads
from .errors import FrontDeskError

BOOK_PERMISSION = "frontdesk.add_appointment"
CHANGE_PERMISSION = "frontdesk.change_appointment"


@dataclass(frozen=True)
class Booking:
    sample_house: SampleHouse
    starts_at: datetime
    customer_name: str
    phone: str
    wishes: str = ""
    invited_by: Staff | None = None
    channel: str = Channel.PHONE  # for a customer not yet registered


def _when(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "Y-m-d H:i")


def _check_slot(house: SampleHouse, starts_at: datetime) -> None:
    if not house.is_active:
        raise FrontDeskError(_("This sample house is not open for visits."))
    if starts_at <= timezone.now():
        raise FrontDeskError(_("Choose a time in the future."))


@transaction.atomic
def book_appointment(*, booking: Booking, by: Staff) -> Appointment:
    """Book a visit; the customer's open lead is linked, or the customer is registered through
    the leads intake (LEAD-2) so the visit has a lead to count for."""
    require_perm(by, BOOK_PERMISSION, _("Only the front desk and agents book showroom visits."))
    name = (booking.customer_name or "").strip()
    if not name:
        raise FrontDeskError(_("Enter the customer's name."))
    phone = clean_phone(booking.phone, required=True, missing_message=_("Enter the phone number."))
    _check_slot(booking.sample_house, booking.starts_at)
    lead = _lead_for_booking(name, phone, booking, by)
    appointment = Appointment(
        sample_house=booking.sample_house,
        starts_at=booking.starts_at,
        customer_name=name,
        phone=phone,
        lead=lead,
        wishes=(booking.wishes or "").strip(),
        invited_by=booking.invited_by,
        booked_by=by,
    )
    appointment._history_user = by
    appointment.save()
    text = _("Showroom visit booked: %(house)s, %(when)s.") % {
        "house": booking.sample_house.name,
        "when": _when(booking.starts_at),
    }
    record_event(lead=lead, kind=LeadEvent.Kind.NOTE, text=text, by=by)
    return appointment


def _lead_for_booking(name: str, phone: str, booking: Booking, by: Staff) -> Lead:
    found = open_lead_for(phone)
    if found is not None:
        return found[0]
    data = IntakeData(
        customer_name=name,
        phone=phone,
        channel=booking.channel or Channel.PHONE,
        consultation_date=timezone.localdate(),
        notes=booking.wishes or "",
    )
    return through_leads(lambda: register_lead(data=data, by=by)).lead


def _lock_booked(appointment: Appointment) -> Appointment:
    # Race: two clerks recording the outcome (or a change) of the same visit at once.
    appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
    if not appointment.is_booked:
        raise FrontDeskError(rules.MESSAGES[rules.OutcomeCheck.NOT_BOOKED])
    return appointment


@transaction.atomic
def reschedule_appointment(
    *,
    appointment: Appointment,
    starts_at: datetime,
    sample_house: SampleHouse,
    wishes: str,
    by: Staff,
) -> Appointment:
    """Move a booked visit; the reminder goes out again for the new day."""
    require_perm(by, CHANGE_PERMISSION, _("Only the front desk and agents change appointments."))
    appointment = _lock_booked(appointment)
    _check_slot(sample_house, starts_at)
    appointment.starts_at = starts_at
    appointment.sample_house = sample_house
    appointment.wishes = (wishes or "").strip()
    appointment.reminder_sent_at = None
    appointment.customer_reminded_at = None
    appointment._history_user = by
    appointment.save()
    return appointment


@transaction.atomic
def cancel_appointment(*, appointment: Appointment, reason: str, by: Staff) -> Appointment:
    require_perm(by, CHANGE_PERMISSION, _("Only the front desk and agents change appointments."))
    if not (reason or "").strip():
        raise FrontDeskError(_("Say why the visit is cancelled."))
    appointment = _lock_booked(appointment)
    appointment.status = AppointmentStatus.CANCELLED
    appointment.outcome_at = timezone.now()
    appointment.outcome_by = by
    appointment.outcome_note = reason.strip()[:300]
    appointment._history_user = by
    appointment.save()
    return appointment


@transaction.atomic
def record_outcome(
    *,
    appointment: Appointment,
    came: bool,
    by: Staff,
    note: str = "",
    lead: Lead | None = None,
    visit_recorded: bool = False,
) -> Appointment:
    """The customer came, or did not (FD-3).

    Came: the visit is recorded on the customer's open lead (unless the reception log did it,
    `visit_recorded`), and the colleague who invited them gets an APPOINTMENT claim whose
    evidence is the appointment record's time (ATTR-2, ATTR-4).
    """
    require_perm(by, CHANGE_PERMISSION, _("Only the front desk and agents change appointments."))
    appointment = _lock_booked(appointment)
    now = timezone.now()
    decision = rules.outcome_allowed(
        booked=appointment.is_booked,
        starts_at=timezone.localtime(appointment.starts_at),
        now=timezone.localtime(now),
        came=came,
    )
    if not decision.allowed:
        raise FrontDeskError(decision.message)
    if came:
        _came(appointment, by, now, lead, visit_recorded)
    else:
        _no_show(appointment, by)
    appointment.status = AppointmentStatus.CAME if came else AppointmentStatus.NO_SHOW
    appointment.outcome_at = now
    appointment.outcome_by = by
    appointment.outcome_note = (note or "").strip()[:300]
    appointment._history_user = by
    appointment.save()
    return appointment


def _came(
    appointment: Appointment, by: Staff, now: datetime, lead: Lead | None, visit_recorded: bool
) -> None:
    if lead is None:
        lead, visit_recorded = _lead_for_visit(appointment, by)
    appointment.lead = lead
    if not visit_recorded:
        note = _("Came for the showroom visit (%(house)s).") % {
            "house": appointment.sample_house.name
        }
        through_leads(lambda: record_visit(lead=lead, by=by, note=note))
    if appointment.invited_by_id is not None:
        add_claim(
            lead=lead,
            basis=ClaimBasis.APPOINTMENT,
            claimant=appointment.invited_by,
            by=by,
            source=ClaimSource.APPOINTMENT,
            recorded_at=appointment.created_at,
            appointment_at=appointment.created_at,
            visit_at=now,
            note=_("Showroom appointment booked %(when)s.")
            % {"when": _when(appointment.created_at)},
        )


def _lead_for_visit(appointment: Appointment, by: Staff) -> tuple[Lead, bool]:
    """The customer's open lead, and whether the visit is recorded already. If their lead was
    closed since the booking, they are registered again through the intake (LEAD-2)."""
    if appointment.lead is not None and appointment.lead.is_open:
        return appointment.lead, False
    found = open_lead_for(appointment.phone)
    if found is not None:
        return found[0], False
    channel = appointment.lead.channel if appointment.lead else Channel.PHONE
    data = IntakeData(
        customer_name=appointment.customer_name,
        phone=appointment.phone,
        channel=channel,
        consultation_date=timezone.localdate(),
        notes=appointment.wishes,
        in_person=True,
    )
    return through_leads(lambda: register_lead(data=data, by=by)).lead, True


def _no_show(appointment: Appointment, by: Staff) -> None:
    if appointment.lead is None:
        return
    text = _("Did not come for the showroom visit of %(when)s.") % {
        "when": _when(appointment.starts_at)
    }
    record_event(lead=appointment.lead, kind=LeadEvent.Kind.NOTE, text=text, by=by)


@transaction.atomic
def mark_customer_reminded(*, appointment: Appointment, by: Staff) -> Appointment:
    """The desk called the customer to confirm tomorrow's visit."""
    require_perm(by, CHANGE_PERMISSION, _("Only the front desk and agents change appointments."))
    appointment = _lock_booked(appointment)
    appointment.customer_reminded_at = timezone.now()
    appointment._history_user = by
    appointment.save(update_fields=["customer_reminded_at"])
    return appointment


# --- reminders the day before (Celery beat) ------------------------------------------------------


def send_reminders(*, today: date) -> int:
    """Remind whoever booked or invited each of tomorrow's visits, once per appointment.

    Re-runnable at any time: an appointment is claimed by a conditional update (reminder not
    yet sent), so two runs, even in parallel, never remind twice.
    """
    start, end = day_bounds(rules.reminder_day(today))
    due = Appointment.objects.filter(
        status=AppointmentStatus.BOOKED,
        starts_at__gte=start,
        starts_at__lt=end,
        reminder_sent_at__isnull=True,
    ).select_related("sample_house", "booked_by", "invited_by")
    return sum(_remind(appointment) for appointment in due)


@transaction.atomic
def _remind(appointment: Appointment) -> int:
    claimed = Appointment.objects.filter(pk=appointment.pk, reminder_sent_at__isnull=True).update(
        reminder_sent_at=timezone.now()
    )
    if not claimed:
        return 0
    people = [p for p in (appointment.booked_by, appointment.invited_by) if p and p.is_active]
    text = _(
        "Tomorrow %(time)s: %(customer)s visits the sample house %(house)s. Call the customer "
        "to confirm."
    ) % {
        "time": timezone.localtime(appointment.starts_at).strftime("%H:%M"),
        "customer": appointment.customer_name,
        "house": appointment.sample_house.name,
    }
    day = timezone.localdate(appointment.starts_at).isoformat()
    notify_many(recipients=people, text=text, link=f"{reverse('frontdesk:appointments')}?day={day}")
    return 1
