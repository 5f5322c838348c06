from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.collation import Pinyin
from core.lists import ListPage
from core.params import int_param

from . import queries, services, workbench
from .access import has_any_role
from .forms import (
    DelegationForm,
    ExecutionForm,
    FaultFilterForm,
    FaultForm,
    ForwardReportForm,
    InstructionForm,
    ReportForm,
    StaffFilterForm,
    WithdrawFaultForm,
)
from .models import Delegation, Fault, InstructionRequest, Notification, ReportStatus, Staff
from .navigation import MANAGERS
from .search import search as global_search


def home(request: HttpRequest) -> HttpResponse:
    """The 工作台: my roles' queues for today and my open to-dos (unread, step not done)."""
    context = {
        "sections": workbench.sections_for(request.user, timezone.now()),
        "todos": list(workbench.open_todos(request.user)[:5]),
    }
    return render(request, "staff/home.html", context)


# The notifications' sort: one person's rows by time (notification_recipient_time).
NOTIFICATION_SORTS = {"time": ("created_at", "id")}


def notification_list(request: HttpRequest) -> HttpResponse:
    rows = queries.notifications_for(request.user)
    listing = ListPage(request, rows, sorts=NOTIFICATION_SORTS, default_sort="-time")
    context = {"page": listing.page, "listing": listing}
    return render(request, "staff/notifications.html", context)


@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.mark_read(notification=notification, by=request.user)
    if notification.link and notification.link.startswith("/"):
        return redirect(notification.link)
    return redirect("notifications")


@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    services.mark_all_read(by=request.user)
    return redirect("notifications")


# The directory's sorts, each answered by an index of Staff.
DIRECTORY_SORTS = {
    "number": ("employee_no",),  # unique
    "name": (Pinyin("name"), "employee_no"),  # staff_name_pinyin
    "department": ("department", "employee_no"),  # the department's db_index
}


@permission_required("staff.view_staff", raise_exception=True)
def staff_list(request: HttpRequest) -> HttpResponse:
    form = StaffFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    people = queries.staff_directory(
        search=filters.get("q", ""),
        department=filters.get("department", ""),
        role=filters.get("role", ""),
    )
    listing = ListPage(request, people, sorts=DIRECTORY_SORTS, default_sort="number")
    context = {"form": form, "page": listing.page, "listing": listing}
    return render(request, "staff/staff_list.html", context)


@permission_required("staff.view_staff", raise_exception=True)
def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Staff.objects.select_related("supervisor"), pk=pk)
    context = {
        "person": person,
        "chain": queries.supervisor_chain(person),
        "reports": person.reports.order_by("employee_no"),
        "delegations": queries.delegations_of(person)[:20],
        "show_faults": request.user.has_perm("staff.view_fault"),
        "faults": queries.faults_of(person)[:20],
        "can_record_fault": services.may_record_faults(request.user),
    }
    return render(request, "staff/staff_detail.html", context)


# --- delegations (工作联络单, SLIP-4) ------------------------------------------------------------


def _delegation_viewer(request: HttpRequest) -> None:
    if not (has_any_role(request.user, MANAGERS) or request.user.has_perm("staff.view_delegation")):
        raise PermissionDenied


# The delegations' sorts: those in force or to come are a handful of rows (managers away for two
# days or more), so none needs an index.
DELEGATION_SORTS = {
    "principal": (Pinyin("principal__name"), "start", "id"),
    "delegate": (Pinyin("delegate__name"), "start", "id"),
    "start": ("start", "id"),
    "end": ("end", "id"),
}


def delegation_list(request: HttpRequest) -> HttpResponse:
    _delegation_viewer(request)
    today = timezone.localdate()
    rows = queries.current_delegations(request.user, today)
    listing = ListPage(request, rows, sorts=DELEGATION_SORTS, default_sort="start")
    context = {
        "page": listing.page,
        "listing": listing,
        "today": today,
        "can_name": has_any_role(request.user, MANAGERS),
    }
    return render(request, "staff/delegation_list.html", context)


