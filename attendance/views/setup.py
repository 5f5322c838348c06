"""HR set-up pages: the holiday calendar (with the package prefill) and schedules (ATT-1)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.lists import ListPage, in_declared_order
from core.params import int_param

from .. import services
from ..forms import CalendarDayForm, ScheduleForm, YearForm
from ..models import CalendarDay, ScheduleScope, WorkSchedule
from ..queries import pages
from ..services.common import is_hr, local_today
from .common import area_required, context

# The schedules' sorts: a small set-up table (a few rows a department or person), no index.
# By scope is the old order: the scope, then the department or person, the newest row first.
SCHEDULE_SORTS = {
    "scope": (
        in_declared_order("scope", ScheduleScope),  # firm, department, person
        "department",
        "staff__employee_no",
        "-valid_from",
        "id",
    ),
    "start": ("start", "end", "id"),
    "valid_from": ("valid_from", "id"),
}


def _hr_guard(request: HttpRequest) -> None:
    if not is_hr(request.user):
        raise PermissionDenied


def _year(request: HttpRequest) -> int:
    form = YearForm(request.GET or None)
    return (form.cleaned_data.get("year") if form.is_valid() else None) or local_today().year


@area_required
def holidays(request: HttpRequest) -> HttpResponse:
    """Everyone may read the calendar; HR adds, changes and removes days."""
    year = _year(request)
    form = CalendarDayForm(request.POST or None)
    if request.method == "POST":
        _hr_guard(request)
        if form.is_valid():
            try:
                services.set_calendar_day(by=request.user, **form.cleaned_data)
            except services.AttendanceError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Calendar day saved."))
                return redirect(f"{reverse('attendance:holidays')}?year={year}")
    days = CalendarDay.objects.filter(day__year=year).order_by("day")
    return render(
        request,
        "attendance/holidays.html",
        context(
            request,
            "holidays",
            form=form,
            year_form=YearForm(initial={"year": year}),
            days=days,
            year=year,
        ),
    )


@require_POST
@area_required
def holiday_delete(request: HttpRequest, pk: int) -> HttpResponse:
    _hr_guard(request)
    day = get_object_or_404(CalendarDay, pk=pk)
    services.remove_calendar_day(by=request.user, day=day)
    messages.success(request, _("Calendar day removed."))
    return redirect(f"{reverse('attendance:holidays')}?year={day.day.year}")


@require_POST
@area_required
def holiday_prefill(request: HttpRequest) -> HttpResponse:
    _hr_guard(request)
    year = int_param(request, "year", local_today().year, source="POST", minimum=2000, maximum=2100)
    try:
        result = services.prefill_year(year=year)
    except services.AttendanceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("%(year)s prefilled: %(created)s days added, %(updated)s updated.")
            % {"year": year, "created": result.created, "updated": result.updated},
        )
    return redirect(f"{reverse('attendance:holidays')}?year={year}")


@area_required
def schedules(request: HttpRequest) -> HttpResponse:
    _hr_guard(request)
    listing = ListPage(request, pages.schedules(), sorts=SCHEDULE_SORTS, default_sort="scope")
    return render(
        request,
        "attendance/schedules.html",
        context(request, "schedules", page=listing.page, listing=listing),
    )


def _schedule_initial(row: WorkSchedule | None) -> dict:
    if row is None:
        return {"valid_from": local_today()}
    return {
        "scope": row.scope,
        "department": row.department,
        "staff": row.staff_id,
        "start": row.start,
        "end": row.end,
        "valid_from": row.valid_from,
    }


@area_required
def schedule_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _hr_guard(request)
    row = get_object_or_404(WorkSchedule, pk=pk) if pk else None
    form = ScheduleForm(request.POST or None, initial=_schedule_initial(row))
    if request.method == "POST" and form.is_valid():
        try:
            services.save_schedule(by=request.user, schedule=row, **form.cleaned_data)
        except services.AttendanceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Schedule saved."))
            return redirect("attendance:schedules")
    return render(
        request, "attendance/schedule_form.html", context(request, "schedules", form=form, row=row)
    )


@require_POST
@area_required
def schedule_delete(request: HttpRequest, pk: int) -> HttpResponse:
    _hr_guard(request)
    row = get_object_or_404(WorkSchedule, pk=pk)
    try:
        services.delete_schedule(by=request.user, schedule=row)
    except services.AttendanceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Schedule removed."))
    return redirect("attendance:schedules")
