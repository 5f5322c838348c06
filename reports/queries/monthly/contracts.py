"""RPT-2 contracts: the month's signings by contract type, with amounts and refunds."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncMonth

from leads.models import Contract

from .common import ZERO, month_key


@dataclass
class ContractFigures:
    count: int = 0
    amount: Decimal = ZERO
    refunded: int = 0
    prev_count: int = 0
    prev_amount: Decimal = ZERO
    by_type: dict[str, dict] = field(default_factory=dict)


def contracts(month: date, prev: date, last: date) -> ContractFigures:
    from leads.models import ContractType

    groups = (
        Contract.objects.filter(signed_on__range=(prev, last))
        .annotate(m=TruncMonth("signed_on"))
        .values("m", "contract_type")
        .annotate(
            n=Count("pk"),
            amount=Sum("amount"),
            refunded=Count("pk", filter=Q(refunded_at__isnull=False)),
        )
        .order_by()
    )
    figures = ContractFigures()
    labels = dict(ContractType.choices)
    for group in groups:
        amount = group["amount"] or ZERO
        if month_key(group["m"]) == month:
            figures.count += group["n"]
            figures.amount += amount
            figures.refunded += group["refunded"]
            figures.by_type[str(labels.get(group["contract_type"], group["contract_type"]))] = {
                "count": group["n"],
                "amount": amount,
            }
        else:
            figures.prev_count += group["n"]
            figures.prev_amount += amount
    return figures
