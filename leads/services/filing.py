"""Daily filing by marketing and engineering staff (ATTR-2 ARCHIVE_RECORD, LEAD-5).

Filed (DRAFT -> SUBMITTED) by the staff member, confirmed by their department manager
(-> CONFIRMED), archived by customer service (-> ARCHIVED). Only archiving turns entries into
leads or claims: each entry goes through intake with an archive-record claim whose evidence is
the consultation date. Adding entries is all-or-nothing: one bad row and nothing is saved.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from staff.models import Department, Role, Staff
from staff.services import notify, notify_many

from ..models import (
    Channel,
    ClaimBasis,
    ClaimSource,
    DailyFiling,
    FilingEntry,
    FilingOutcome,
    FilingStatus,
)
from .config import claim_config_on
from .errors import LeadError
from .intake import Evidence, IntakeData, clean_phone, register_lead

FILER_ROLES = (Role.MARKETING_SALES, Role.MARKETING_MANAGER, Role.ENGINEERING)


@dataclass(frozen=True)
class EntryData:
    customer_name: str
    phone: str
    community: str
    consultation_date: date
    building: str = ""
    area_m2: Decimal | None = None
    budget: Decimal | None = None
    planned_decoration_date: date | None = None
    notes: str = ""


@dataclass(frozen=True)
class RowError:
    row: int  # 1-based, as the person counts the rows of their file or list
    messages: tuple[str, ...]

    def __str__(self) -> str:
        return _("Row %(row)s: %(reasons)s") % {
            "row": self.row,
            "reasons": "; ".join(self.messages),
        }


class FilingError(LeadError):
    """Rows refused, each with its reasons; nothing was saved."""

    def __init__(self, rows: list[RowError]) -> None:
        super().__init__(
            _("Nothing was saved: %(count)s row(s) need correcting.") % {"count": len(rows)}
        )
        self.rows = rows


def channel_of(person: Staff) -> str:
    """Marketing staff file marketing leads; everyone else who files, engineering leads."""
    if person.department == Department.MARKETING or person.has_role(
        Role.MARKETING_SALES, Role.MARKETING_MANAGER
    ):
        return Channel.MARKETING
    return Channel.ENGINEERING


@transaction.atomic
def open_filing(*, by: Staff, filing_date: date) -> DailyFiling:
    """Today's (or a given day's) filing of `by`, created on first use."""
    if not by.has_role(*FILER_ROLES):
        raise LeadError(_("Only marketing and engineering staff file daily leads."))
    filing, _created = DailyFiling.objects.get_or_create(
        filed_by=by,
        filing_date=filing_date,
        defaults={"department": by.department or channel_of(by)},
    )
    return filing


def _locked(filing: DailyFiling) -> DailyFiling:
    """Race: the filer adding rows while the manager confirms; one waits for the other."""
    return DailyFiling.objects.select_for_update().select_related("filed_by").get(pk=filing.pk)


@transaction.atomic
def add_entries(
    *,
    filing: DailyFiling,
    entries: list[EntryData],
    by: Staff,
    row_numbers: list[int] | None = None,
) -> list[FilingEntry]:
    """Add rows to a filing being filled; any bad row refuses them all (FilingError).

    `row_numbers` are the rows' numbers in the person's file (default 1, 2, ...), so reasons
    point at the right line even when some lines were already refused for their shape.
    """
    filing = _locked(filing)
    _check_editable(filing, by)
    rows, errors = check_entries(filing=filing, entries=entries, row_numbers=row_numbers)
    if errors:
        raise FilingError(errors)
    return FilingEntry.objects.bulk_create(rows)


def check_entries(
    *, filing: DailyFiling, entries: list[EntryData], row_numbers: list[int] | None = None
) -> tuple[list[FilingEntry], list[RowError]]:
    """The unsaved rows and the reasons of every refused one (nothing is written)."""
    today = timezone.localdate()
    backdate = claim_config_on(today).archive_backdate_days
    taken = set(filing.entries.values_list("phone", flat=True))
    numbers = row_numbers or list(range(1, len(entries) + 1))
    rows, errors = [], []
    for number, entry in zip(numbers, entries):
        phone, messages = _check_entry(entry, today, backdate, taken)
        if messages:
            errors.append(RowError(number, tuple(messages)))
        else:
            taken.add(phone)
            rows.append(_entry_row(filing, entry, phone))
    return rows, errors


def _check_editable(filing: DailyFiling, by: Staff) -> None:
    if filing.filed_by_id != by.pk:
        raise LeadError(_("Only the person who files it can change a daily filing."))
    if filing.status != FilingStatus.DRAFT:
        raise LeadError(_("This filing was submitted; it can no longer be changed."))


def _check_entry(
    entry: EntryData, today: date, backdate_days: int, taken: set[str]
) -> tuple[str, list[str]]:
    messages = []
    phone = ""
    try:
        phone = clean_phone(entry.phone)
    except LeadError as exc:
        messages.append(str(exc))
    if phone and phone in taken:
        messages.append(_("This phone number is already on the filing."))
    if not entry.customer_name.strip():
        messages.append(_("Enter the customer's name."))
    if not entry.community.strip():
        messages.append(_("Enter the community."))
    if entry.consultation_date > today:
        messages.append(_("The consultation date cannot be in the future."))
    elif entry.consultation_date < today - timedelta(days=backdate_days):
        messages.append(
            _("The consultation date may be at most %(days)s days back.") % {"days": backdate_days}
        )
    if entry.area_m2 is not None and entry.area_m2 <= 0:
        messages.append(_("The house area must be more than 0 m²."))
    return phone, messages


def _entry_row(filing: DailyFiling, entry: EntryData, phone: str) -> FilingEntry:
    return FilingEntry(
        filing=filing,
        customer_name=entry.customer_name.strip(),
        phone=phone,
        community=entry.community.strip(),
        building=entry.building.strip(),
        area_m2=entry.area_m2,
        budget=entry.budget,
        planned_decoration_date=entry.planned_decoration_date,
        consultation_date=entry.consultation_date,
        notes=entry.notes.strip(),
        recorded_at=timezone.now(),
    )


@transaction.atomic
def remove_entry(*, entry: FilingEntry, by: Staff) -> None:
    _check_editable(_locked(entry.filing), by)
    entry.delete()


@transaction.atomic
def submit_filing(*, filing: DailyFiling, by: Staff) -> DailyFiling:
    """Send the day's filing to the department manager."""
    filing = _locked(filing)
    _check_editable(filing, by)
    if not filing.entries.exists():
        raise LeadError(_("Add at least one customer before submitting."))
    filing.status = FilingStatus.SUBMITTED
    filing.submitted_at = timezone.now()
    filing.return_reason = ""
    _save(filing, by)
    text = _("%(name)s's daily filing of %(day)s waits for your confirmation.") % {
        "name": by.get_full_name(),
        "day": filing.filing_date,
    }
    notify_many(recipients=confirmers_of(filing), text=text, link=filing.get_absolute_url())
    return filing


