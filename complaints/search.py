"""The complaints section of the global search (staff.search): complaint number, customer name,
phone.

The register's rule (SEC-1): the register permission, or only the complaints one's department
handles (CMP-5); only those who may see complainants' phones search by phone or see it unmasked.
"""

from django.db.models import Q
from django.urls import reverse
from django.utils.http import urlencode

from staff.phones import mask_phone
from staff.search import LIMIT, Group, Hit, Terms

from .models import Complaint

VIEW_REGISTER = "complaints.view_register"
SEE_PHONE = "complaints.view_complainant_phone"


def _complaint_q(terms: Terms, sees_phone: bool) -> Q:
    """The register's rule: only those who may see complainants' phones search by phone."""
    if terms.phone:
        return Q(phone=terms.phone) if sees_phone else Q(pk__in=[])
    query = Q(number__icontains=terms.text) | Q(customer_name__icontains=terms.text)
    if terms.digits and sees_phone:
        query |= Q(phone__contains=terms.digits)
    return query


def section(user, terms: Terms) -> Group | None:
    """The first `LIMIT` complaints the user may see that match, newest first; None for someone
    with neither the register nor a department."""
    reads_register = user.has_perm(VIEW_REGISTER)
    department = getattr(user, "department", "")
    if not reads_register and not department:
        return None
    sees_phone = user.has_perm(SEE_PHONE)
    rows = Complaint.objects.filter(_complaint_q(terms, sees_phone))
    if not reads_register:  # only the complaints their department handles (CMP-5)
        rows = rows.filter(responsible_department=department)
    rows = list(
        rows.only("number", "customer_name", "phone", "summary", "status").order_by(
            "-received_at", "-id"
        )[: LIMIT + 1]
    )
    hits = [
        Hit(
            kind="complaint",
            url=complaint.get_absolute_url(),
            title=complaint.customer_name,
            number=complaint.number,
            phone=complaint.phone if sees_phone else mask_phone(complaint.phone),
            detail=complaint.summary[:60],
            status=str(complaint.get_status_display()),
        )
        for complaint in rows[:LIMIT]
    ]
    full = ""
    if reads_register:
        full = f"{reverse('complaints:index')}?{urlencode({'q': terms.text})}"
    return Group("complaint", hits, len(rows) > LIMIT, full)
