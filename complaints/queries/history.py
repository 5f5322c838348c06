"""History (SEC-3): the complaint's audit rows, shown on its page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from staff.phones import mask_phone

from ..models import (
    Complaint,
    ComplaintCategory,
    ComplaintEvent,
)

# Bookkeeping columns that every step changes; the entry's "by" and "at" already say it.
_QUIET_FIELDS = {
    "status_changed_at",
    "investigated_by",
    "investigated_at",
    "decided_by",
    "decided_at",
    "handled_by",
    "handled_at",
    "replied_by",
    "followed_up_by",
    "closed_by",
    "closed_at",
    "year",
    "seq",
    "registered_by",
    "created_at",
}


@dataclass(frozen=True)
class Change:
    label: str
    value: str


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    by: str
    event: str
    changes: list[Change] = field(default_factory=list)


def complaint_history(complaint: Complaint, *, show_phone: bool = False) -> list[HistoryEntry]:
    """Every recorded change, oldest first, with the values each step wrote (two queries).

    Phone numbers are masked unless the viewer may see them (SEC-1).
    """
    records = list(complaint.history.select_related("history_user").order_by("history_id"))
    categories = dict(ComplaintCategory.objects.values_list("pk", "name"))
    entries = []
    previous = None
    for record in records:
        changes = _changes(previous, record, categories, show_phone)
        entries.append(
            HistoryEntry(
                at=record.history_date,
                by=record.history_user.get_full_name() if record.history_user else "",
                event=_event_label(record),
                changes=changes,
            )
        )
        previous = record
    return entries


def _event_label(record) -> str:
    reason = record.history_change_reason or ""
    if reason in ComplaintEvent.values:
        return str(ComplaintEvent(reason).label)
    return str(EDITED_LABEL)


def _changes(previous, record, categories: dict[int, str], show_phone: bool) -> list[Change]:
    if previous is None:
        names = [f.name for f in Complaint._meta.fields if getattr(record, f.attname, None)]
    else:
        names = record.diff_against(previous).changed_fields
    return [
        Change(
            label=str(_field(name).verbose_name),
            value=_display(record, name, categories, show_phone),
        )
        for name in names
        if name not in _QUIET_FIELDS and name in _FIELD_NAMES
    ]


def _field(name: str):
    return Complaint._meta.get_field(name)


def _display(record, name: str, categories: dict[int, str], show_phone: bool) -> str:
    model_field = _field(name)
    value = getattr(record, model_field.attname)
    if value in (None, ""):
        return "—"
    if name == "phone" and not show_phone:
        return mask_phone(value)
    if name == "category":
        return categories.get(value, str(value))
    if name == "lead":
        return f"#{value}"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    return str(value)


_FIELD_NAMES = {f.name for f in Complaint._meta.fields} - {"id"}
EDITED_LABEL = _("Edited in the administration")
