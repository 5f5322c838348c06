"""The rows that follow a generated lead, from the plan `leads.py` made for it: ownership claim,
assignment with its skips, measurement, contract, confirmed closure, and the callbacks."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal

from dispatch.models import Assignment, Skip
from leads.models import Callback, Closure, Contract, Lead, Measurement, OwnershipClaim

from . import names
from .base import BATCH, TZ, Run


def make_lead_rows(run: Run, plans: list[dict]) -> None:
    rng, end = run.rng, datetime.combine(run.plan.end, time(23, 59), TZ)
    rows: dict[type, list] = {
        OwnershipClaim: [],
        Assignment: [],
        Measurement: [],
        Contract: [],
        Closure: [],
    }
    callbacks, closure_steps, skip_steps = [], [], []
    for n, step in enumerate(plans):
        lead = step["lead"]
        if step["claim"] is not None:
            rows[OwnershipClaim].append(_claim(lead, step["claim"]))
        if "assign" in step:
            assignment = _assignment(lead, *step["assign"])
            rows[Assignment].append(assignment)
            skip_steps.append((assignment, step["skips"]))
            callbacks.append(_callback_after_dispatch(lead, assignment, step["cs"], end))
        if "measure" in step:
            rows[Measurement].append(_measurement(lead, step["measure"]))
        if "sign" in step:
            refunded = step.get("close", (0, 0, ""))[2] == "REFUND"
            contract_type = "DESIGN" if rng.random() < 0.3 else "CONSTRUCTION"
            rows[Contract].append(_contract(lead, step["sign"], n, contract_type, refunded))
        if "close" in step:
            rows[Closure].append(_closure(lead, step, rng.choice(names.CUSTOMER_WORDS)))
            closure_steps.append(step)
    for model, created in rows.items():
        model.objects.bulk_create(created, batch_size=BATCH)
        run.tally(model._meta.model_name, len(created), model._meta.model_name)
    _make_skips(run, skip_steps)
    for closure, step in zip(rows[Closure], closure_steps, strict=True):
        callbacks.append(_callback_after_closure(closure, step["cs"]))
    Callback.objects.bulk_create(callbacks, batch_size=BATCH)
    run.tally("callback", len(callbacks), "callbacks")


def _make_skips(run: Run, skip_steps: list[tuple[Assignment, list]]) -> None:
    skips = [
        Skip(assignment=a, designer=d, reason=reason, skipped_at=a.dispatched_at)
        for a, passed_over in skip_steps
        for d, reason in passed_over
    ]
    Skip.objects.bulk_create(skips, batch_size=BATCH)
    run.tally("skip", len(skips), "skips")


def _claim(lead: Lead, claimant) -> OwnershipClaim:
    return OwnershipClaim(
        lead=lead,
        claimant=claimant,
        basis="APPOINTMENT",
        source="INTAKE",
        recorded_at=lead.created_at,
        consultation_date=lead.consultation_date,
        has_complete_details=True,
        recorded_by=lead.created_by,
    )


def _assignment(lead: Lead, designer, at: datetime, cm) -> Assignment:
    return Assignment(
        lead=lead, designer=designer, dispatched_at=at, dispatched_by=cm, method="ROTATION"
    )


def _callback_after_dispatch(lead: Lead, assignment: Assignment, cs, end: datetime) -> Callback:
    """The call 24 hours after dispatch; done unless due in the generated period's last day."""
    due = assignment.dispatched_at + timedelta(hours=24)
    done = due < end - timedelta(days=1)
    return Callback(
        lead=lead,
        kind="AFTER_DISPATCH",
        assignee=cs,
        due_at=due,
        created_at=assignment.dispatched_at,
        done_at=due if done else None,
        done_by=cs if done else None,
        outcome="客户已与设计师约好量房" if done else "",
    )


def _measurement(lead: Lead, day) -> Measurement:
    return Measurement(
        lead=lead,
        measured_on=day,
        designer=lead.designer,
        recorded_by=lead.designer,
        recorded_at=datetime.combine(day, time(18), TZ),
    )


def _contract(lead: Lead, day, n: int, contract_type: str, refunded: bool) -> Contract:
    return Contract(
        lead=lead,
        number=f"HT{day:%Y%m}-V{n:06d}",
        contract_type=contract_type,
        amount=lead.budget or Decimal(50000),
        signed_on=day,
        designer=lead.designer,
        recorded_by=lead.designer,
        recorded_at=datetime.combine(day, time(17), TZ),
        refunded_at=lead.closed_at if refunded else None,
    )


def _closure(lead: Lead, step: dict, customer_words: str) -> Closure:
    """Confirmed a day after it was proposed: an invalid lead by the customer manager, a dead one
    (proposed by the agent after the second call) by the design manager."""
    kind, state, reason, cm, _closed = step["close"]
    return Closure(
        lead=lead,
        kind=kind,
        reason=reason,
        customer_words=customer_words,
        state_at_proposal=state,
        proposed_by=cm if kind == "INVALID" else step["cs"],
        proposed_at=lead.closed_at - timedelta(days=1),
        status="CONFIRMED",
        decided_by=step["dm"] if kind == "DEAD" else cm,
        decided_at=lead.closed_at,
        decision_note="二次回访确认",
    )


def _callback_after_closure(closure: Closure, cs) -> Callback:
    return Callback(
        lead=closure.lead,
        kind="CLOSURE_PENDING",
        assignee=cs,
        due_at=closure.proposed_at + timedelta(hours=24),
        closure=closure,
        created_at=closure.proposed_at,
        done_at=closure.decided_at,
        done_by=cs,
        outcome=closure.decision_note,
    )
