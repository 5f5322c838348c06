"""Counts for the customer manager's 工作台: the dispatch queue, and what the leads that are not
ready still miss (DISP-2, SLIP-2), in one query."""

from django.db.models import Count, Q

from leads.models import Channel, Lead, LeadState
from leads.rules.slips import SIGNING_ORDER

from .queue import _ready_q, _slip_steps_signed


def readiness_counts() -> dict[str, int]:
    """Ready to dispatch, not ready, and per missing item among the not-ready leads."""
    not_ready = ~_ready_q()
    return (
        Lead.objects.filter(state=LeadState.NEW)
        .annotate(slip_steps=_slip_steps_signed())
        .aggregate(
            ready=Count("pk", filter=_ready_q()),
            not_ready=Count("pk", filter=not_ready),
            no_date=Count("pk", filter=Q(planned_decoration_date__isnull=True)),
            no_area=Count("pk", filter=Q(area_m2__isnull=True)),
            no_budget=Count("pk", filter=Q(budget__isnull=True)),
            no_levels=Count("pk", filter=Q(levels_introduced=False)),
            no_slip=Count(
                "pk",
                filter=Q(channel=Channel.MARKETING) & Q(slip_steps__lt=len(SIGNING_ORDER)),
            ),
        )
    )
