"""FD-10: saving an agent's daily self-review (one per agent and day)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from staff.models import Role, Staff

from ..models import DailyReview
from ..rules import review as rules
from .errors import FrontDeskError


@transaction.atomic
def save_review(*, agent: Staff, text: str, plan: str, benchmark: Staff | None) -> DailyReview:
    """Write or rewrite today's review of `agent` (the unique agent/day keeps one row)."""
    today = timezone.localdate()
    decision = rules.check_write(
        agent_id=agent.pk,
        day=today,
        today=today,
        benchmark_id=benchmark.pk if benchmark else None,
        benchmark_is_agent=bool(benchmark and benchmark.has_role(Role.CS_AGENT)),
    )
    if not decision:
        raise FrontDeskError(decision.message)
    # Race: the same agent saving from two tabs; update_or_create under the unique key.
    review, _created = DailyReview.objects.update_or_create(
        agent=agent,
        day=today,
        defaults={"text": text.strip(), "plan": plan.strip(), "benchmark": benchmark},
    )
    return review
