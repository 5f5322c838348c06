"""The dispatch queue (DISP-2, SLIP-2): leads waiting, ready or not, and dispatched, and the
selected lead's slip and dispatch history.
"""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from leads.models import Channel, Lead, LeadState, SlipSignature, TransferSlip
from leads.rules import readiness
from leads.rules.slips import SIGNING_ORDER, dispatch_allowed_for_slip
from staff.queries import count_subquery

from .. import rules
from ..models import (
    Assignment,
)


def _slip_steps_signed() -> Coalesce:
    return count_subquery(SlipSignature.objects.filter(slip__lead=OuterRef("pk")))


def _queue_leads(*states: str) -> QuerySet[Lead]:
    return (
        Lead.objects.filter(state__in=states)
        .select_related("slip__preferred_designer", "slip__salesperson", "brought_by", "designer")
        .annotate(
            slip_steps=_slip_steps_signed(),
            has_slip=Exists(TransferSlip.objects.filter(lead=OuterRef("pk"))),
        )
        .order_by("created_at", "id")
    )


def waiting_leads() -> QuerySet[Lead]:
    """NEW leads, oldest first, with what the queue shows (slip, preferred designer)."""
    return _queue_leads(LeadState.NEW)


def _ready_q() -> Q:
    slip_ok = ~Q(channel=Channel.MARKETING) | Q(slip_steps__gte=len(SIGNING_ORDER))
    known = Q(
        planned_decoration_date__isnull=False,
        area_m2__isnull=False,
        budget__isnull=False,
        levels_introduced=True,
    )
    return known & slip_ok


def ready_queue() -> QuerySet[Lead]:
    """Leads ready to dispatch (DISP-2 and SLIP-2), oldest first."""
    return waiting_leads().filter(_ready_q())


def not_ready_leads() -> QuerySet[Lead]:
    """NEW leads still missing something; each row says what (see `blockers`)."""
    return waiting_leads().exclude(_ready_q())


def readiness_of(lead: Lead) -> rules.Readiness:
    return rules.check_readiness(
        planned_decoration_date=lead.planned_decoration_date,
        area_m2=lead.area_m2,
        budget=lead.budget,
        levels_introduced=lead.levels_introduced,
    )


def blockers(lead: Lead) -> list[str]:
    """Every reason the lead cannot be dispatched yet, as sentences (needs `waiting_leads`)."""
    reasons = [str(text) for text in readiness_of(lead).messages]
    slip = dispatch_allowed_for_slip(
        lead.channel == Channel.MARKETING,
        lead.slip_steps >= len(SIGNING_ORDER),
        has_slip=lead.has_slip,
    )
    if not slip.allowed:
        reasons.append(str(slip.message))
    return reasons


def missing_details(lead: Lead) -> list[str]:
    """The DISP-2 details the dashboard's in-place form asks for (see views.readiness)."""
    return [str(item) for item in readiness.missing_details(readiness_of(lead).missing)]


def dispatched_leads() -> QuerySet[Lead]:
    """Leads with a designer and not yet measured, newest dispatch first (declines are recorded
    here), with how the live dispatch was made."""
    live = Assignment.objects.filter(
        lead=OuterRef("pk"), designer=OuterRef("designer"), declined_at__isnull=True
    ).order_by("-dispatched_at", "-id")
    return (
        Lead.objects.filter(state=LeadState.DISPATCHED)
        .select_related("designer")
        .annotate(dispatch_method=Subquery(live.values("method")[:1]))
        .order_by("-dispatched_at", "-id")
    )


def queue_counts() -> dict[str, int]:
    """How many leads are ready, waiting for something, and dispatched: one query."""
    new = Q(state=LeadState.NEW)
    leads = Lead.objects.filter(state__in=[LeadState.NEW, LeadState.DISPATCHED]).annotate(
        slip_steps=_slip_steps_signed()
    )
    return leads.aggregate(
        ready=Count("pk", filter=new & _ready_q()),
        waiting=Count("pk", filter=new & ~_ready_q()),
        dispatched=Count("pk", filter=Q(state=LeadState.DISPATCHED)),
    )


def slip_or_none(lead: Lead) -> TransferSlip | None:
    """The lead's slip when it has one (loaded with the lead by `waiting_leads`)."""
    try:
        return lead.slip
    except TransferSlip.DoesNotExist:
        return None


def lead_for_panel(pk: int) -> Lead | None:
    """A lead the dashboard works on: waiting for dispatch, or dispatched (to record a decline)."""
    return _queue_leads(LeadState.NEW, LeadState.DISPATCHED).filter(pk=pk).first()


def current_assignment(lead: Lead) -> Assignment | None:
    """The live (not declined) dispatch of the lead to its current designer."""
    return (
        Assignment.objects.filter(lead=lead, designer_id=lead.designer_id, declined_at__isnull=True)
        .order_by("-dispatched_at", "-id")
        .first()
    )


def lead_assignments(lead: Lead) -> QuerySet[Assignment]:
    return Assignment.objects.filter(lead=lead).select_related(
        "designer", "dispatched_by", "declined_by"
    )