def confirmers_of(filing: DailyFiling) -> list[Staff]:
    """The filer's direct supervisor, and the marketing manager for marketing filings."""
    people = []
    supervisor = filing.filed_by.supervisor
    if supervisor is not None and supervisor.is_active:
        people.append(supervisor)
    if channel_of(filing.filed_by) == Channel.MARKETING:
        people += Staff.objects.filter(is_active=True, groups__name=Role.MARKETING_MANAGER)
    return [p for p in {p.pk: p for p in people}.values() if p.pk != filing.filed_by_id]


def can_confirm(filing: DailyFiling, user: Staff) -> bool:
    return any(person.pk == user.pk for person in confirmers_of(filing))


@transaction.atomic
def confirm_filing(*, filing: DailyFiling, by: Staff) -> DailyFiling:
    """The department manager confirms the day's report; customer service is asked to archive."""
    filing = _locked(filing)
    if not can_confirm(filing, by):
        raise LeadError(_("Only the filer's department manager confirms a daily filing."))
    if filing.status != FilingStatus.SUBMITTED:
        raise LeadError(_("Only a submitted filing can be confirmed."))
    filing.status = FilingStatus.CONFIRMED
    filing.confirmed_by = by
    filing.confirmed_at = timezone.now()
    _save(filing, by)
    archivers = Staff.objects.filter(is_active=True, groups__name=Role.CUSTOMER_MANAGER)
    text = _("The daily filing of %(name)s (%(day)s) is confirmed and waits to be archived.") % {
        "name": filing.filed_by.get_full_name(),
        "day": filing.filing_date,
    }
    notify_many(recipients=archivers, text=text, link=filing.get_absolute_url())
    return filing


