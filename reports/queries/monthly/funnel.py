"""RPT-2 funnel: the month's leads by channel, size class, designer tier and designer, how many
were dispatched, measured and signed, against last month."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from leads.models import Channel, Contract, Lead, Measurement, SizeClass
from staff.models import DesignerTier

from .common import delta, month_key, pct


class ConversionFigures:
    """Conversion (signed ÷ leads) this month and last, with the change in points."""

    leads: int
    signed: int
    prev_leads: int
    prev_signed: int

    @property
    def conversion(self) -> float | None:
        return pct(self.signed, self.leads)

    @property
    def prev_conversion(self) -> float | None:
        return pct(self.prev_signed, self.prev_leads)

    @property
    def change(self) -> float | None:
        """Conversion now minus last month, in percentage points."""
        return delta(self.conversion, self.prev_conversion)


@dataclass
class FunnelRow(ConversionFigures):
    key: str
    label: str
    leads: int = 0
    dispatched: int = 0
    measured: int = 0
    signed: int = 0
    prev_leads: int = 0
    prev_signed: int = 0

    def add(self, row: dict, current: bool) -> None:
        if current:
            self.leads += row["leads"]
            self.dispatched += row["dispatched"]
            self.measured += row["measured"]
            self.signed += row["signed"]
        else:
            self.prev_leads += row["leads"]
            self.prev_signed += row["signed"]


def funnel_groups(prev: date, last: date) -> list[dict]:
    """Leads consulted in the two months, grouped by month and every funnel dimension."""
    measured = Measurement.objects.filter(lead=OuterRef("pk"))
    signed = Contract.objects.filter(lead=OuterRef("pk"))
    return list(
        Lead.objects.filter(consultation_date__range=(prev, last))
        .annotate(m=TruncMonth("consultation_date"), has_m=Exists(measured), has_s=Exists(signed))
        .values(
            "m", "channel", "size_class", "designer_id", "designer__name", "designer__designer_tier"
        )
        .annotate(
            leads=Count("pk"),
            dispatched=Count("pk", filter=Q(dispatched_at__isnull=False)),
            measured=Count("pk", filter=Q(has_m=True)),
            signed=Count("pk", filter=Q(has_s=True)),
        )
        .order_by()
    )


def _roll_up(groups: list[dict], month: date, key_of, labels: dict[str, str]) -> list[FunnelRow]:
    rows: dict[str, FunnelRow] = {key: FunnelRow(key, str(label)) for key, label in labels.items()}
    for group in groups:
        key, label = key_of(group)
        row = rows.setdefault(key, FunnelRow(key, str(label)))
        row.add(group, month_key(group["m"]) == month)
    return [row for row in rows.values() if row.leads or row.prev_leads]


@dataclass
class Funnel:
    total: FunnelRow
    channels: list[FunnelRow]
    sizes: list[FunnelRow]
    tiers: list[FunnelRow]
    designers: list[FunnelRow]


def funnel(month: date, groups: list[dict]) -> Funnel:
    unknown = _("Not given")
    nobody = _("Not dispatched")
    return Funnel(
        total=(
            _roll_up(groups, month, lambda g: ("all", _("All leads")), {})
            or [FunnelRow("all", _("All leads"))]
        )[0],
        channels=_roll_up(groups, month, lambda g: (g["channel"], ""), dict(Channel.choices)),
        sizes=_roll_up(
            groups, month, lambda g: (g["size_class"] or "-", unknown), dict(SizeClass.choices)
        ),
        tiers=_roll_up(
            groups,
            month,
            lambda g: (g["designer__designer_tier"] or "-", nobody),
            dict(DesignerTier.choices),
        ),
        designers=sorted(
            _roll_up(
                groups,
                month,
                lambda g: (str(g["designer_id"] or "-"), g["designer__name"] or nobody),
                {},
            ),
            key=lambda row: (-row.leads, row.label),
        ),
    )
