"""Pay statement pages (COM-5, COM-3): my pay, the months, a month, a statement, the bonus."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.collation import Pinyin
from core.lists import ListPage, in_declared_order, paginate
from core.spreadsheets import export_filename, file_response
from staff.exports import record_export

from ..exports import month_workbook
from ..forms import LineForm, PrepareForm, ReturnForm, StatementFilterForm
from ..models import PayLine, PayMonthStatus, PayStatement
from ..queries import pay as queries
from ..rules import payroll
from ..services import pay as services
from ..services.common import local_today
from .common import area_required, context

# A person's own statements: a few a year, bounded by the paystatement_staff_month index.
MY_PAY_SORTS = {
    "month": ("pay_month__month", "id"),
    "total": ("total", "id"),
}
# One row a prepared month: a small table, sorted without an index.
PAY_MONTH_SORTS = {
    "month": ("month",),  # unique
    "status": (in_declared_order("status", PayMonthStatus), "-month"),  # preparing first
    "people": ("people", "month"),
    "total": ("total", "month"),
}
# One month's statements (one a person), bounded by the pay_month foreign key's index.
STATEMENT_SORTS = {
    "number": ("staff__employee_no",),  # unique
    "name": (Pinyin("staff__name"), "staff__employee_no"),
    "department": ("staff__department", "staff__employee_no"),
    "total": ("total", "staff__employee_no"),
}


def _see_all(request: HttpRequest) -> None:
    if not queries.sees_all_pay(request.user):
        raise PermissionDenied


def _guard(allowed: bool) -> None:
    """403 for a role that never does this (the service still checks the month's state)."""
    if not allowed:
        raise PermissionDenied


def _month_or_404(year: int, month: int) -> date:
    try:
        return date(year, month, 1)
    except ValueError as exc:
        raise Http404 from exc


def _flags(user) -> dict[str, bool]:
    return {
        "can_prepare": services.may_prepare_pay(user),
        "can_approve": services.may_approve_pay(user),
        "can_export": user.has_perm("attendance.export_pay"),
        "can_set_bonus": services.may_set_bonus(user),
    }


# ------------------------------------------------------------------------------------------------
# My pay
# ------------------------------------------------------------------------------------------------


@area_required
def my_pay(request: HttpRequest) -> HttpResponse:
    listing = ListPage(
        request, queries.my_statements(request.user), sorts=MY_PAY_SORTS, default_sort="-month"
    )
    return render(
        request,
        "attendance/pay_mine.html",
        context(request, "pay_mine", page=listing.page, listing=listing),
    )


# ------------------------------------------------------------------------------------------------
# Months (HR, GM)
# ------------------------------------------------------------------------------------------------


@area_required
def pay_months(request: HttpRequest) -> HttpResponse:
    _see_all(request)
    previous = local_today().replace(day=1) - timedelta(days=1)
    prepare_form = PrepareForm(initial={"month": f"{previous:%Y-%m}"})
    prepare_form.helper.form_action = reverse("attendance:pay-prepare")
    listing = ListPage(request, queries.pay_months(), sorts=PAY_MONTH_SORTS, default_sort="-month")
    return render(
        request,
        "attendance/pay_months.html",
        context(
            request,
            "pay",
            page=listing.page,
            listing=listing,
            prepare_form=prepare_form,
            **_flags(request.user),
        ),
    )


def _prepared_message(result: services.PrepareResult, month: date) -> str:
    return _(
        "Statements for %(month)s prepared: %(created)s new, %(updated)s updated, "
        "%(unchanged)s unchanged, %(removed)s removed."
    ) % {
        "month": f"{month:%Y-%m}",
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "removed": result.removed,
    }


@require_POST
@area_required
def pay_prepare(request: HttpRequest) -> HttpResponse:
    _guard(services.may_prepare_pay(request.user))
    form = PrepareForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pick a month."))
        return redirect("attendance:pay-months")
    month = form.cleaned_data["month"]
    try:
        result = services.prepare_month(month=month, by=request.user)
    except services.PayError as exc:
        messages.error(request, str(exc))
        return redirect(_back(request) or "attendance:pay-months")
    messages.success(request, _prepared_message(result, month))
    if month == local_today().replace(day=1):
        messages.warning(request, _("This month is not over yet: its figures may still change."))
    return redirect("attendance:pay-month", month.year, month.month)


def _back(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    return target if target.startswith("/") and not target.startswith("//") else ""


@area_required
def pay_month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    _see_all(request)
    first = _month_or_404(year, month)
    row = queries.pay_month(first)
    form = StatementFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    statements = (
        queries.month_statements(
            row, department=data.get("department", ""), search=data.get("q", "")
        )
        if row
        else PayStatement.objects.none()
    )
    listing = ListPage(request, statements, sorts=STATEMENT_SORTS, default_sort="department")
    flags = _flags(request.user)
    state = row.status if row else None
    return render(
        request,
        "attendance/pay_month.html",
        context(
            request,
            "pay",
            month=first,
            pay_month=row,
            form=form,
            page=listing.page,
            listing=listing,
            totals=queries.month_totals(statements) if row else {},
            history=queries.month_history(row) if row else [],
            return_form=ReturnForm(),
            may_prepare=flags["can_prepare"] and bool(payroll.may_edit(state)),
            may_submit=flags["can_prepare"] and state == payroll.MonthState.DRAFT,
            may_decide=flags["can_approve"] and state == payroll.MonthState.SUBMITTED,
            **flags,
        ),
    )


def _act(request: HttpRequest, year: int, month: int, action, done: str, **extra):
    first = _month_or_404(year, month)
    try:
        action(month=first, by=request.user, **extra)
    except services.PayError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect("attendance:pay-month", year, month)


@require_POST
@area_required
def pay_submit(request: HttpRequest, year: int, month: int) -> HttpResponse:
    _guard(services.may_prepare_pay(request.user))
    done = _("Submitted to the general manager for approval.")
    return _act(request, year, month, services.submit_month, done)


@require_POST
@area_required
def pay_approve(request: HttpRequest, year: int, month: int) -> HttpResponse:
    _guard(services.may_approve_pay(request.user))
    done = _("Approved. The month is locked and everyone can see their statement.")
    return _act(request, year, month, services.approve_month, done)


@require_POST
@area_required
def pay_return(request: HttpRequest, year: int, month: int) -> HttpResponse:
    _guard(services.may_approve_pay(request.user))
    form = ReturnForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    done = _("Returned to HR.")
    return _act(request, year, month, services.return_month, done, reason=reason)


@area_required
def pay_export(request: HttpRequest, year: int, month: int) -> HttpResponse:
    _guard(request.user.has_perm("attendance.export_pay"))
    first = _month_or_404(year, month)
    row = queries.pay_month(first)
    if row is None:
        raise Http404
    statements = list(queries.statements_for_print(queries.month_statements(row)))
    record_export(
        by=request.user,
        what="pay-month",
        file_format="xlsx",
        row_count=len(statements),
        filters={"month": f"{first:%Y-%m}"},
    )
    name = export_filename(_("Pay statements"), "xlsx", period=f"{first:%Y-%m}")
    response = file_response(month_workbook(row, statements), name)
    return response


@area_required
def pay_print(request: HttpRequest, year: int, month: int) -> HttpResponse:
    """Every statement of the month as printable slips, one per A4 page."""
    _see_all(request)
    row = queries.pay_month(_month_or_404(year, month))
    if row is None:
        raise Http404
    form = StatementFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    statements = queries.month_statements(
        row, department=data.get("department", ""), search=data.get("q", "")
    )
    page = paginate(request, queries.statements_for_print(statements))
    return render(
        request,
        "attendance/pay_print.html",
        {"pay_month": row, "page": page, "printed_at": timezone.localtime()},
    )


# ------------------------------------------------------------------------------------------------
# A statement
# ------------------------------------------------------------------------------------------------


def _statement_or_404(request: HttpRequest, pk: int) -> PayStatement:
    try:
        statement = queries.statement_detail(pk)
    except PayStatement.DoesNotExist as exc:
        raise Http404 from exc
    if not queries.may_view_statement(request.user, statement):
        raise Http404
    return statement


def _statement_page(request, statement: PayStatement, form: LineForm, status: int = 200):
    state = statement.pay_month.status
    may_edit = services.may_prepare_pay(request.user) and bool(payroll.may_edit(state))
    form.helper.form_action = reverse("attendance:pay-line-add", args=[statement.pk])
    page = context(
        request,
        "pay" if queries.sees_all_pay(request.user) else "pay_mine",
        statement=statement,
        pay_month=statement.pay_month,
        lines=list(statement.lines.all()),
        line_form=form,
        may_edit=may_edit,
        sees_all=queries.sees_all_pay(request.user),
        history=queries.statement_history(statement) if queries.sees_all_pay(request.user) else [],
    )
    return render(request, "attendance/pay_statement.html", page, status=status)


@area_required
def pay_statement(request: HttpRequest, pk: int) -> HttpResponse:
    return _statement_page(request, _statement_or_404(request, pk), LineForm())


@require_POST
@area_required
def pay_line_add(request: HttpRequest, pk: int) -> HttpResponse:
    _guard(services.may_prepare_pay(request.user))
    statement = _statement_or_404(request, pk)
    form = LineForm(request.POST)
    if form.is_valid():
        try:
            services.add_line(statement=statement, by=request.user, **form.cleaned_data)
        except services.PayError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Line added."))
            return redirect(statement)
    return _statement_page(request, queries.statement_detail(pk), form, status=400)


@require_POST
@area_required
def pay_line_remove(request: HttpRequest, pk: int) -> HttpResponse:
    _guard(services.may_prepare_pay(request.user))
    line = get_object_or_404(PayLine.objects.select_related("statement__pay_month"), pk=pk)
    statement = _statement_or_404(request, line.statement_id)
    try:
        services.remove_line(line=line, by=request.user)
    except services.PayError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Line removed."))
    return redirect(statement)
