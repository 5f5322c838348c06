"""Slip lists: awaiting each signer, the salesperson's own, all slips, and HR's list."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from staff.models import Delegation, Role, Staff

from ..models import OPEN_STATES, SlipSignature, SlipStep, TransferSlip


class SlipStatus:
    AWAITING_MARKETING = "AWAITING_MARKETING"
    AWAITING_STORE = "AWAITING_STORE"
    SIGNED = "SIGNED"
    DISPATCHED = "DISPATCHED"


def _signed(step: str) -> Exists:
    return Exists(SlipSignature.objects.filter(slip=OuterRef("pk"), step=step))


def slip_rows() -> QuerySet[TransferSlip]:
    """Slips with what their list rows show, in a fixed number of queries."""
    signatures = SlipSignature.objects.select_related("signer", "on_behalf_of")
    return (
        TransferSlip.objects.select_related("lead", "salesperson", "preferred_designer", "designer")
        .prefetch_related(Prefetch("signatures", queryset=signatures))
        .annotate(
            marketing_signed=_signed(SlipStep.MARKETING_MANAGER),
            store_signed=_signed(SlipStep.STORE_MANAGER),
        )
        .order_by("-filled_at", "-id")
    )


def with_status(slips: QuerySet[TransferSlip], status: str) -> QuerySet[TransferSlip]:
    filters = {
        SlipStatus.AWAITING_MARKETING: Q(marketing_signed=False),
        SlipStatus.AWAITING_STORE: Q(marketing_signed=True, store_signed=False),
        SlipStatus.SIGNED: Q(store_signed=True, dispatched_at__isnull=True),
        SlipStatus.DISPATCHED: Q(dispatched_at__isnull=False),
    }
    return slips.filter(filters[status]) if status in filters else slips


def steps_signable_by(user: Staff, today: date) -> list[str]:
    """The steps `user` signs today: in their own right, or as a delegate in force (SLIP-4)."""
    steps = [step for step in SlipStep.values if user.has_role(step)]
    delegated = Delegation.objects.filter(
        delegate=user, start__lte=today, end__gte=today, principal__is_active=True
    ).values_list("principal__groups__name", flat=True)
    steps += [step for step in SlipStep.values if step in set(delegated) and step not in steps]
    return steps


def slips_awaiting(user: Staff, today: date) -> QuerySet[TransferSlip]:
    """Slips whose next step `user` may sign today; none of which they signed already."""
    steps = steps_signable_by(user, today)
    awaiting = Q(pk__in=[])
    if SlipStep.MARKETING_MANAGER in steps:
        awaiting |= Q(marketing_signed=False)
    if SlipStep.STORE_MANAGER in steps:
        awaiting |= Q(marketing_signed=True, store_signed=False)
    mine = SlipSignature.objects.filter(slip=OuterRef("pk"), signer=user)
    return slip_rows().filter(awaiting).exclude(Exists(mine)).filter(lead__state__in=OPEN_STATES)


def slips_for(user: Staff) -> QuerySet[TransferSlip]:
    """All slips for those who manage or sign them; a salesperson's own otherwise."""
    if user.has_perm("leads.view_transferslip"):
        return slip_rows()
    return slip_rows().filter(salesperson=user)


@dataclass(frozen=True)
class HrFilters:
    date_from: date | None = None
    date_to: date | None = None
    salesperson: str = ""


def hr_slips(filters: HrFilters = HrFilters()) -> QuerySet[TransferSlip]:
    """SLIP-3: slips of dispatched leads, for HR (by dispatch date)."""
    slips = slip_rows().filter(dispatched_at__isnull=False)
    if filters.date_from:
        slips = slips.filter(dispatched_at__date__gte=filters.date_from)
    if filters.date_to:
        slips = slips.filter(dispatched_at__date__lte=filters.date_to)
    if filters.salesperson:
        slips = slips.filter(salesperson_id=filters.salesperson)
    return slips.order_by("-dispatched_at", "-id")


def salespeople() -> QuerySet[Staff]:
    return Staff.objects.filter(groups__name=Role.MARKETING_SALES).order_by("name")
