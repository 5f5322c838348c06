"""The global search in the top bar (`/search/?q=`): phone, customer name, lead number,
complaint number; results grouped by kind.

Each kind asks its owning app who may see which rows and which phone numbers (SEC-1): leads
through `leads.queries.access` (the lead list's visibility, `phone_for`), complaints through the
register's rule (the register permission, or the responsible department) and the complainant
phone permission. One query per kind, whatever the number of matches: each group shows its first
`LIMIT` rows and links to the full list filtered by the same text.

What each query can use on PostgreSQL: a whole phone number is matched exactly (the phone
indexes), a lead number by primary key, names and complaint numbers with `icontains` (the
trigram indexes of leads 0010 and complaints 0004).
"""

import re
from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse
from django.utils.http import urlencode

from .phones import InvalidPhone, mask_phone, normalize_phone

LIMIT = 10  # rows per kind; the rest are one click away in the full list
MAX_QUERY = 50
MIN_PARTIAL_DIGITS = 4  # a shorter run of digits would match half the customers
LEAD_NUMBER_RE = re.compile(r"#?(\d{1,9})")
PHONE_CHARS = set("0123456789-+ ()（）—–.")


@dataclass(frozen=True)
class Terms:
    """What the typed text can be: its normal phone form, a lead number, digits, plain text."""

    text: str
    phone: str = ""  # normalized, when the text is a whole phone number
    lead_number: int | None = None
    digits: str = ""  # for a partial phone match


def parse(raw: str) -> Terms:
    """Read the search box (pure: no database)."""
    printable = "".join(ch if ch.isprintable() else " " for ch in raw or "")  # no NUL for SQL
    text = " ".join(printable.split())[:MAX_QUERY]
    if not text:
        return Terms("")
    phone = ""
    if set(text) <= PHONE_CHARS or text.startswith("+86"):
        try:
            phone = normalize_phone(text)
        except InvalidPhone:
            phone = ""
    number = LEAD_NUMBER_RE.fullmatch(text)
    digits = "".join(ch for ch in text if ch.isdigit()) if set(text) <= PHONE_CHARS else ""
    return Terms(
        text=text,
        phone=phone,
        lead_number=int(number.group(1)) if number and not phone else None,
        digits=digits if len(digits) >= MIN_PARTIAL_DIGITS and not phone else "",
    )


@dataclass(frozen=True)
class Hit:
    kind: str  # "lead" or "complaint"
    url: str
    title: str  # the customer's name
    number: str  # lead number or complaint number
    phone: str  # full or masked, by the viewer (SEC-1)
    detail: str  # the address, or the complaint's summary
    status: str


@dataclass
class Group:
    kind: str
    hits: list[Hit] = field(default_factory=list)
    more: bool = False  # more matches than shown
    full_list_url: str = ""  # the owning list filtered by the same text, for those who may open it


@dataclass
class Results:
    terms: Terms
    groups: list[Group]

    @property
    def count(self) -> int:
        return sum(len(group.hits) for group in self.groups)


def search(user, raw: str) -> Results:
    terms = parse(raw)
    if not terms.text:
        return Results(terms, [])
    groups = [group for group in (_leads(user, terms), _complaints(user, terms)) if group]
    return Results(terms, groups)


# --- leads ---------------------------------------------------------------------------------------


def _lead_q(terms: Terms) -> Q:
    if terms.phone:
        return Q(phone=terms.phone)
    query = Q(customer_name__icontains=terms.text)
    if terms.lead_number is not None:
        query |= Q(pk=terms.lead_number)
    if terms.digits:
        query |= Q(phone__contains=terms.digits)
    return query


def _leads(user, terms: Terms) -> Group | None:
    from leads.navigation import AREA_ROLES
    from leads.queries.access import phone_for, visible_leads

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


# --- complaints ----------------------------------------------------------------------------------

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


def _complaints(user, terms: Terms) -> Group | None:
    from complaints.models import Complaint

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
