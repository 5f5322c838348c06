"""Daily filing queues: mine, awaiting my confirmation, awaiting archiving."""

from django.db.models import Count, Q, QuerySet

from staff.models import Role, Staff

from ..models import DailyFiling, FilingStatus


def _rows() -> QuerySet[DailyFiling]:
    return DailyFiling.objects.select_related("filed_by", "confirmed_by", "archived_by").annotate(
        entry_count=Count("entries")
    )


def my_filings(user: Staff) -> QuerySet[DailyFiling]:
    return _rows().filter(filed_by=user).order_by("-filing_date")


def awaiting_confirmation(user: Staff) -> QuerySet[DailyFiling]:
    """Submitted filings of the people `user` confirms for (see services.filing.confirmers_of)."""
    mine = Q(filed_by__supervisor=user)
    if user.has_role(Role.MARKETING_MANAGER):
        mine |= Q(filed_by__groups__name__in=[Role.MARKETING_SALES, Role.MARKETING_MANAGER])
    filings = _rows().filter(status=FilingStatus.SUBMITTED).filter(mine).exclude(filed_by=user)
    return filings.distinct().order_by("filing_date", "id")


def awaiting_archive(user: Staff) -> QuerySet[DailyFiling]:
    if not user.has_perm("leads.archive_filing"):
        return DailyFiling.objects.none()
    return _rows().filter(status=FilingStatus.CONFIRMED).order_by("filing_date", "id")


def filing_for_page(pk: int) -> DailyFiling | None:
    return (
        DailyFiling.objects.select_related("filed_by__supervisor", "confirmed_by", "archived_by")
        .prefetch_related("entries__lead")
        .filter(pk=pk)
        .first()
    )


def can_view_filing(user: Staff, filing: DailyFiling) -> bool:
    from ..services.filing import can_confirm

    return (
        filing.filed_by_id == user.pk
        or user.has_perm("leads.archive_filing")
        or can_confirm(filing, user)
    )
