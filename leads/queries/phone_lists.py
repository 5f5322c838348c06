"""Phone lists with each number marked visited (已入店), signed (已签单) or new (LEAD-5)."""

from django.db.models import Case, CharField, Count, Exists, OuterRef, QuerySet, Value, When

from ..models import Lead, LeadState, PhoneList, PhoneListEntry
from ..rules.intake import PhoneListStatus


def phone_lists() -> QuerySet[PhoneList]:
    return (
        PhoneList.objects.select_related("imported_by")
        .annotate(entry_count=Count("entries"))
        .order_by("-imported_at", "-id")
    )


def marked_entries(phone_list: PhoneList, status: str = "") -> QuerySet[PhoneListEntry]:
    """Entries with `status`: signed outranks visited (leads.rules.intake.phone_list_status).

    Visited: some lead with this phone came to the office; signed: some lead with it signed.
    """
    leads = Lead.objects.filter(phone=OuterRef("phone"))
    entries = phone_list.entries.annotate(
        status=Case(
            When(Exists(leads.filter(state=LeadState.SIGNED)), then=Value(PhoneListStatus.SIGNED)),
            When(
                Exists(leads.filter(first_visit_at__isnull=False)),
                then=Value(PhoneListStatus.VISITED),
            ),
            default=Value(PhoneListStatus.NEW),
            output_field=CharField(),
        )
    )
    if status in PhoneListStatus.__members__:
        entries = entries.filter(status=status)
    return entries.order_by("id")


def status_counts(phone_list: PhoneList) -> dict[str, int]:
    rows = marked_entries(phone_list).values("status").annotate(n=Count("id")).order_by()
    counts = {status.value: 0 for status in PhoneListStatus}
    counts.update({row["status"]: row["n"] for row in rows})
    return counts
