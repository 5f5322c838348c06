"""Read side of customer care: the customer history page (CARE-1) and the care scores the
quality gate reads (CARE-4 → QG-1)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import Avg, Count, Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from staff.models import Staff

from ..models import (
    Callback,
    CareFeedback,
    CustomerProfile,
    Greeting,
    Lead,
    LeadEvent,
    Referral,
)
from .access import phone_for, visible_leads


@dataclass(frozen=True)
class Entry:
    """One line of the customer's timeline."""

    at: datetime
    kind: str
    text: str
    link: str = ""
    badge: str = "secondary"


@dataclass
class CustomerHistory:
    name: str
    phone: str
    leads: list[Lead]
    profile: CustomerProfile | None
    entries: list[Entry] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    scores: list[int] = field(default_factory=list)


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def customer_leads(user: Staff, phone: str) -> QuerySet[Lead]:
    """The customer's leads the user may see (SEC-1), with everything the timeline shows, in a
    fixed number of queries."""
    callbacks = Callback.objects.select_related("care_call__feedback__complaint", "assignee")
    visits = LeadEvent.objects.filter(kind=LeadEvent.Kind.VISIT).select_related("actor")
    return (
        visible_leads(user)
        .filter(phone=phone)
        .select_related("designer")
        .prefetch_related(
            "contracts",
            "complaints",  # complaints point at the lead by string; read by relation name only
            Prefetch("callbacks", queryset=callbacks),
            Prefetch("events", queryset=visits, to_attr="visits"),
        )
        .order_by("-created_at", "-id")
    )


def customer_history(user: Staff, lead: Lead) -> CustomerHistory:
    leads = list(customer_leads(user, lead.phone))
    history = CustomerHistory(
        name=lead.customer_name,
        phone=phone_for(user, lead),
        leads=leads,
        profile=CustomerProfile.objects.filter(phone=lead.phone).first(),
    )
    for row in leads:
        _add_lead(history, row)
    referrals = Referral.objects.filter(referrer_phone=lead.phone).select_related("lead")
    history.referrals = list(referrals.prefetch_related("lead__contracts"))
    for referral in history.referrals:
        text = _("Referred %(name)s (%(state)s)") % {
            "name": referral.lead.customer_name,
            "state": referral.lead.get_state_display(),
        }
        history.entries.append(Entry(referral.recorded_at, _("Referral"), text, "", "success"))
    history.entries.sort(key=lambda entry: entry.at, reverse=True)
    return history


def _add_lead(history: CustomerHistory, lead: Lead) -> None:
    add = history.entries.append
    link = lead.get_absolute_url()
    add(Entry(lead.created_at, _("Lead"), f"{lead.get_channel_display()} · {lead.address}", link))
    for visit in lead.visits:
        add(Entry(visit.at, _("Visit"), visit.text, link, "info"))
    for contract in lead.contracts.all():
        add(Entry(_at(contract.signed_on), _("Contract"), str(contract), link, "primary"))
    for complaint in lead.complaints.all():
        text = f"{complaint.number} · {complaint.summary[:120]} · {complaint.get_status_display()}"
        add(
            Entry(
                complaint.received_at, _("Complaint"), text, complaint.get_absolute_url(), "danger"
            )
        )
    for callback in lead.callbacks.all():
        _add_callback(history, callback)


def _add_callback(history: CustomerHistory, callback: Callback) -> None:
    if callback.cancelled_at:
        return
    care = getattr(callback, "care_call", None)
    feedback = getattr(care, "feedback", None) if care else None
    if feedback is not None:
        history.scores.append(feedback.satisfaction)
        text = _("%(score)s/5 · %(comments)s") % {
            "score": feedback.satisfaction,
            "comments": feedback.comments or "-",
        }
        badge = "danger" if feedback.is_low else "success"
        history.entries.append(Entry(feedback.recorded_at, _("Feedback"), text, "", badge))
        return
    if callback.done_at:
        text = f"{callback.get_kind_display()}: {callback.outcome}"
        history.entries.append(Entry(callback.done_at, _("Callback"), text, "", "warning"))
    else:
        text = _("%(kind)s due, %(person)s") % {
            "kind": callback.get_kind_display(),
            "person": callback.assignee.get_full_name(),
        }
        history.entries.append(Entry(callback.due_at, _("Callback"), text, "", "light"))


def care_scores_for_designer(designer: Staff | int, since: datetime) -> tuple[int, float | None]:
    """QG-1: how many care scores the designer's customers gave since `since` and their mean
    (None when there is none). For the dispatch quality gate."""
    designer_id = designer if isinstance(designer, int) else designer.pk
    row = CareFeedback.objects.filter(designer_id=designer_id, recorded_at__gte=since).aggregate(
        n=Count("id"), mean=Avg("satisfaction")
    )
    return row["n"], (float(row["mean"]) if row["mean"] is not None else None)


def care_scores_by_designer(since: datetime) -> dict[int, tuple[int, float]]:
    """Every designer's (count, mean) care score since `since`, in one query."""
    rows = (
        CareFeedback.objects.filter(recorded_at__gte=since, designer__isnull=False)
        .values("designer_id")
        .annotate(n=Count("id"), mean=Avg("satisfaction"))
    )
    return {row["designer_id"]: (row["n"], float(row["mean"])) for row in rows}


def care_score_days(start: date, end: date) -> dict[int, list[tuple[date, int]]]:
    """QG-1 / CARE-4: scores given at care calls between `start` and `end`, per designer:
    designer id -> [(recorded on, score)], oldest first. One query."""
    tz = timezone.get_current_timezone()
    since = datetime.combine(start, time.min, tzinfo=tz)
    until = datetime.combine(end, time.max, tzinfo=tz)
    rows = (
        CareFeedback.objects.filter(
            recorded_at__range=(since, until), designer__isnull=False, satisfaction__isnull=False
        )
        .order_by("recorded_at")
        .values_list("designer_id", "recorded_at", "satisfaction")
    )
    found: dict[int, list[tuple[date, int]]] = {}
    for designer_id, recorded_at, score in rows:
        found.setdefault(designer_id, []).append((timezone.localtime(recorded_at).date(), score))
    return found


def greetings_on(day: date) -> list[Greeting]:
    """CARE-3: the day's greeting list, open ones first; a customer who declined since the list
    was built is left off (never listed). Two queries."""
    declined = CustomerProfile.objects.filter(phone=OuterRef("phone"), consent="DECLINED")
    rows = (
        Greeting.objects.filter(day=day)
        .exclude(Exists(declined))
        .select_related("done_by", "lead")
        .order_by("done_at", "occasion", "customer_name", "id")
    )
    return list(rows)
