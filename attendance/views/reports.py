"""Daily statuses, violations and the monthly summary with its Excel export (ATT-3, ATT-8)."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.collation import Pinyin
from core.lists import ListPage
from core.spreadsheets import export_filename, file_response
from staff.exports import record_export

from .. import queries
from ..exports import summary_workbook
from ..forms import DailyFilterForm, MonthFilterForm
from ..queries import pages
from ..services.common import local_today
from .common import area_of, area_required, context, month_start

# Both lists are bounded by an index before they are sorted: a day's statuses (status_day_code,
# one row a person) and a month's violations (violation_day). The defaults keep the old orders.
DAILY_SORTS = {
    "department": ("staff__department", "staff__employee_no"),
    "number": ("staff__employee_no", "id"),
    "late": ("late_minutes", "staff__employee_no"),
}
VIOLATION_SORTS = {
    "day": ("day", "-staff__employee_no"),
    "number": ("staff__employee_no", "day"),
    "minutes": ("minutes", "id"),
}
# The summary pages people before it counts their month, so it sorts by who they are: each
# sort answered by an index of Staff. The figures are counted for one page only.
SUMMARY_SORTS = {
    "number": ("employee_no",),  # unique
    "name": (Pinyin("name"), "employee_no"),  # staff_name_pinyin
    "department": ("department", "employee_no"),  # the department's db_index
}


def _reports_guard(request: HttpRequest) -> None:
    if not area_of(request).see_reports:
        raise PermissionDenied


@area_required
def daily(request: HttpRequest) -> HttpResponse:
    _reports_guard(request)
    form = DailyFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    day = data.get("day") or local_today() - timedelta(days=1)
    statuses = pages.daily_statuses(
        request.user, day=day, department=data.get("department", ""), code=data.get("code", "")
    )
    listing = ListPage(request, statuses, sorts=DAILY_SORTS, default_sort="department")
    return render(
        request,
        "attendance/daily.html",
        context(request, "daily", form=form, page=listing.page, listing=listing, day=day),
    )


def _month_and_people(request: HttpRequest):
    form = MonthFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    first = month_start(data.get("month"))
    people = pages.visible_people(request.user, data.get("department", ""))
    return form, first, people


@area_required
def violations(request: HttpRequest) -> HttpResponse:
    _reports_guard(request)
    form, first, _people = _month_and_people(request)
    _first, last = queries.month_range(first.year, first.month)
    rows = pages.violations_for(request.user, first=first, last=last)
    listing = ListPage(request, rows, sorts=VIOLATION_SORTS, default_sort="-day")
    return render(
        request,
        "attendance/violations.html",
        context(request, "violations", form=form, page=listing.page, listing=listing, month=first),
    )


@area_required
def summary(request: HttpRequest) -> HttpResponse:
    """ATT-8: one row per person for the month; the figures pay statements will read."""
    _reports_guard(request)
    form, first, people = _month_and_people(request)
    listing = ListPage(request, people, sorts=SUMMARY_SORTS, default_sort="department")
    rows = queries.month_rows(listing.page.object_list, first.year, first.month)
    return render(
        request,
        "attendance/summary.html",
        context(
            request,
            "summary",
            form=form,
            page=listing.page,
            listing=listing,
            rows=rows,
            month=first,
            can_export=request.user.has_perm("attendance.export_attendance"),
        ),
    )


@area_required
def summary_export(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("attendance.export_attendance"):
        raise PermissionDenied
    _form, first, people = _month_and_people(request)
    rows = queries.month_rows(people, first.year, first.month)
    record_export(
        by=request.user,
        what="attendance-summary",
        file_format="xlsx",
        row_count=len(rows),
        filters=request.GET,
    )
    name = export_filename(_("Attendance summary"), "xlsx", period=f"{first:%Y-%m}")
    response = file_response(summary_workbook(rows, first), name)
    return response
