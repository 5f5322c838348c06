"""Customer segments (RPT-4, 品客管理): the month by one dimension, and a segment's leads."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from core.lists import ListPage
from core.params import choice_param

from ..forms import MonthForm
from ..queries.segments import DIMENSIONS, segment_label, segment_leads, segment_rows
from ..roles import SEE_SEGMENTS
from .common import report_context, require

# A segment's leads: one month of the big leads table, found through lead_consultation_date.
# Only sorts an index of Lead answers are offered (no customer or state order over 100,000 rows).
SEGMENT_LEAD_SORTS = {
    "consulted": ("consultation_date", "id"),  # lead_consultation_date
    "registered": ("created_at", "id"),  # created_at's db_index
}


def _dimension(request: HttpRequest) -> str:
    return choice_param(request, "by", DIMENSIONS, "community")


def segments(request: HttpRequest) -> HttpResponse:
    """RPT-4: the month's leads and signings by one segment dimension, against last month."""
    require(request.user, SEE_SEGMENTS)
    form = MonthForm(request.GET or None)
    month = form.value()
    dimension = _dimension(request)
    return render(
        request,
        "reports/segments.html",
        report_context(
            request,
            "segments",
            month=month,
            dimension=dimension,
            dimensions=[(key, str(label)) for key, label in DIMENSIONS.items()],
            rows=segment_rows(dimension, month),
        ),
    )


def segment_lead_list(request: HttpRequest) -> HttpResponse:
    """The leads of one segment in the month (what a segment row opens to)."""
    require(request.user, SEE_SEGMENTS)
    month = MonthForm(request.GET or None).value()
    dimension = _dimension(request)
    key = request.GET.get("key", "")
    if not key:
        raise Http404
    leads = segment_leads(dimension, key, month)
    listing = ListPage(request, leads, sorts=SEGMENT_LEAD_SORTS, default_sort="-consulted")
    return render(
        request,
        "reports/segment_leads.html",
        report_context(
            request,
            "segments",
            month=month,
            dimension_label=DIMENSIONS[dimension],
            key_label=segment_label(dimension, key),
            page=listing.page,
            listing=listing,
        ),
    )
