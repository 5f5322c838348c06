"""The front desk's home page (frontdesk:index): today at a glance."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q

from attendance.models import BusinessOuting

from ..models import LeadLink, PhoneConsultation, ReceptionEntry, VisitPurpose
from .common import day_bounds

CUSTOMER_PURPOSES = (VisitPurpose.NEW_CUSTOMER, VisitPurpose.EXISTING_CUSTOMER)


@dataclass(frozen=True)
class Today:
    visitors: int
    customers: int
    calls: int
    leads_created: int
    out_now: int


def today_counts(day: date) -> Today:
    """Today's figures in three queries."""
    start, end = day_bounds(day)
    visits = ReceptionEntry.objects.filter(arrived_at__gte=start, arrived_at__lt=end).aggregate(
        visitors=Count("id"),
        customers=Count("id", filter=Q(purpose__in=CUSTOMER_PURPOSES)),
        created=Count("id", filter=Q(lead_link=LeadLink.CREATED)),
    )
    calls = PhoneConsultation.objects.filter(called_at__gte=start, called_at__lt=end).aggregate(
        calls=Count("id"), created=Count("id", filter=Q(lead_link=LeadLink.CREATED))
    )
    out_now = BusinessOuting.objects.filter(out_at__isnull=False, back_at__isnull=True).count()
    return Today(
        visitors=visits["visitors"],
        customers=visits["customers"],
        calls=calls["calls"],
        leads_created=visits["created"] + calls["created"],
        out_now=out_now,
    )
