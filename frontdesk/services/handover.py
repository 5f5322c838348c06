"""Shift handover notes (交接班, FD-6)."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from staff.models import Staff

from ..models import HandoverNote
from .common import require_perm
from .errors import FrontDeskError


@transaction.atomic
def write_handover(*, by: Staff, shift_date: date, shift: str, **sections: str) -> HandoverNote:
    """Record what the next shift must know, under the source's headings."""
    require_perm(by, "frontdesk.add_handovernote", _("Only the front desk and agents hand over."))
    unknown = set(sections) - set(HandoverNote.SECTIONS)
    if unknown:
        raise ValueError(f"Unknown handover sections: {sorted(unknown)}")
    cleaned = {name: (text or "").strip() for name, text in sections.items()}
    if not any(cleaned.values()):
        raise FrontDeskError(_("Write at least one thing the next shift must know."))
    return HandoverNote.objects.create(shift_date=shift_date, shift=shift, written_by=by, **cleaned)


@transaction.atomic
def acknowledge_handover(*, note: HandoverNote, by: Staff) -> HandoverNote:
    """The next shift confirms it has read the note and taken over."""
    require_perm(by, "frontdesk.add_handovernote", _("Only the front desk and agents hand over."))
    # Race: two colleagues taking over the same note at once; the first one is recorded.
    note = HandoverNote.objects.select_for_update().get(pk=note.pk)
    if note.written_by_id == by.pk:
        raise FrontDeskError(_("The next shift takes over a note, not its writer."))
    if note.is_acknowledged:
        raise FrontDeskError(
            _("%(name)s has already taken this over.") % {"name": note.acknowledged_by}
        )
    note.acknowledged_by = by
    note.acknowledged_at = timezone.now()
    note.save(update_fields=["acknowledged_by", "acknowledged_at"])
    return note
