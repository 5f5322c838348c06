"""Helpers shared by the leads views: the guarded lookups and refusal handling."""

from django.contrib import messages
from django.http import Http404, HttpRequest

from ..models import Lead
from ..queries.access import visible_leads


def lead_or_404(request: HttpRequest, pk: int) -> Lead:
    """The lead if the user may see it; 404 otherwise (outsiders learn nothing)."""
    lead = visible_leads(request.user).filter(pk=pk).first()
    if lead is None:
        raise Http404
    return lead


def refuse(request: HttpRequest, exc: Exception) -> None:
    messages.error(request, str(exc))
