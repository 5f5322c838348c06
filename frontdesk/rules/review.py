"""FD-10 每日小结 (daily self-review): pure decisions, no ORM and no clock.

- The figures compared: calls answered, answered within 3 rings, satisfaction, callbacks done —
  today against yesterday and against the benchmark colleague (标杆) the agent chose.
- Privacy: a review (the agent's lines and plan) is read by the agent, the agent's supervisor
  chain and HR; the customer manager, who runs the agents, reads every one. The benchmark
  colleague's figures are shown to the agent who chose them, never their review.
- An agent writes their own review, for today only, and cannot be their own benchmark.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from core.decisions import ALLOWED, Decision


class ReviewRefusal(StrEnum):
    NOT_TODAY = "NOT_TODAY"
    SELF_BENCHMARK = "SELF_BENCHMARK"
    NOT_AN_AGENT = "NOT_AN_AGENT"


@dataclass(frozen=True)
class DayFigures:
    """One agent's figures for one day."""

    calls: int = 0
    answered_in_time: int = 0
    rated_calls: int = 0
    satisfaction_total: int = 0
    callbacks_done: int = 0

    @property
    def in_time_pct(self) -> Decimal | None:
        if not self.calls:
            return None
        return _round(Decimal(100 * self.answered_in_time) / self.calls, "0.1")

    @property
    def satisfaction(self) -> Decimal | None:
        if not self.rated_calls:
            return None
        return _round(Decimal(self.satisfaction_total) / self.rated_calls, "0.01")


def _round(value: Decimal, places: str) -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Viewer:
    pk: int
    is_hr: bool = False
    is_customer_manager: bool = False
    is_superuser: bool = False


def may_read_review(viewer: Viewer, agent_id: int, chain_ids: list[int] | tuple[int, ...]) -> bool:
    """FD-10: the agent, the agent's supervisor chain, HR (and the customer manager) only."""
    return (
        viewer.pk == agent_id
        or viewer.pk in chain_ids
        or viewer.is_hr
        or viewer.is_customer_manager
        or viewer.is_superuser
    )


def check_write(
    *, agent_id: int, day: date, today: date, benchmark_id: int | None, benchmark_is_agent: bool
) -> Decision:
    """An agent writes today's review; the benchmark is another agent."""
    if day != today:
        return Decision(
            allowed=False,
            reason=ReviewRefusal.NOT_TODAY,
            message=str(_("Only today's review can be written.")),
        )
    if benchmark_id is not None and benchmark_id == agent_id:
        return Decision(
            allowed=False,
            reason=ReviewRefusal.SELF_BENCHMARK,
            message=str(_("Choose a colleague as your benchmark, not yourself.")),
        )
    if benchmark_id is not None and not benchmark_is_agent:
        return Decision(
            allowed=False,
            reason=ReviewRefusal.NOT_AN_AGENT,
            message=str(_("The benchmark must be a customer-service agent.")),
        )
    return ALLOWED
