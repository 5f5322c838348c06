"""RPT-4 customer segments (品客管理): leads and signings of a month by community, area band,
budget band, channel or planned decoration month, with conversion and its change against the
month before. Bands are rows (SegmentBand) managers edit; each dimension is one grouped query."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from leads.models import Channel, Contract, Lead

from ..models import BandKind, SegmentBand
from .monthly import ConversionFigures, month_key, previous_month
from .tables import period_bounds

NONE = "-"
DIMENSIONS = {
    "community": gettext_lazy("Community"),
    "area": gettext_lazy("House area"),
    "budget": gettext_lazy("Budget"),
    "channel": gettext_lazy("Channel"),
    "decoration": gettext_lazy("Planned decoration month"),
}
MAX_ROWS = 100


@dataclass
class SegmentRow(ConversionFigures):
    key: str
    label: str
    leads: int = 0
    signed: int = 0
    prev_leads: int = 0
    prev_signed: int = 0

    @property
    def lead_change(self) -> int:
        return self.leads - self.prev_leads


def _bands(kind: str) -> list[SegmentBand]:
    return list(SegmentBand.objects.filter(kind=kind).order_by("order", "low"))


def _band_case(field_name: str, bands: list[SegmentBand]) -> Case:
    whens = []
    for band in bands:
        condition = Q(**{f"{field_name}__gte": band.low})
        if band.high is not None:
            condition &= Q(**{f"{field_name}__lt": band.high})
        whens.append(When(condition, then=Value(str(band.pk))))
    return Case(*whens, default=Value(NONE), output_field=CharField())


def _key_expression(dimension: str) -> tuple[object, dict[str, str]]:
    """The grouping expression and the known keys' labels (in display order)."""
    if dimension in ("area", "budget"):
        kind = BandKind.AREA if dimension == "area" else BandKind.BUDGET
        bands = _bands(kind)
        field_name = "area_m2" if dimension == "area" else "budget"
        return _band_case(field_name, bands), {str(b.pk): b.label for b in bands}
    if dimension == "channel":
        return None, {key: str(label) for key, label in Channel.choices}
    if dimension == "decoration":
        return TruncMonth("planned_decoration_date"), {}
    return None, {}


def segment_label(dimension: str, key: str) -> str:
    """The words a segment row shows for `key` (a channel's name, a band's label), not its code."""
    if key == NONE:
        return str(_("Not given"))
    return _key_expression(dimension)[1].get(key, key)


def _field(dimension: str) -> str:
    return {"channel": "channel", "community": "community"}.get(dimension, "seg")


def _key_text(dimension: str, value) -> str:
    if value in (None, ""):
        return NONE
    if dimension == "decoration":
        return f"{month_key(value):%Y-%m}"
    return str(value)


def segment_rows(dimension: str, month: date) -> list[SegmentRow]:
    """One row per segment with leads this month and last; at most two queries."""
    prev = previous_month(month)
    _first, last = period_bounds("month", month)
    expression, labels = _key_expression(dimension)
    signed = Contract.objects.filter(lead=OuterRef("pk"))
    leads = Lead.objects.filter(consultation_date__range=(prev, last)).annotate(
        m=TruncMonth("consultation_date"), has_s=Exists(signed)
    )
    if expression is not None:
        leads = leads.annotate(seg=expression)
    key_field = _field(dimension)
    groups = (
        leads.values("m", key_field)
        .annotate(n=Count("pk"), s=Count("pk", filter=Q(has_s=True)))
        .order_by()
    )
    rows: dict[str, SegmentRow] = {key: SegmentRow(key, label) for key, label in labels.items()}
    for group in groups:
        key = _key_text(dimension, group[key_field])
        label = _("Not given") if key == NONE else labels.get(key, key)
        row = rows.setdefault(key, SegmentRow(key, label))
        if month_key(group["m"]) == month:
            row.leads += group["n"]
            row.signed += group["s"]
        else:
            row.prev_leads += group["n"]
            row.prev_signed += group["s"]
    found = [row for row in rows.values() if row.leads or row.prev_leads]
    if not labels:  # communities, decoration months: the biggest first
        found.sort(key=lambda row: (-row.leads, -row.prev_leads, row.label))
    return found[:MAX_ROWS]


def segment_leads(dimension: str, key: str, month: date) -> QuerySet[Lead]:
    """The month's leads in one segment (the page the segment opens to)."""
    first, last = period_bounds("month", month)
    leads = Lead.objects.filter(consultation_date__range=(first, last)).select_related("designer")
    if dimension == "community":
        leads = leads.filter(community="" if key == NONE else key)
    elif dimension == "channel":
        leads = leads.filter(channel=key)
    elif dimension == "decoration":
        if key == NONE:
            leads = leads.filter(planned_decoration_date__isnull=True)
        else:
            year, number = (int(part) for part in key.split("-"))
            leads = leads.filter(
                planned_decoration_date__year=year, planned_decoration_date__month=number
            )
    elif dimension in ("area", "budget"):
        kind = BandKind.AREA if dimension == "area" else BandKind.BUDGET
        expression = _band_case("area_m2" if dimension == "area" else "budget", _bands(kind))
        leads = leads.annotate(seg=expression).filter(seg=key)
    signed = Contract.objects.filter(lead=OuterRef("pk"))
    return leads.annotate(has_s=Exists(signed)).order_by("-consultation_date", "-pk")
