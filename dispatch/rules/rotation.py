"""The rotation (DISP-5) and the choices made from it: the recommended designer, a chosen or
overridden one, the next after a decline, a forced dispatch (DISP-6, DISP-7).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.utils.translation import gettext_lazy as _

from core.decisions import ALLOWED, Decision

# Lead size is decided at intake; dispatch only reads it (imports point down: dispatch -> leads).
from leads.rules.intake import SizeClass

from .base import Choice, DesignerSnapshot, DispatchConfig, Ranking, Refusal, Season, SkipReason
from .eligibility import _refuse, check_designer


def _employee_no_key(employee_no: str) -> tuple[int, int, str]:
    if employee_no.isdigit():
        return (0, int(employee_no), employee_no)
    return (1, 0, employee_no)


def _rotation_key(snapshot: DesignerSnapshot) -> tuple:
    # Never dispatched counts as the longest wait, so it sorts before any timestamp.
    waited = (0,) if snapshot.last_dispatch_at is None else (1, snapshot.last_dispatch_at)
    return (snapshot.week_count, waited, _employee_no_key(snapshot.employee_no))


def rank_candidates(
    snapshots: Iterable[DesignerSnapshot],
    size_class: SizeClass,
    season: Season,
    config: DispatchConfig,
    declined_ids: Iterable[int] = (),
) -> Ranking:
    """Fair rotation: fewest this week, then longest since last dispatch, then lowest number.

    Designers in `declined_ids` already declined this lead and are skipped (DISP-7).
    """
    declined = frozenset(declined_ids)
    eligible: list[DesignerSnapshot] = []
    skipped: list[tuple[DesignerSnapshot, Decision]] = []
    for snapshot in snapshots:
        is_declined = snapshot.designer_id in declined
        decision = check_designer(snapshot, size_class, season, config, declined=is_declined)
        if decision.allowed:
            eligible.append(snapshot)
        else:
            skipped.append((snapshot, decision))
    return Ranking(eligible=tuple(sorted(eligible, key=_rotation_key)), skipped=tuple(skipped))


# Skips worth reporting (RPT-2): a designer who could take leads of this size but was passed
# over. Every lead passes the other tiers and inactive designers, so those say nothing.
REPORTED_SKIPS = frozenset(
    {
        SkipReason.ON_LEAVE,
        SkipReason.DAY_CAP,
        SkipReason.WEEK_CAP,
        SkipReason.SEASON_CAP,
        SkipReason.DECLINED,
        SkipReason.QUALITY_HOLD,
    }
)


def reported_skips(ranking: Ranking, receiver_id: int) -> list[tuple[int, SkipReason]]:
    """(designer id, reason) of each designer a dispatch to `receiver_id` passed over, for the
    monthly report's skips by reason. The receiver is left out, even when forced past a cap."""
    return [
        (snapshot.designer_id, decision.reason)
        for snapshot, decision in ranking.skipped
        if decision.reason in REPORTED_SKIPS and snapshot.designer_id != receiver_id
    ]


# --- choices (DISP-6, DISP-7) ---------------------------------------------------------------

NOBODY_ELIGIBLE = Decision(
    allowed=False,
    reason=Refusal.NOBODY_ELIGIBLE,
    message=_("No designer is eligible; a forced dispatch with a reason is needed"),
)
ALL_DECLINED = Decision(
    allowed=False,
    reason=Refusal.ALL_DECLINED,
    message=_("Every eligible designer has declined; a forced dispatch with a reason is needed"),
)


ONLY_HELD = Decision(
    allowed=False,
    reason=Refusal.ONLY_HELD,
    message=_(
        "Only designers on quality hold could take this lead: choose one with a reason, or force "
        "a dispatch with a reason"
    ),
)


def nobody_decision(ranking: Ranking) -> Decision:
    """Why nobody can take the lead: all who could have declined it, only held designers could
    (QG-2: they may be chosen with a reason), or nobody could."""
    reasons = {d.reason for _s, d in ranking.skipped}
    if SkipReason.DECLINED in reasons:
        return ALL_DECLINED
    if SkipReason.QUALITY_HOLD in reasons:
        return ONLY_HELD
    return NOBODY_ELIGIBLE


def _first_or_nobody(
    ranking: Ranking, candidates: Sequence[DesignerSnapshot], preference: Decision | None
) -> Choice:
    if not candidates:
        return Choice(designer=None, decision=nobody_decision(ranking), preference=preference)
    return Choice(designer=candidates[0], preference=preference)


def check_chosen(ranking: Ranking, designer_id: int) -> Decision:
    """May this specific designer get the lead within the rules? (manager's pick, preference)"""
    if ranking.find(designer_id) is not None:
        return ALLOWED
    skipped = ranking.skip_decision(designer_id)
    if skipped is not None:
        return skipped
    return _refuse(Refusal.UNKNOWN_DESIGNER, _("Not a designer who can receive leads"))


def check_override(ranking: Ranking, designer_id: int, reason_text: str) -> Decision:
    """QG-2: the customer manager may choose a designer whose only obstacle is a quality hold,
    with a reason; every other rule (tier, leave, caps, declines) still holds."""
    verdict = check_chosen(ranking, designer_id)
    if verdict.allowed or verdict.reason != SkipReason.QUALITY_HOLD:
        return verdict
    if not reason_text.strip():
        return _refuse(
            Refusal.OVERRIDE_REASON_REQUIRED,
            _("Choosing a designer on quality hold needs a reason"),
        )
    return ALLOWED


def choose_designer(ranking: Ranking, preferred_id: int | None = None) -> Choice:
    """DISP-6: honour the preferred designer when eligible, else the first in rotation."""
    if preferred_id is None:
        return _first_or_nobody(ranking, ranking.eligible, preference=None)
    verdict = check_chosen(ranking, preferred_id)
    if verdict.allowed:
        return Choice(designer=ranking.find(preferred_id), preference=verdict)
    return _first_or_nobody(ranking, ranking.eligible, preference=verdict)


def next_after_decline(ranking: Ranking, declined_ids: Iterable[int]) -> Choice:
    """DISP-7: next in rotation, skipping everyone who already declined this lead."""
    declined = set(declined_ids)
    remaining = [s for s in ranking.eligible if s.designer_id not in declined]
    if remaining:
        return Choice(designer=remaining[0])
    if ranking.eligible:
        return Choice(designer=None, decision=ALL_DECLINED)
    return Choice(designer=None, decision=nobody_decision(ranking))


def check_forced(
    snapshot: DesignerSnapshot, reason_text: str, ranking: Ranking | None = None
) -> Decision:
    """DISP-7 forced dispatch: caps, tier, leave and declines are overridden on purpose, but a
    reason is required and the designer must still be active (a departed designer cannot work
    the lead).

    With the lead's `ranking`, force is refused while someone may still take the lead in
    rotation: DISP-7 allows it only "when nobody is eligible or willing".
    """
    if not reason_text.strip():
        return _refuse(Refusal.FORCE_REASON_REQUIRED, _("A forced dispatch needs a reason"))
    if not snapshot.active:
        return _refuse(SkipReason.INACTIVE, _("Designer is not active"))
    if ranking is not None and ranking.eligible:
        return _refuse(
            Refusal.SOMEONE_ELIGIBLE,
            _(
                "A designer can still take this lead in rotation; a forced dispatch is only for "
                "when nobody is eligible or willing"
            ),
        )
    return ALLOWED