@transaction.atomic
def return_filing(*, filing: DailyFiling, by: Staff, reason: str) -> DailyFiling:
    """Send a filing back to the filer for corrections (by the manager or by customer service)."""
    filing = _locked(filing)
    reason = (reason or "").strip()
    if not reason:
        raise LeadError(_("Say what needs correcting."))
    allowed = (filing.status == FilingStatus.SUBMITTED and can_confirm(filing, by)) or (
        filing.status == FilingStatus.CONFIRMED and by.has_perm("leads.archive_filing")
    )
    if not allowed:
        raise LeadError(_("You cannot send this filing back."))
    filing.status = FilingStatus.DRAFT
    filing.return_reason = reason[:300]
    filing.confirmed_by = None
    filing.confirmed_at = None
    _save(filing, by)
    text = _("Your daily filing of %(day)s was sent back: %(reason)s") % {
        "day": filing.filing_date,
        "reason": reason,
    }
    notify(recipient=filing.filed_by, text=text, link=filing.get_absolute_url())
    return filing


@transaction.atomic
def archive_filing(*, filing: DailyFiling, by: Staff) -> DailyFiling:
    """Customer service archives a confirmed filing: every entry becomes a lead, or an
    archive-record claim on the customer's open lead (ATTR-2, LEAD-2)."""
    if not by.has_perm("leads.archive_filing"):
        raise LeadError(_("Only customer service archives daily filings."))
    filing = _locked(filing)
    if filing.status != FilingStatus.CONFIRMED:
        raise LeadError(_("Only a confirmed filing can be archived."))
    results = [_archive_entry(entry, filing, by) for entry in filing.entries.all()]
    filing.status = FilingStatus.ARCHIVED
    filing.archived_by = by
    filing.archived_at = timezone.now()
    _save(filing, by)
    created = sum(1 for entry in results if entry.outcome == FilingOutcome.NEW_LEAD)
    text = _(
        "Your daily filing of %(day)s is archived: %(new)s new lead(s), %(claims)s claim(s) on "
        "customers already registered."
    ) % {"day": filing.filing_date, "new": created, "claims": len(results) - created}
    notify(recipient=filing.filed_by, text=text, link=filing.get_absolute_url())
    return filing


def _archive_entry(entry: FilingEntry, filing: DailyFiling, by: Staff) -> FilingEntry:
    data = IntakeData(
        customer_name=entry.customer_name,
        phone=entry.phone,
        channel=channel_of(filing.filed_by),
        consultation_date=entry.consultation_date,
        community=entry.community,
        building=entry.building,
        area_m2=entry.area_m2,
        budget=entry.budget,
        planned_decoration_date=entry.planned_decoration_date,
        brought_by=filing.filed_by,
        notes=entry.notes,
    )
    evidence = Evidence(
        basis=ClaimBasis.ARCHIVE_RECORD,
        source=ClaimSource.FILING,
        recorded_at=entry.recorded_at,
        consultation_date=entry.consultation_date,
    )
    result = register_lead(data=data, by=by, evidence=evidence)
    entry.lead = result.lead
    entry.claim = result.claims[0] if result.claims else None
    entry.outcome = FilingOutcome.NEW_LEAD if result.created else FilingOutcome.CLAIM
    entry.save(update_fields=["lead", "claim", "outcome"])
    return entry


def _save(filing: DailyFiling, by: Staff) -> None:
    filing._history_user = by
    filing.save()
