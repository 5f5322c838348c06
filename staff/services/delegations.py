"""Delegations (工作联络单, SLIP-4): a manager away names a delegate who signs for them."""

from datetime import date, timedelta

from django.db import models, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from ..models import Delegation, Role, Staff
from ..navigation import MANAGERS
from .notifications import notify_many


class DelegationError(Exception):
    """A refused delegation, with a message a person can read."""


def _check_period(principal: Staff, delegate: Staff, start: date, end: date) -> None:
    if principal.pk == delegate.pk:
        raise DelegationError(_("A manager cannot name themselves as delegate."))
    if end < start:
        raise DelegationError(_("The delegation period ends before it starts."))
    if not delegate.is_active:
        raise DelegationError(_("The delegate must be an active member of staff."))
    overlapping = Delegation.objects.filter(principal=principal, start__lte=end, end__gte=start)
    if overlapping.exists():
        raise DelegationError(
            _("%(name)s already has a delegate for part of this period.")
            % {"name": principal.get_full_name()}
        )


def may_delegate_for(by: Staff, principal: Staff) -> bool:
    """Managers name their own delegate; HR may record one for any manager."""
    if not principal.has_role(*MANAGERS):
        return False
    return by.pk == principal.pk or by.has_perm("staff.add_delegation")


@transaction.atomic
def name_delegate(
    *, principal: Staff, delegate: Staff, start: date, end: date, reason: str, by: Staff
) -> Delegation:
    """A manager away names who signs for them from `start` to `end` (SLIP-4); the delegate and
    the departments concerned are told."""
    if not may_delegate_for(by, principal):
        raise DelegationError(_("Only the manager, or HR, names a delegate for a manager."))
    if not (reason or "").strip():
        raise DelegationError(_("Say why the manager is away."))
    # Race: two delegations for the same manager saved at once would both pass the overlap check.
    Staff.objects.select_for_update().filter(pk=principal.pk).first()
    _check_period(principal, delegate, start, end)
    delegation = Delegation(
        principal=principal, delegate=delegate, start=start, end=end, reason=reason.strip()
    )
    delegation._history_user = by
    delegation.save()
    _announce(delegation, by)
    return delegation


def concerned_by(delegation: Delegation) -> list[Staff]:
    """Who hears of a delegation: the delegate, the principal's department and direct reports,
    and the customer managers (they route the signed work)."""
    principal = delegation.principal
    people = Staff.objects.filter(is_active=True).filter(
        models.Q(department=principal.department)
        | models.Q(supervisor=principal)
        | models.Q(groups__name=Role.CUSTOMER_MANAGER)
        | models.Q(pk=delegation.delegate_id)
    )
    return [person for person in people.distinct() if person.pk != principal.pk]


def _announce(delegation: Delegation, by: Staff) -> None:
    text = _("%(delegate)s signs for %(principal)s from %(start)s to %(end)s (%(reason)s).") % {
        "delegate": delegation.delegate.get_full_name(),
        "principal": delegation.principal.get_full_name(),
        "start": delegation.start,
        "end": delegation.end,
        "reason": delegation.reason,
    }
    notify_many(recipients=concerned_by(delegation), text=text, link=reverse("staff:delegations"))


@transaction.atomic
def end_delegation(*, delegation: Delegation, by: Staff, today: date) -> Delegation | None:
    """The manager is back early: the delegation ends yesterday (or is withdrawn if it has not
    started). Returns the shortened delegation, or None when withdrawn."""
    if not may_delegate_for(by, delegation.principal):
        raise DelegationError(_("Only the manager, or HR, ends a delegation."))
    if delegation.end < today:
        raise DelegationError(_("This delegation has already ended."))
    delegation._history_user = by
    if delegation.start >= today:
        delegation.delete()
        return None
    delegation.end = today - timedelta(days=1)
    delegation.save(update_fields=["end"])
    return delegation
