"""Search of the document register (FD-8): by number, category, direction, year and text."""

from django.db.models import Q, QuerySet

from ..models import Document


def register(
    *, q: str = "", category: str = "", direction: str = "", year: int | None = None
) -> QuerySet[Document]:
    rows = Document.objects.select_related("handler", "registered_by")
    if category:
        rows = rows.filter(category=category)
    if direction:
        rows = rows.filter(direction=direction)
    if year:
        rows = rows.filter(year=year)
    if q:
        rows = rows.filter(
            Q(number__iexact=q)
            | Q(number__icontains=q)
            | Q(title__icontains=q)
            | Q(sender__icontains=q)
            | Q(recipient__icontains=q)
            | Q(summary__icontains=q)
            | Q(filing_location__icontains=q)
        )
    return rows.order_by("-document_date", "-id")