def _principals_for(user: Staff):
    """HR picks any manager; a manager names their own delegate (no choice shown)."""
    if user.has_perm("staff.add_delegation"):
        return Staff.objects.filter(is_active=True, groups__name__in=MANAGERS).distinct()
    return None


def delegation_new(request: HttpRequest) -> HttpResponse:
    if not has_any_role(request.user, MANAGERS):
        raise PermissionDenied
    form = DelegationForm(request.POST or None, principals=_principals_for(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.name_delegate(
                principal=data.get("principal") or request.user,
                delegate=data["delegate"],
                start=data["start"],
                end=data["end"],
                reason=data["reason"],
                by=request.user,
            )
        except services.DelegationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The delegate was named and the departments told."))
            return redirect("staff:delegations")
    return render(request, "staff/delegation_form.html", {"form": form})


@require_POST
def delegation_end(request: HttpRequest, pk: int) -> HttpResponse:
    delegation = get_object_or_404(Delegation.objects.select_related("principal"), pk=pk)
    try:
        services.end_delegation(delegation=delegation, by=request.user, today=timezone.localdate())
    except services.DelegationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The delegation was ended."))
    return redirect("staff:delegations")


# --- faults (过失单, FD-5) -----------------------------------------------------------------------


# The fault slips' sorts. Slips are written by hand, a few a month, so the table stays small: the
# date's sort has fault_day, the others need no index.
FAULT_SORTS = {
    "date": ("occurred_on", "id"),  # fault_day
    "employee": (Pinyin("staff__name"), "occurred_on", "id"),
    "deduction": ("deduction", "occurred_on", "id"),
}


def fault_list(request: HttpRequest) -> HttpResponse:
    """Everyone's faults for the customer manager, HR and GM; one's own for everyone else."""
    sees_all = request.user.has_perm("staff.view_fault")
    form = FaultFilterForm(request.GET or None, show_staff=sees_all)
    filters = form.cleaned_data if form.is_valid() else {}
    staff = filters.get("staff")
    rows = queries.fault_list(
        viewer=request.user, staff_id=staff.pk if staff else None, month=filters.get("month")
    )
    listing = ListPage(request, rows, sorts=FAULT_SORTS, default_sort="-date")
    context = {
        "form": form,
        "page": listing.page,
        "listing": listing,
        "sees_all": sees_all,
        "can_record": services.may_record_faults(request.user),
        "can_withdraw": request.user.has_perm("staff.change_fault"),
        "withdraw_form": WithdrawFaultForm(),
    }
    return render(request, "staff/fault_list.html", context)


def fault_new(request: HttpRequest) -> HttpResponse:
    if not services.may_record_faults(request.user):
        raise PermissionDenied
    initial = {"occurred_on": timezone.localdate(), "staff": int_param(request, "staff", minimum=1)}
    form = FaultForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            fault = services.record_fault(by=request.user, **form.cleaned_data)
        except services.FaultError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Fault recorded for %(name)s; they have been told.")
                % {"name": fault.staff.get_full_name()},
            )
            return redirect("staff:faults")
    return render(request, "staff/fault_form.html", {"form": form})


@require_POST
def fault_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    fault = get_object_or_404(Fault, pk=pk)
    form = WithdrawFaultForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.withdraw_fault(fault=fault, reason=reason, by=request.user)
    except services.FaultError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The fault was withdrawn."))
    return redirect("staff:faults")


# --- requests for instructions (请示报告, REP-1) --------------------------------------------------


# The report tabs' sorts. Each tab holds one person's reports (filed by them, waiting for them,
# routed through them), so none needs an index. "urgent" has no header: it is the order of
# "Awaiting me", urgent first, then oldest first.
REPORT_SORTS = {
    "filed": ("created_at", "id"),
    "urgent": ("-urgent", "created_at", "id"),
    "reporter": (Pinyin("reporter__name"), "created_at", "id"),
    "with": (Pinyin("recipient__name"), "created_at", "id"),
}


def _report_page(request: HttpRequest, rows, tab: str, default_sort: str) -> HttpResponse:
    listing = ListPage(request, rows, sorts=REPORT_SORTS, default_sort=default_sort)
    context = {
        "page": listing.page,
        "listing": listing,
        "tab": tab,
        "awaiting_count": queries.reports_awaiting(request.user).count(),
    }
    return render(request, "staff/report_list.html", context)


def report_list(request: HttpRequest) -> HttpResponse:
    """My reports and requests for instructions."""
    return _report_page(request, queries.reports_by(request.user), "mine", "-filed")


def reports_awaiting(request: HttpRequest) -> HttpResponse:
    return _report_page(request, queries.reports_awaiting(request.user), "awaiting", "urgent")


def reports_passed(request: HttpRequest) -> HttpResponse:
    """Reports that went past me or that I passed up or answered."""
    return _report_page(request, queries.reports_seen_by(request.user), "passed", "-filed")


def _chain(user: Staff) -> list[Staff]:
    return queries.report_chain(user)


def report_new(request: HttpRequest) -> HttpResponse:
    chain = _chain(request.user)
    form = ReportForm(request.POST or None, chain=chain)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.file_report(by=request.user, **form.cleaned_data)
        except services.ReportError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Report filed with %(name)s.") % {"name": report.recipient.get_full_name()},
            )
            return redirect(report)
    return render(request, "staff/report_form.html", {"form": form, "chain": chain})


