"""The GM's monthly report (RPT-2): a page, a print layout and an Excel export."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..exports import monthly_response
from ..forms import MonthForm
from ..queries.monthly import monthly_report
from ..roles import SEE_MONTHLY
from .common import report_context, require


def monthly(request: HttpRequest) -> HttpResponse:
    """RPT-2: the GM's monthly report with last month for comparison; ?format=xlsx exports it."""
    require(request.user, SEE_MONTHLY)
    form = MonthForm(request.GET or None)
    report = monthly_report(form.value())
    if request.GET.get("format") == "xlsx":
        return monthly_response(report, by=request.user, filters=request.GET)
    return render(
        request,
        "reports/monthly.html",
        report_context(request, "monthly", form=form, report=report, charts=report.charts()),
    )
