"""Leave pages (ATT-4, ATT-5): my requests, a request, awaiting my approval, the calendar."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.lists import ListPage
from core.params import choice_param

from .. import services
from ..forms import DecisionForm, LeaveForm, MonthFilterForm
from ..models import LeaveRequest, LeaveStatus
from ..queries import pages
from ..queries.calendar_grid import department_grid
from ..services.common import local_today
from .common import area_required, context, month_start

# Leave lists are bounded before they are sorted: my requests by leave_staff_start (and the filed_by
# key), the approvals by leave_status_dates (pending only). The defaults keep the old orders.
LEAVE_SORTS = {"start": ("start_day", "id"), "days": ("days", "id")}


@area_required
def leave_list(request: HttpRequest) -> HttpResponse:
    status = choice_param(request, "status", LeaveStatus.values)
    rows = pages.my_leave(request.user, status)
    listing = ListPage(request, rows, sorts=LEAVE_SORTS, default_sort="-start")
    return render(
        request,
        "attendance/leave_list.html",
        context(
            request,
            "leave",
            page=listing.page,
            listing=listing,
            statuses=LeaveStatus.choices,
            status=status,
        ),
    )


@area_required
def leave_new(request: HttpRequest) -> HttpResponse:
    form = LeaveForm(request.POST or None, initial={"staff": request.user.pk})
    if request.method == "POST" and form.is_valid():
        try:
            leave = services.file_leave(by=request.user, **form.cleaned_data)
        except services.AttendanceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Leave request filed."))
            if leave.late_notice:
                messages.warning(
                    request,
                    _("Filed late: without approval the day counts as absence."),
                )
            return redirect(leave)
    return render(request, "attendance/leave_form.html", context(request, "leave", form=form))


def _visible_leave(request: HttpRequest, pk: int) -> LeaveRequest:
    leave = get_object_or_404(LeaveRequest, pk=pk)
    if not pages.may_view_leave(leave, request.user):
        raise Http404
    return pages.leave_detail(pk)


def _detail(request: HttpRequest, leave: LeaveRequest, form: DecisionForm, status: int = 200):
    today = local_today()
    page = context(
        request,
        "leave",
        leave=leave,
        decision_form=form,
        can_decide=services.may_decide(leave, request.user, today),
        can_cancel=services.can_cancel(leave, request.user, today),
        waiting_for=services.pending_approver_id(leave),
        history=pages.leave_history(leave),
    )
    return render(request, "attendance/leave_detail.html", page, status=status)


@area_required
def leave_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _visible_leave(request, pk), DecisionForm())


def _act(request: HttpRequest, pk: int, action, done: str) -> HttpResponse:
    """Approve or refuse; a refusal by the rules comes back on the page with its reason."""
    leave = _visible_leave(request, pk)
    form = DecisionForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        action(leave=leave, by=request.user, comment=comment)
    except services.AttendanceError as exc:
        messages.error(request, str(exc))
        return _detail(request, pages.leave_detail(pk), form, status=400)
    messages.success(request, done)
    return redirect(_safe_next(request) or leave.get_absolute_url())


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    return target if target.startswith("/") and not target.startswith("//") else ""


@require_POST
@area_required
def leave_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, services.approve_leave, _("Approved."))


@require_POST
@area_required
def leave_reject(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, services.reject_leave, _("Refused."))


@require_POST
@area_required
def leave_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    leave = _visible_leave(request, pk)
    try:
        services.cancel_leave(leave=leave, by=request.user)
    except services.AttendanceError as exc:
        messages.error(request, str(exc))
        return redirect(leave)
    messages.success(request, _("Request cancelled."))
    return redirect("attendance:leave-list")


@area_required
def approvals(request: HttpRequest) -> HttpResponse:
    today = local_today()
    rows = pages.awaiting_leave(request.user, today)
    listing = ListPage(request, rows, sorts=LEAVE_SORTS, default_sort="start")
    return render(
        request,
        "attendance/approvals.html",
        context(
            request,
            "approvals",
            page=listing.page,
            listing=listing,
            outings=pages.awaiting_outings(request.user, today),
            decision_form=DecisionForm(),
        ),
    )


@area_required
def department_calendar(request: HttpRequest) -> HttpResponse:
    everyone = pages.sees_everyone(request.user)
    form = MonthFilterForm(request.GET or None, departments=everyone)
    data = form.cleaned_data if form.is_valid() else {}
    first = month_start(data.get("month"))
    department = data.get("department") or request.user.department
    grid = department_grid(department, first)
    return render(
        request,
        "attendance/calendar.html",
        context(request, "calendar", form=form, grid=grid, department=department),
    )
