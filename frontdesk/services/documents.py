"""The document register (文件收发登记, FD-8): gapless numbers per year and category."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from staff.models import Staff

from ..models import CATEGORY_PREFIXES, Document, DocumentCounter
from ..rules.documents import document_number
from .common import require_perm
from .errors import FrontDeskError

EDITABLE = (
    "direction",
    "document_date",
    "title",
    "sender",
    "recipient",
    "handler",
    "filing_location",
    "summary",
)


@dataclass(frozen=True)
class DocumentData:
    category: str
    direction: str
    document_date: date
    title: str
    sender: str
    recipient: str
    handler: Staff
    filing_location: str
    summary: str = ""


def next_seq(year: int, category: str) -> int:
    """The next serial of (`year`, `category`); call inside the registering transaction.

    Race: two registrations at once would read the same last number. The counter row is locked
    (select_for_update) until the registering transaction ends, so the second waits; a
    registration that rolls back gives its number back, which keeps the register gapless.
    """
    # The year's first document creates the row; a concurrent first waits on the unique key.
    DocumentCounter.objects.get_or_create(year=year, category=category)
    counter = DocumentCounter.objects.select_for_update().get(year=year, category=category)
    counter.last_seq += 1
    counter.save(update_fields=["last_seq"])
    return counter.last_seq


def _check(data: dict) -> None:
    for name in ("title", "sender", "recipient", "filing_location"):
        if not str(data.get(name) or "").strip():
            raise FrontDeskError(_("Fill in the title, both parties and where the paper is filed."))
    if data["document_date"] > timezone.localdate():
        raise FrontDeskError(_("The document date cannot be in the future."))


@transaction.atomic
def register_document(*, data: DocumentData, by: Staff) -> Document:
    """Register a document under the next number of this year's register for its category."""
    require_perm(by, "frontdesk.add_document", _("Only the front desk registers documents."))
    fields = {name: getattr(data, name) for name in EDITABLE}
    _check(fields)
    year = timezone.localdate().year
    seq = next_seq(year, data.category)
    document = Document(
        number=document_number(CATEGORY_PREFIXES[data.category], year, seq),
        year=year,
        category=data.category,
        seq=seq,
        registered_by=by,
        **{k: v.strip() if isinstance(v, str) else v for k, v in fields.items()},
    )
    document._history_user = by
    document.save()
    return document


@transaction.atomic
def update_document(*, document: Document, by: Staff, **changes) -> Document:
    """Correct a document's details; its number and category never change (audited)."""
    require_perm(by, "frontdesk.change_document", _("Only the front desk corrects the register."))
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    merged = {name: changes.get(name, getattr(document, name)) for name in EDITABLE}
    _check(merged)
    for name, value in changes.items():
        setattr(document, name, value.strip() if isinstance(value, str) else value)
    document._history_user = by
    document.save()
    return document
