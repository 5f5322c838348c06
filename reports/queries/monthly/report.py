"""RPT-2: the whole monthly report, its derived tables and its charts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from attendance.queries.pay import TOTAL_FIELDS, pay_totals
from dispatch.models import Skip

from ..tables import period_bounds
from .attendance import attendance
from .closures import ReasonRow, closure_reasons
from .common import ZERO, month_of, previous_month
from .complaints import ComplaintFigures, complaints
from .contracts import ContractFigures, contracts
from .fairness import FairnessRow, fairness
from .funnel import Funnel, funnel, funnel_groups


@dataclass
class SkipTierRow:
    tier_label: str
    counts: dict[str, int]  # Skip.Reason value -> count, in table order

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class MonthlyReport:
    month: date
    prev: date
    funnel: Funnel
    contracts: ContractFigures
    fairness: list[FairnessRow]
    closures: list[ReasonRow]
    complaints: ComplaintFigures
    attendance: dict
    pay: dict

    def pay_rows(self) -> list[tuple[str, object]]:
        """The pay totals with their labels: status, head count, then the statement columns."""
        from attendance.models import PayMonth, PayStatement

        statuses = dict(PayMonth._meta.get_field("status").choices)
        status = self.pay.get("status")
        rows: list[tuple[str, object]] = [
            (_("Pay status"), str(statuses.get(status, _("Not prepared")))),
            (_("People paid"), self.pay.get("people") or 0),
        ]
        for name in TOTAL_FIELDS:
            label = str(PayStatement._meta.get_field(name).verbose_name)
            rows.append((label.capitalize(), self.pay.get(name) or ZERO))
        return rows

    @staticmethod
    def skip_reasons() -> list[tuple[str, str]]:
        """The skip reasons in table order, (value, label)."""
        return [(reason.value, str(reason.label)) for reason in Skip.Reason]

    def skips_by_tier(self) -> list[SkipTierRow]:
        """Skips by reason per tier (RPT-2): the designers' rows summed, tier by tier."""
        rows: dict[str, SkipTierRow] = {}
        for row in self.fairness:
            tier = rows.setdefault(
                row.tier, SkipTierRow(row.tier_label, dict.fromkeys(Skip.Reason, 0))
            )
            for reason, n in row.skips.items():
                tier.counts[reason] += n
        return list(rows.values())

    def holds_by_tier(self) -> list[tuple[str, int]]:
        """Quality holds started in the month per tier (QG-3), in the fairness table's order."""
        totals: dict[str, list] = {}
        for row in self.fairness:
            totals.setdefault(row.tier, [row.tier_label, 0])[1] += row.holds
        return [(label, n) for label, n in totals.values()]

    def charts(self) -> dict:
        """The Chart.js datasets (passed with json_script); the same numbers as the tables."""
        funnel, total = self.funnel, self.funnel.total
        return {
            "channels": _series(
                funnel.channels,
                labels="label",
                leads="leads",
                signed="signed",
                prev_leads="prev_leads",
            ),
            "funnel": {
                "labels": [_("Leads"), _("Dispatched"), _("Measured"), _("Signed")],
                "values": [total.leads, total.dispatched, total.measured, total.signed],
            },
            "fairness": {
                "labels": [row.name for row in self.fairness],
                "share": [row.share or 0 for row in self.fairness],
                "allowed": [row.allowed_share or 0 for row in self.fairness],
            },
            "closures": _series(self.closures, labels="label", values="count", prev="prev_count"),
            "complaints": _series(self.complaints.categories, labels="label", values="received"),
        }


def _series(rows: list, **columns: str) -> dict[str, list]:
    """Chart series from table rows: each keyword names a series and the row attribute it plots."""
    return {name: [getattr(row, attr) for row in rows] for name, attr in columns.items()}


def monthly_report(month: date) -> MonthlyReport:
    """RPT-2 for the calendar month starting `month` (compared with the month before)."""
    month = month_of(month)
    first, last = period_bounds("month", month)
    prev = previous_month(month)
    return MonthlyReport(
        month=month,
        prev=prev,
        funnel=funnel(month, funnel_groups(prev, last)),
        contracts=contracts(month, prev, last),
        fairness=fairness(first, last),
        closures=closure_reasons(month, prev, last),
        complaints=complaints(month, prev, last),
        attendance=attendance(first, last),
        pay=pay_totals(month),
    )
