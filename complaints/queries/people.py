"""People and leads a complaint involves: the customer's lead, who is notified."""

from __future__ import annotations

from django.db.models import QuerySet

from leads.models import OPEN_STATES, Lead
from staff.models import Role, Staff


def matching_lead(phone: str) -> Lead | None:
    """The customer's open lead with this (normalized) phone, else their latest lead."""
    if not phone:
        return None
    leads = Lead.objects.filter(phone=phone)
    return (
        leads.filter(state__in=OPEN_STATES).order_by("-created_at", "-id").first()
        or leads.order_by("-created_at", "-id").first()
    )


def staff_with_roles(roles) -> QuerySet[Staff]:
    return Staff.objects.filter(is_active=True, groups__name__in=list(roles)).distinct()


def customer_managers() -> QuerySet[Staff]:
    return staff_with_roles([Role.CUSTOMER_MANAGER])


def general_managers() -> QuerySet[Staff]:
    return staff_with_roles([Role.GM])


def department_heads(department: str) -> QuerySet[Staff]:
    """Active members of a department whose supervisor is outside it: the ones who lead it."""
    return Staff.objects.filter(is_active=True, department=department).exclude(
        supervisor__department=department
    )
