"""The leads section of the global search (staff.search): phone, customer name, lead number.

Rows and phone numbers as on the lead list (SEC-1): `visible_leads` and `phone_for`.
"""

from django.db.models import Q
from django.urls import reverse
from django.utils.http import urlencode

from staff.search import LIMIT, Group, Hit, Terms

from .navigation import AREA_ROLES
from .queries.access import phone_for, visible_leads


def _lead_q(terms: Terms) -> Q:
    if terms.phone:
        return Q(phone=terms.phone)
    query = Q(customer_name__icontains=terms.text)
    if terms.lead_number is not None:
        query |= Q(pk=terms.lead_number)
    if terms.digits:
        query |= Q(phone__contains=terms.digits)
    return query


def section(user, terms: Terms) -> Group | None:
    """The first `LIMIT` leads the user may see that match, newest first; None without a role
    in the leads area."""
    if not (user.is_superuser or user.has_role(*AREA_ROLES)):
        return None
    rows = list(
        visible_leads(user)
        .filter(_lead_q(terms))
        .only(
            "customer_name",
            "phone",
            "community",
            "building",
            "state",
            "designer_id",
            "brought_by_id",
            "owner_id",
        )
        .order_by("-created_at", "-id")[: LIMIT + 1]
    )
    prefix = reverse("leads:index")
    hits = [
        Hit(
            kind="lead",
            url=f"{prefix}{lead.pk}/",  # the lead's get_absolute_url, one reverse() for all
            title=lead.customer_name,
            number=str(lead.pk),
            phone=phone_for(user, lead),
            detail=f"{lead.community}{lead.building}",
            status=str(lead.get_state_display()),
        )
        for lead in rows[:LIMIT]
    ]
    return Group("lead", hits, len(rows) > LIMIT, f"{prefix}?{urlencode({'q': terms.text})}")