def _visible_report(request: HttpRequest, pk: int) -> InstructionRequest:
    report = get_object_or_404(
        InstructionRequest.objects.select_related("reporter", "recipient", "instructed_by"), pk=pk
    )
    if not queries.may_view_report(request.user, report):
        raise PermissionDenied
    return report


def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _visible_report(request, pk)
    holds = report.is_awaiting and report.recipient_id == request.user.pk
    executes = report.status == ReportStatus.INSTRUCTED and report.reporter_id == request.user.pk
    context = {
        "report": report,
        "steps": queries.report_steps(report),
        "holds": holds,
        "can_forward": holds and bool(_chain(request.user)),
        "executes": executes,
        "forward_form": ForwardReportForm(chain=_chain(request.user), urgent=report.urgent),
        "instruction_form": InstructionForm(),
        "execution_form": ExecutionForm(),
    }
    return render(request, "staff/report_detail.html", context)


def _act_on_report(request: HttpRequest, pk: int, action, form_class, **form_kwargs):
    report = _visible_report(request, pk)
    form = form_class(request.POST, **form_kwargs)
    if not form.is_valid():
        messages.error(request, _("Fill in the form."))
        return redirect(report)
    try:
        action(report=report, by=request.user, **form.cleaned_data)
    except services.ReportError as exc:
        messages.error(request, str(exc))
    return redirect(report)


@require_POST
def report_forward(request: HttpRequest, pk: int) -> HttpResponse:
    urgent = InstructionRequest.objects.filter(pk=pk, urgent=True).exists()
    return _act_on_report(
        request,
        pk,
        services.forward_report,
        ForwardReportForm,
        chain=_chain(request.user),
        urgent=urgent,
    )


@require_POST
def report_instruct(request: HttpRequest, pk: int) -> HttpResponse:
    return _act_on_report(request, pk, services.give_instruction, InstructionForm)


@require_POST
def report_execute(request: HttpRequest, pk: int) -> HttpResponse:
    return _act_on_report(request, pk, services.record_execution, ExecutionForm)


def search(request: HttpRequest) -> HttpResponse:
    """The top bar's global search: phone, name, lead or complaint number (staff.search)."""
    results = global_search(request.user, request.GET.get("q", ""))
    context = {"results": results, "search_query": results.terms.text}
    return render(request, "staff/search.html", context)
