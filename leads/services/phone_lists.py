"""Marketing phone lists (LEAD-5): imported whole or not at all; numbers normalized so they
match leads. Marking (visited / signed / new) is computed when the list is shown."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from staff.models import Staff

from ..models import PhoneList, PhoneListEntry
from .errors import LeadError
from .filing import FilingError, RowError
from .intake import clean_phone


@dataclass(frozen=True)
class PhoneRow:
    phone: str
    customer_name: str = ""
    address: str = ""
    note: str = ""


@dataclass(frozen=True)
class PhoneListImport:
    phone_list: PhoneList
    imported: int
    duplicates: int

    @property
    def message(self) -> str:
        return _("%(count)s numbers imported; %(dupes)s repeated number(s) were merged.") % {
            "count": self.imported,
            "dupes": self.duplicates,
        }


@transaction.atomic
def import_phone_list(
    *, name: str, rows: list[PhoneRow], by: Staff, community: str = "", note: str = ""
) -> PhoneListImport:
    """Create a phone list from rows; any invalid number refuses the file (FilingError)."""
    if not by.has_perm("leads.add_phonelist"):
        raise LeadError(_("Only the marketing manager imports phone lists."))
    if not name.strip():
        raise LeadError(_("Give the list a name."))
    if not rows:
        raise LeadError(_("The file has no numbers."))
    entries, errors, seen = [], [], set()
    for number, row in enumerate(rows, start=1):
        try:
            phone = clean_phone(row.phone)
        except LeadError as exc:
            errors.append(RowError(number, (str(exc),)))
            continue
        if phone not in seen:
            seen.add(phone)
            entries.append((phone, row))
    if errors:
        raise FilingError(errors)
    phone_list = PhoneList.objects.create(
        name=name.strip(),
        community=community.strip(),
        note=note.strip(),
        imported_by=by,
        imported_at=timezone.now(),
    )
    PhoneListEntry.objects.bulk_create(_entry(phone_list, phone, row) for phone, row in entries)
    return PhoneListImport(phone_list, len(entries), len(rows) - len(entries))


def _entry(phone_list: PhoneList, phone: str, row: PhoneRow) -> PhoneListEntry:
    return PhoneListEntry(
        phone_list=phone_list,
        phone=phone,
        customer_name=row.customer_name.strip()[:50],
        address=row.address.strip()[:200],
        note=row.note.strip()[:200],
    )
