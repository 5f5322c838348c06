"""Faults (过失单, FD-5): recorded against a person, withdrawn (never deleted) when in error."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Fault, FaultType, Staff
from .notifications import notify


class FaultError(Exception):
    """A refused fault operation, with a message a person can read."""


def may_record_faults(user: Staff) -> bool:
    return user.has_perm("staff.add_fault")


@transaction.atomic
def record_fault(
    *,
    staff: Staff,
    fault_type: FaultType,
    occurred_on: date,
    note: str,
    by: Staff,
    deduction: Decimal | None = None,
) -> Fault:
    """The customer manager records a fault slip against a person (FD-5); the person is told.

    The deduction is the type's default unless the manager sets another amount.
    """
    if not may_record_faults(by):
        raise FaultError(_("Only the customer manager records faults."))
    if not (note or "").strip():
        raise FaultError(_("Describe what happened."))
    if not fault_type.is_active:
        raise FaultError(_("This fault type is no longer in use."))
    if occurred_on > timezone.localdate():
        raise FaultError(_("A fault cannot be dated in the future."))
    amount = fault_type.default_deduction if deduction is None else deduction
    if amount < 0:
        raise FaultError(_("The deduction cannot be negative."))
    fault = Fault(
        staff=staff,
        fault_type=fault_type,
        occurred_on=occurred_on,
        deduction=amount,
        note=note.strip(),
        recorded_by=by,
        recorded_at=timezone.now(),
    )
    fault._history_user = by
    fault.save()
    _tell_about_fault(fault)
    return fault


def _tell_about_fault(fault: Fault) -> None:
    text = _(
        "A fault slip was recorded for you: %(type)s on %(day)s, deduction %(amount)s yuan."
    ) % {
        "type": fault.fault_type.name,
        "day": fault.occurred_on,
        "amount": fault.deduction,
    }
    notify(recipient=fault.staff, text=text, link=reverse("staff:faults"))


@transaction.atomic
def withdraw_fault(*, fault: Fault, reason: str, by: Staff) -> Fault:
    """A fault recorded in error is withdrawn (kept with the reason); it no longer deducts."""
    if not by.has_perm("staff.change_fault"):
        raise FaultError(_("Only the customer manager withdraws a fault."))
    if not (reason or "").strip():
        raise FaultError(_("Say why the fault is withdrawn."))
    # Race: two clicks withdrawing at once; the lock makes the second see the first.
    fault = Fault.objects.select_for_update().get(pk=fault.pk)
    if fault.is_withdrawn:
        raise FaultError(_("This fault has already been withdrawn."))
    fault.withdrawn_at = timezone.now()
    fault.withdrawn_by = by
    fault.withdraw_reason = reason.strip()
    fault._history_user = by
    fault.save(update_fields=["withdrawn_at", "withdrawn_by", "withdraw_reason"])
    notify(
        recipient=fault.staff,
        text=_("Your fault slip of %(day)s (%(type)s) was withdrawn.")
        % {"day": fault.occurred_on, "type": fault.fault_type.name},
        link=reverse("staff:faults"),
    )
    return fault
