"""Who sees which leads and which phone numbers (SEC-1).

- `leads.view_all_leads`: customer service, the design and store managers, the GM.
- Everyone else sees the leads they are part of: designers those dispatched to them, salespeople
  and engineering staff those they brought, filled a slip for or own; the marketing manager also
  every marketing lead.
- Full phone numbers: holders of `leads.view_customer_phone` (front desk, agents, customer
  manager, design manager: they call customers back), and the people working the lead
  (its designer, who brought it, its owner). Everyone else sees 138****5678.
"""

from django.db.models import Q, QuerySet

from staff.models import Role, Staff
from staff.phones import mask_phone

from ..models import Channel, Lead


def sees_all_leads(user: Staff) -> bool:
    return user.has_perm("leads.view_all_leads")


def visible_leads(user: Staff) -> QuerySet[Lead]:
    leads = Lead.objects.all()
    if sees_all_leads(user):
        return leads
    return leads.filter(own_leads_filter(user))


def own_leads_filter(user: Staff) -> Q:
    mine = Q(designer=user) | Q(brought_by=user) | Q(owner=user) | Q(slip__salesperson=user)
    if user.has_role(Role.MARKETING_MANAGER):
        mine |= Q(channel=Channel.MARKETING)
    return mine


def can_view_lead(user: Staff, lead: Lead) -> bool:
    return sees_all_leads(user) or visible_leads(user).filter(pk=lead.pk).exists()


def shows_full_phone(user: Staff, lead: Lead) -> bool:
    if user.has_perm("leads.view_customer_phone"):
        return True
    return user.pk in (lead.designer_id, lead.brought_by_id, lead.owner_id)


def phone_for(user: Staff, lead: Lead) -> str:
    return lead.phone if shows_full_phone(user, lead) else mask_phone(lead.phone)
