"""The quality gate (QG-1, QG-2): starting holds from the record, lifting them early.

Lock order as in dispatching: designer rows in id order. A dispatch locks the same rows before
it counts the load and reads the holds, so a dispatch and a hold starting at the same moment
never interleave: either the hold commits first and the dispatch sees it, or the dispatch
finishes first and the hold starts after it.
"""

from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from staff.models import Staff
from staff.services import write_notification

from .. import queries
from ..models import QualityHold
from ..queries import quality as quality_queries
from ..rules import quality as qrules
from .errors import DispatchError, require_perm

LIFT_PERM = "dispatch.lift_quality_hold"


def _lock_designers(ids=None) -> None:
    """Race: a dispatch counting a designer while their hold starts. Both lock the designers'
    rows in id order, so one waits for the other (see the module docstring)."""
    if ids is None:
        ids = queries.designers().filter(is_active=True).values("pk")
    # Only the staff rows are locked (no join), in the order dispatching locks them.
    rows = Staff.objects.filter(pk__in=ids).order_by("pk").select_for_update()
    list(rows.values_list("pk", flat=True))


@transaction.atomic
def evaluate_quality_holds(
    *, today: date, by: Staff | None = None, ids: list[int] | None = None
) -> list[QualityHold]:
    """QG-1 for every active designer (or `ids`) on `today`: start the holds the record calls
    for. Idempotent: a designer already held today, or whose facts an earlier hold judged,
    gets no second hold; re-running a night changes nothing. `by` empty: the nightly job."""
    _lock_designers(ids)
    policy = quality_queries.policy_on(today)
    first = qrules.window_start(today, policy)
    facts = quality_queries.quality_facts(first, today)
    states = quality_queries.hold_states(today, ids)
    averages = qrules.tier_conversions(facts, {s.designer_id: s.tier for s in states})
    started = []
    for state in states:
        verdict = qrules.evaluate_designer(
            facts.get(state.designer_id, qrules.QualityFacts()),
            today=today,
            policy=policy,
            tier_average=averages.get(state.tier) if state.tier else None,
            last_hold_start=state.last_hold_start,
            held_today=state.held_today,
        )
        if verdict.hold:
            started.append(_start_hold(state.designer_id, verdict, by))
    return started


def _start_hold(designer_id: int, verdict: qrules.HoldVerdict, by: Staff | None) -> QualityHold:
    hold = QualityHold(
        designer_id=designer_id,
        reason_code=verdict.code,
        reason=verdict.reason,
        starts=verdict.starts,
        ends=verdict.ends,
        created_by=by,
    )
    hold._history_user = by
    hold.save()
    text = _("You are held out of automatic dispatch until %(until)s: %(reason)s") % {
        "until": hold.ends.isoformat(),
        "reason": hold.reason,
    }
    write_notification(recipient=hold.designer, text=text, link=reverse("dispatch:my_record"))
    return hold


@transaction.atomic
def lift_hold(*, hold: QualityHold, by: Staff, reason: str) -> QualityHold:
    """QG-2: the GM or the design manager ends a hold early, with a reason (kept in history)."""
    require_perm(
        by, LIFT_PERM, _("Only the general manager or the design manager lifts a quality hold.")
    )
    reason = (reason or "").strip()
    if not reason:
        raise DispatchError(_("Say why the hold is lifted."))
    # Race: two managers lifting at once; the second sees the first one's lift.
    hold = QualityHold.objects.select_for_update().select_related("designer").get(pk=hold.pk)
    if hold.is_lifted:
        raise DispatchError(_("This hold was already lifted."))
    if hold.ends < timezone.localdate():
        raise DispatchError(_("This hold has already ended."))
    hold.lifted_at, hold.lifted_by, hold.lift_reason = timezone.now(), by, reason
    hold._history_user = by
    hold._change_reason = "lifted"
    hold.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
    text = _("Your quality hold was lifted by %(name)s: %(reason)s") % {
        "name": by.get_full_name(),
        "reason": reason,
    }
    write_notification(recipient=hold.designer, text=text, link=reverse("dispatch:my_record"))
    return hold
