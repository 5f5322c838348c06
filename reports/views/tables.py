"""The front-desk tables (RPT-1): a page and an Excel export."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..exports import table_header, table_response
from ..forms import PeriodForm
from ..queries.tables import frontdesk_table, next_anchor, previous_anchor
from ..roles import SEE_TABLES
from .common import report_context, require


def tables(request: HttpRequest) -> HttpResponse:
    """RPT-1: the day, week or month of the front desk, one row per day."""
    require(request.user, SEE_TABLES)
    form = PeriodForm(request.GET or None)
    kind, day = form.values()
    chosen = form.date_range()
    table = frontdesk_table("range", *chosen) if chosen else frontdesk_table(kind, day)
    if request.GET.get("format") == "xlsx":
        return table_response(table, by=request.user, filters=request.GET)
    return render(
        request,
        "reports/tables.html",
        report_context(
            request,
            "tables",
            form=form,
            table=table,
            header=table_header(table)[1:],
            previous=previous_anchor(kind, day),
            following=next_anchor(kind, day),
        ),
    )
