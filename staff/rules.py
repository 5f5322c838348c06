"""Pure decisions of the staff app: where a request for instructions goes (REP-1).

- A report goes to the sender's direct supervisor, then up the chain one level at a time.
- Marked urgent, it may go straight to any higher supervisor in the sender's chain; every
  supervisor it skips is told at once.
- Someone without a supervisor has nobody to report to.
No ORM and no clock: the chain is a list of staff ids, nearest supervisor first.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from core.decisions import Decision


class RouteReason(StrEnum):
    DIRECT = "DIRECT"  # to the next supervisor up
    URGENT_SKIP = "URGENT_SKIP"  # urgent: straight to a higher level, skipping some
    NO_SUPERVISOR = "NO_SUPERVISOR"
    NOT_IN_CHAIN = "NOT_IN_CHAIN"
    SKIP_NOT_URGENT = "SKIP_NOT_URGENT"


MESSAGES = {
    RouteReason.DIRECT: _("Goes to the next supervisor up."),
    RouteReason.URGENT_SKIP: _(
        "Urgent: goes straight to a higher level; every supervisor skipped is told at once."
    ),
    RouteReason.NO_SUPERVISOR: _("There is no supervisor above to report to."),
    RouteReason.NOT_IN_CHAIN: _("A report can only go to a supervisor in the chain above."),
    RouteReason.SKIP_NOT_URGENT: _(
        "Only an urgent report may skip a level; otherwise it goes to the next supervisor up."
    ),
}


@dataclass(frozen=True)
class Route(Decision):
    """Where a report goes and whom it skips (nearest first), or why it cannot go."""

    recipient_id: int | None = None
    skipped_ids: tuple[int, ...] = field(default=())


def _route(
    reason: RouteReason, recipient_id: int | None = None, skipped: Sequence[int] = ()
) -> Route:
    allowed = reason in (RouteReason.DIRECT, RouteReason.URGENT_SKIP)
    return Route(allowed, reason, MESSAGES[reason], recipient_id, tuple(skipped))


def route_report(chain: Sequence[int], *, urgent: bool, target_id: int | None = None) -> Route:
    """Route a report up `chain` (the supervisors above the sender, nearest first).

    `target_id` None means the next level up. A higher target is allowed only when urgent, and
    the levels in between are returned as skipped (they must be told at once).
    """
    if not chain:
        return _route(RouteReason.NO_SUPERVISOR)
    if target_id is None or target_id == chain[0]:
        return _route(RouteReason.DIRECT, chain[0])
    if target_id not in chain:
        return _route(RouteReason.NOT_IN_CHAIN)
    if not urgent:
        return _route(RouteReason.SKIP_NOT_URGENT)
    position = list(chain).index(target_id)
    return _route(RouteReason.URGENT_SKIP, target_id, chain[:position])


def chain_above(supervisor_of: dict[int, int | None], person_id: int, limit: int = 10) -> list[int]:
    """The supervisors above `person_id`, nearest first; stops on a loop in the data."""
    chain: list[int] = []
    current = supervisor_of.get(person_id)
    while current is not None and current not in chain and current != person_id:
        if len(chain) >= limit:
            break
        chain.append(current)
        current = supervisor_of.get(current)
    return chain
