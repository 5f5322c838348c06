"""Customer care after signing: the care schedule (CARE-2) and the feedback at each care call
(CARE-4).

- `create_care_plan(*, contract, by)`: leads.services.contracts calls it when a construction
  contract is signed; the contract's dates are guessed from the care policy until someone
  records the real ones with `change_contract_dates`, which moves the open care calls.
- `cancel_care_plan(*, contract, by)`: a refund (退单) cancels the open care calls.
- Care calls are callbacks (kind CARE): reminded and escalated by the CB-1 job; each goes to the
  least-loaded agent.
- `record_care_feedback(*, care_call, satisfaction, comments, by)`: the agent records the
  customer's score and words; a low score alerts the customer manager (a to-do on the feedback).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from staff.models import Role, Staff
from staff.services import notify_many

from ..models import (
    OPEN_CALLBACK,
    Callback,
    CallbackKind,
    CareCall,
    CareFeedback,
    CarePlan,
    CarePlanStatus,
    CarePoint,
    CarePolicy,
    Contract,
    ContractType,
    LeadEvent,
)
from ..rules import care as rules
from .callbacks import callback_agent, may_handle
from .errors import LeadError
from .timeline import record_event

LOW_SCORE_STEP = "care_low_score"  # the customer manager's to-do on a low score
CARE_MANAGERS = (Role.CS_AGENT, Role.CUSTOMER_MANAGER)


@dataclass(frozen=True)
class CareSettings:
    dates: rules.DateDefaults
    low_score: int
    call_hour: int


@dataclass(frozen=True)
class NamedPoint:
    point: rules.Point
    name: str
    question: str


def care_settings_on(day: date) -> CareSettings:
    """The care policy in force on `day`; DOMAIN's defaults when no row exists."""
    row = CarePolicy.objects.filter(effective_from__lte=day).order_by("-effective_from").first()
    if row is None:
        return CareSettings(rules.DateDefaults(), rules.DEFAULT_LOW_SCORE, 10)
    defaults = rules.DateDefaults(row.start_after_days, row.construction_days, row.warranty_months)
    return CareSettings(defaults, row.low_score, row.call_hour)


def active_points() -> list[NamedPoint]:
    """The care points in use; DOMAIN's defaults when every row was removed or switched off."""
    rows = CarePoint.objects.filter(is_active=True).order_by("position", "id")
    points = [
        NamedPoint(rules.Point(f"p{row.pk}", rules.Anchor(row.anchor), row.offset_days), *_n(row))
        for row in rows
    ]
    if points:
        return points
    return [NamedPoint(point, _default_name(point), "") for point in rules.DEFAULT_POINTS]


def _n(row: CarePoint) -> tuple[str, str]:
    return row.name, row.question


def _default_name(point: rules.Point) -> str:
    return _("%(anchor)s %(offset)+d days") % {
        "anchor": rules.Anchor(point.anchor).name.replace("_", " ").capitalize(),
        "offset": point.offset_days,
    }


def _due_at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def may_manage_care(user: Staff) -> bool:
    return user.is_superuser or user.has_role(*CARE_MANAGERS)


# --- CARE-2: the schedule -------------------------------------------------------------------


def create_care_plan(*, contract: Contract, by: Staff) -> CarePlan | None:
    """A signed construction contract gets its care plan and care calls, inside the signing's
    transaction. Points already past on the signing day are not called (nothing to ask yet
    cannot be overdue). A second call for the same contract changes nothing."""
    if contract.contract_type != ContractType.CONSTRUCTION:
        return None
    existing = CarePlan.objects.filter(contract=contract).first()
    if existing is not None:
        return existing
    config = care_settings_on(contract.signed_on)
    dates = rules.default_dates(contract.signed_on, config.dates)
    plan = CarePlan(
        contract=contract,
        starts_on=dates.starts_on,
        completes_on=dates.completes_on,
        warranty_ends_on=dates.warranty_ends_on,
    )
    plan._history_user = by
    plan.save()
    today = timezone.localdate()
    for named in active_points():
        day = rules.care_day(named.point, dates)
        if day >= today:
            _open_call(plan, named, _due_at(day, config.call_hour), by)
    return plan


def _open_call(plan: CarePlan, named: NamedPoint, due_at: datetime, by: Staff) -> CareCall:
    lead = plan.contract.lead
    callback = Callback(
        lead=lead,
        kind=CallbackKind.CARE,
        assignee=callback_agent(fallback=by),
        due_at=due_at,
        note=(f"{named.name}: {named.question}" if named.question else named.name)[:300],
    )
    callback._history_user = by
    callback.save()
    return CareCall.objects.create(
        plan=plan,
        callback=callback,
        point_key=named.point.key,
        point_name=named.name[:60],
        anchor=named.point.anchor,
        offset_days=named.point.offset_days,
    )


