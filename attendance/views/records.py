"""Clock records (entered and imported) and off-post records (ATT-1, ATT-2)."""

from __future__ import annotations

import tablib
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services
from ..forms import ClockFilterForm, ClockForm, ClockImportForm, OffPostForm
from ..models import ClockRecord, OffPostRecord
from ..queries import pages
from ..resources import ClockRecordResource, import_clock_file
from .common import area_required, context, paginate


def _clock_guard(request: HttpRequest) -> None:
    if not services.may_enter_clock(request.user):
        raise PermissionDenied


@area_required
def clock_list(request: HttpRequest) -> HttpResponse:
    _clock_guard(request)
    form = ClockFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    records = pages.clock_records(
        day=filters.get("day"),
        department=filters.get("department", ""),
        search=filters.get("q", ""),
    )
    page = paginate(request, records)
    return render(
        request, "attendance/clock_list.html", context(request, "clock", form=form, page=page)
    )


def _initial(record: ClockRecord | None) -> dict:
    if record is None:
        return {}
    start = timezone.localtime(record.clock_in) if record.clock_in else None
    end = timezone.localtime(record.clock_out) if record.clock_out else None
    return {
        "staff": record.staff_id,
        "day": record.day,
        "clock_in": start.time() if start else None,
        "clock_out": end.time() if end else None,
        "out_next_day": bool(end and end.date() > record.day),
        "note": record.note,
    }


@area_required
def clock_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _clock_guard(request)
    record = get_object_or_404(ClockRecord, pk=pk) if pk else None
    form = ClockForm(request.POST or None, initial=_initial(record))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        start, end = services.clock_times(
            data["day"], data["clock_in"], data["clock_out"], data["out_next_day"]
        )
        try:
            services.save_clock_record(
                staff=data["staff"],
                day=data["day"],
                clock_in=start,
                clock_out=end,
                note=data["note"],
                by=request.user,
            )
        except services.AttendanceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Clock record saved."))
            return redirect("attendance:clock-list")
    history = record.history.select_related("history_user")[:20] if record else []
    return render(
        request,
        "attendance/clock_form.html",
        context(request, "clock", form=form, record=record, history=history),
    )


@area_required
def clock_import(request: HttpRequest) -> HttpResponse:
    """The time clock's file: every row checked; one bad row and nothing is imported."""
    _clock_guard(request)
    form = ClockImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = import_clock_file(form.cleaned_data["file"], by=request.user)
        if result.ok:
            messages.success(
                request, _("%(count)s clock records imported.") % {"count": result.imported}
            )
            return redirect("attendance:clock-list")
    return render(
        request,
        "attendance/clock_import.html",
        context(request, "clock", form=form, result=result),
    )


@area_required
def clock_template(request: HttpRequest) -> HttpResponse:
    """An empty CSV with the expected columns, for the time clock's export settings."""
    _clock_guard(request)
    data = tablib.Dataset(headers=ClockRecordResource.HEADERS)
    response = HttpResponse(data.export("csv"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="clock-records.csv"'
    return response


@area_required
def off_post_list(request: HttpRequest) -> HttpResponse:
    people = pages.visible_people(request.user)
    form = OffPostForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_off_post(by=request.user, **form.cleaned_data)
        except services.AttendanceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Off-post record saved."))
            return redirect("attendance:off-post")
    page = paginate(request, pages.off_post_records(request.user))
    withdrawable = {r.pk for r in page if services.may_withdraw_off_post(r, request.user)}
    return render(
        request,
        "attendance/off_post.html",
        context(request, "off_post", form=form, page=page, withdrawable=withdrawable),
    )


@require_POST
@area_required
def off_post_delete(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(OffPostRecord, pk=pk)
    try:
        services.delete_off_post(record=record, by=request.user)
    except services.AttendanceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Off-post record withdrawn."))
    return redirect("attendance:off-post")
