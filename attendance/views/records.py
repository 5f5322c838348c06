"""Clock records (entered and imported) and off-post records (ATT-1, ATT-2)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.collation import Pinyin
from core.lists import ListPage
from core.spreadsheets import export_filename, file_response
from staff.imports import StageError, clear_stage, stage_upload, staged_upload
from staff.models import ColumnPreset

from .. import services
from ..forms import ClockFilterForm, ClockForm, ClockImportForm, OffPostForm
from ..models import ClockRecord, OffPostRecord
from ..queries import pages
from ..resources import clock_template as clock_template_file
from ..resources import import_clock_file
from .common import area_required, context

# The clock list's sorts (the volume plan test checks each): the day by clock_day, a day's people
# by employee number as before; the clock-in time by clock_clock_in (attendance.0008); a person's
# days by the staff + day unique constraint, people taken in employee-number order.
CLOCK_SORTS = {
    "day": ("day", "-staff__employee_no"),
    "clock_in": ("clock_in", "id"),
    "number": ("staff__employee_no", "-day"),
}
# The off-post list's sorts. Off-post records are few (a supervisor writes one for each absence):
# the day is answered by off_post_day, the name and minutes read the small table whole, and a
# supervisor's list is bounded by their own people's rows (off_post_staff_day).
OFF_POST_SORTS = {
    "day": ("day", "started_at", "id"),  # off_post_day
    # A person's records newest first.
    "name": (Pinyin("staff__name"), "staff__employee_no", "-day", "-started_at", "-id"),
    "minutes": ("minutes", "id"),  # a small table: no index
}


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
    listing = ListPage(request, records, sorts=CLOCK_SORTS, default_sort="-day")
    return render(
        request,
        "attendance/clock_list.html",
        context(request, "clock", form=form, page=listing.page, listing=listing),
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


STAGE = "clock"


@area_required
def clock_import(request: HttpRequest) -> HttpResponse:
    """The time clock's file, in two steps (issue 19): upload shows a preview (what would be
    created, updated, skipped, and every bad row), nothing written; confirm checks the same
    file again and imports it all or nothing."""
    _clock_guard(request)
    if request.method == "POST" and "confirm" in request.POST:
        return _clock_confirm(request)
    form = ClockImportForm(request.POST or None, request.FILES or None)
    result, digest = None, ""
    if request.method == "POST" and form.is_valid():
        upload, preset = form.cleaned_data["file"], form.cleaned_data["preset"]
        result = import_clock_file(upload, by=request.user, preset=preset, dry_run=True)
        if result.ok:
            digest = stage_upload(
                request.session, STAGE, upload, preset=preset.pk if preset else None
            )
    return render(
        request,
        "attendance/clock_import.html",
        context(request, "clock", form=form, result=result, digest=digest),
    )


def _clock_confirm(request: HttpRequest) -> HttpResponse:
    try:
        upload, stage = staged_upload(request.session, STAGE, request.POST.get("digest", ""))
    except StageError as exc:
        messages.error(request, str(exc))
        return redirect("attendance:clock-import")
    preset = ColumnPreset.objects.filter(pk=stage.get("preset")).first()
    result = import_clock_file(upload, by=request.user, preset=preset)
    if not result.ok:  # the data changed since the preview: nothing was imported
        form = ClockImportForm()
        return render(
            request,
            "attendance/clock_import.html",
            context(request, "clock", form=form, result=result, digest=""),
        )
    clear_stage(request.session, STAGE)
    messages.success(
        request,
        _("%(count)s clock records imported (%(created)s new, %(updated)s updated).")
        % {"count": result.imported, "created": result.created, "updated": result.updated},
    )
    return redirect("attendance:clock-list")


@area_required
def clock_template(request: HttpRequest) -> HttpResponse:
    """The import template: headers, an example row and a note on each column (issue 19)."""
    _clock_guard(request)
    return file_response(
        clock_template_file(), export_filename(_("Clock records template"), "xlsx")
    )


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
    records = pages.off_post_records(request.user)
    listing = ListPage(request, records, sorts=OFF_POST_SORTS, default_sort="-day")
    page = listing.page
    withdrawable = {r.pk for r in page if services.may_withdraw_off_post(r, request.user)}
    return render(
        request,
        "attendance/off_post.html",
        context(
            request,
            "off_post",
            form=form,
            page=page,
            listing=listing,
            withdrawable=withdrawable,
        ),
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