@transaction.atomic
def change_contract_dates(
    *, plan: CarePlan, starts_on: date, completes_on: date, warranty_ends_on: date, by: Staff
) -> CarePlan:
    """The real start, completion and warranty end: the open care calls move with them (and may
    be reminded again); calls already made stay as they were."""
    if not may_manage_care(by):
        raise LeadError(_("Only customer service changes a contract's care dates."))
    # Race: an agent finishing a care call while the dates move; the plan's lock orders them.
    plan = CarePlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != CarePlanStatus.ACTIVE:
        raise LeadError(_("This care plan was cancelled."))
    dates = rules.ContractDates(starts_on, completes_on, warranty_ends_on)
    decision = rules.check_dates(dates)
    if not decision:
        raise LeadError(decision.message)
    plan.starts_on, plan.completes_on, plan.warranty_ends_on = (
        starts_on,
        completes_on,
        warranty_ends_on,
    )
    plan._history_user = by
    plan.save(update_fields=["starts_on", "completes_on", "warranty_ends_on"])
    hour = care_settings_on(plan.contract.signed_on).call_hour
    moved = 0
    for call in plan.calls.select_related("callback").filter(
        callback__done_at__isnull=True, callback__cancelled_at__isnull=True
    ):
        moved += _move(call, _due_at(rules.care_day(call.point, dates), hour), by)
    record_event(
        lead=plan.contract.lead,
        kind=LeadEvent.Kind.NOTE,
        text=_("Care dates of %(number)s: start %(start)s, completion %(end)s, warranty %(w)s.")
        % {
            "number": plan.contract.number,
            "start": f"{starts_on:%Y-%m-%d}",
            "end": f"{completes_on:%Y-%m-%d}",
            "w": f"{warranty_ends_on:%Y-%m-%d}",
        },
        by=by,
    )
    return plan


def _move(call: CareCall, due_at: datetime, by: Staff) -> int:
    callback = call.callback
    if callback.due_at == due_at:
        return 0
    callback.due_at = due_at
    callback.reminded_at = callback.escalated_at = callback.escalated_to = None
    callback._history_user = by
    callback.save(update_fields=["due_at", "reminded_at", "escalated_at", "escalated_to"])
    return 1


def cancel_care_plan(*, contract: Contract, by: Staff | None) -> int:
    """退单: the contract's care plan is cancelled with its open calls (inside the refund's
    transaction). Returns the number of calls cancelled."""
    plan = CarePlan.objects.select_for_update().filter(contract=contract).first()
    if plan is None or plan.status == CarePlanStatus.CANCELLED:
        return 0
    plan.status, plan.cancelled_at = CarePlanStatus.CANCELLED, timezone.now()
    plan._history_user = by
    plan.save(update_fields=["status", "cancelled_at"])
    open_calls = Callback.objects.filter(OPEN_CALLBACK, care_call__plan=plan)
    return open_calls.update(cancelled_at=plan.cancelled_at)


# --- CARE-4: feedback -----------------------------------------------------------------------


@transaction.atomic
def record_care_feedback(
    *, care_call: CareCall, satisfaction: int, comments: str, by: Staff
) -> CareFeedback:
    """宾客意见表: the score and the customer's words close the care call; a low score alerts
    the customer managers."""
    # Race: the assignee and the customer manager recording the same call at once.
    callback = (
        Callback.objects.select_for_update().select_related("lead").get(pk=care_call.callback_id)
    )
    if not callback.is_open:
        raise LeadError(_("This callback is already closed."))
    if not may_handle(by, callback):
        raise LeadError(_("Only the assignee or the customer manager records this callback."))
    decision = rules.check_score(satisfaction)
    if not decision:
        raise LeadError(decision.message)
    comments = (comments or "").strip()
    low = rules.is_low_score(satisfaction, care_settings_on(timezone.localdate()).low_score)
    callback.done_at, callback.done_by = timezone.now(), by
    callback.outcome = _("Satisfaction %(score)s/5. %(comments)s") % {
        "score": satisfaction,
        "comments": comments,
    }
    callback._history_user = by
    callback.save(update_fields=["done_at", "done_by", "outcome"])
    feedback = CareFeedback(
        care_call=care_call,
        lead=callback.lead,
        designer_id=care_call.plan.contract.designer_id,
        satisfaction=satisfaction,
        comments=comments,
        is_low=low,
        recorded_by=by,
    )
    feedback._history_user = by
    feedback.save()
    text = _("Care call (%(point)s): %(outcome)s") % {
        "point": care_call.point_name,
        "outcome": callback.outcome,
    }
    record_event(lead=callback.lead, kind=LeadEvent.Kind.CALLBACK, text=text, by=by)
    if low:
        _alert_low_score(feedback)
    return feedback


def _alert_low_score(feedback: CareFeedback) -> None:
    managers = Staff.objects.filter(is_active=True, groups__name=Role.CUSTOMER_MANAGER)
    text = _("Low care score %(score)s/5 from %(customer)s: %(comments)s") % {
        "score": feedback.satisfaction,
        "customer": feedback.lead.customer_name,
        "comments": feedback.comments or "-",
    }
    notify_many(
        recipients=list(managers),
        text=text[:500],
        link=reverse("leads:care_call", args=[feedback.care_call_id]),
        target=feedback,
        step=LOW_SCORE_STEP,
    )
