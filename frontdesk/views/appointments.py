"""Showroom appointments (FD-3): day view, week view, booking, outcome, changes."""

from datetime import datetime, time, timedelta

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.collation import Pinyin
from core.lists import ListPage, in_declared_order

from ..access import require
from ..forms.appointments import (
    BookingForm,
    CancelForm,
    DayForm,
    OutcomeNoteForm,
    RescheduleForm,
)
from ..models import Appointment, AppointmentStatus
from ..queries import appointments as queries
from ..rules.appointments import week_of
from ..services import appointments as services
from ..services.errors import FrontDeskError
from .common import context, safe_next

VIEW = "frontdesk.view_appointment"
CHANGE = "frontdesk.change_appointment"
# The day view's sorts: one day's visits, which the appointment_starts index finds (no other
# index needed to sort that handful).
DAY_SORTS = {
    "time": ("starts_at", "id"),
    "customer": (Pinyin("customer_name"), "id"),
    "house": ("sample_house__order", Pinyin("sample_house__name"), "starts_at", "id"),
    "invited": (Pinyin("invited_by__name"), "invited_by__employee_no", "starts_at", "id"),
    "status": (in_declared_order("status", AppointmentStatus), "starts_at", "id"),
}


def _day(request: HttpRequest):
    form = DayForm(request.GET or None)
    day = form.cleaned_data.get("day") if form.is_valid() else None
    return day or timezone.localdate()


def _day_url(appointment: Appointment) -> str:
    day = timezone.localdate(appointment.starts_at).isoformat()
    return f"{reverse('frontdesk:appointments')}?day={day}"


def appointment_day(request: HttpRequest) -> HttpResponse:
    require(request.user, VIEW)
    day = _day(request)
    rows = queries.appointments_on(day)
    listing = ListPage(request, rows, sorts=DAY_SORTS, default_sort="time", sizes=(50, 100))
    page = context(
        request,
        "appointments",
        day=day,
        previous=day - timedelta(days=1),
        following=day + timedelta(days=1),
        is_tomorrow=day == timezone.localdate() + timedelta(days=1),
        page=listing.page,
        listing=listing,
        note_form=OutcomeNoteForm(),
    )
    return render(request, "frontdesk/appointment_day.html", page)


def appointment_week(request: HttpRequest) -> HttpResponse:
    require(request.user, VIEW)
    day = _day(request)
    monday = week_of(day)[0]
    page = context(
        request,
        "appointments",
        day=day,
        week=queries.week(day),
        previous=monday - timedelta(days=7),
        following=monday + timedelta(days=7),
        today=timezone.localdate(),
    )
    return render(request, "frontdesk/appointment_week.html", page)


def _initial(request: HttpRequest) -> dict:
    """A booking started from a day of the calendar: that day at 10:00."""
    day = _day(request)
    return {"starts_at": timezone.make_aware(datetime.combine(day, time(10, 0)))}


def appointment_new(request: HttpRequest) -> HttpResponse:
    require(request.user, "frontdesk.add_appointment")
    form = BookingForm(request.POST or None, initial=_initial(request))
    if request.method == "POST" and form.is_valid():
        try:
            appointment = services.book_appointment(
                booking=services.Booking(**form.cleaned_data), by=request.user
            )
        except FrontDeskError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Visit booked; the reminder goes out the day before."))
            return redirect(_day_url(appointment))
    return render(
        request, "frontdesk/appointment_form.html", context(request, "appointments", form=form)
    )


def _appointment(pk: int) -> Appointment:
    return get_object_or_404(
        Appointment.objects.select_related("sample_house", "lead", "booked_by", "invited_by"),
        pk=pk,
    )


def appointment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, VIEW)
    appointment = _appointment(pk)
    form = RescheduleForm(
        request.POST or None,
        initial={
            "sample_house": appointment.sample_house,
            "starts_at": timezone.localtime(appointment.starts_at),
            "wishes": appointment.wishes,
        },
    )
    if request.method == "POST":
        require(request.user, CHANGE)
        if form.is_valid():
            try:
                services.reschedule_appointment(
                    appointment=appointment, by=request.user, **form.cleaned_data
                )
            except FrontDeskError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The visit was moved."))
                return redirect("frontdesk:appointment", pk=pk)
    history = appointment.history.select_related("history_user").order_by("-history_date")[:20]
    page = context(
        request,
        "appointments",
        appointment=appointment,
        form=form,
        cancel_form=CancelForm(),
        history=history,
    )
    return render(request, "frontdesk/appointment_detail.html", page)


def _act(request: HttpRequest, pk: int, action, **kwargs) -> HttpResponse:
    require(request.user, CHANGE)
    appointment = _appointment(pk)
    try:
        action(appointment=appointment, by=request.user, **kwargs)
    except FrontDeskError as exc:
        messages.error(request, str(exc))
    return redirect(safe_next(request, _day_url(appointment)))


@require_POST
def appointment_outcome(request: HttpRequest, pk: int, outcome: str) -> HttpResponse:
    form = OutcomeNoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return _act(request, pk, services.record_outcome, came=outcome == "came", note=note)


@require_POST
def appointment_reminded(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, services.mark_customer_reminded)


@require_POST
def appointment_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    form = CancelForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _act(request, pk, services.cancel_appointment, reason=reason)
