"""Reports: the front-desk tables (RPT-1) and the GM's monthly report (RPT-2), each as a page
and an Excel export."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..access import require
from ..exports import monthly_response, table_header, table_response
from ..forms.reports import MonthForm, PeriodForm
from ..queries.reports import frontdesk_table, next_anchor, previous_anchor
from ..queries.reports_monthly import monthly_report
from .common import context

SEE_TABLES = "frontdesk.view_dailysnapshot"
SEE_MONTHLY = "frontdesk.view_monthly_report"
SEE_SEGMENTS = "frontdesk.view_segments"
SEE_JOBS = "frontdesk.view_jobrun"


def report_context(request: HttpRequest, tab: str, **extra) -> dict:
    """The page context plus which report tabs the person may open (templates get booleans)."""
    user = request.user
    tabs = {
        "tables": user.has_perm(SEE_TABLES),
        "monthly": user.has_perm(SEE_MONTHLY),
        "segments": user.has_perm(SEE_SEGMENTS),
        "jobs": user.has_perm(SEE_JOBS),
    }
    return context(request, tab, report_tabs=tabs, **extra)


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
        "frontdesk/reports/tables.html",
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


def monthly(request: HttpRequest) -> HttpResponse:
    """RPT-2: the GM's monthly report with last month for comparison; ?format=xlsx exports it."""
    require(request.user, SEE_MONTHLY)
    form = MonthForm(request.GET or None)
    report = monthly_report(form.value())
    if request.GET.get("format") == "xlsx":
        return monthly_response(report, by=request.user, filters=request.GET)
    return render(
        request,
        "frontdesk/reports/monthly.html",
        report_context(request, "monthly", form=form, report=report, charts=report.charts()),
    )
