"""Complaint pages: the register, registering, the complaint page with its steps, the department's
list and the printable register and handling form. Thin: access, form, one service or query."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.access import get_object_for, require
from core.lists import ListPage
from staff.access import role_required
from staff.navigation import ALL_ROLES
from staff.phones import mask_phone

from .. import queries, rules, services
from ..access import SEE_PHONE, VIEW_REGISTER, ComplaintAccess, complaint_access
from ..filters import ComplaintFilter
from ..forms import (
    STEP_FORMS,
    ComplaintForm,
    DepartmentListForm,
    RegisterFilterForm,
    StepForm,
)
from ..models import Complaint, ComplaintEvent, FollowUpMethod
from ..rules import Action, StepRefusal

PAGE_SIZE = 25
PRINT_PAGE_SIZE = 100
REGISTER = "complaints.register_complaint"

STEP_SERVICES = {
    Action.INVESTIGATE: services.record_investigation,
    Action.DECIDE: services.decide_complaint,
    Action.HANDLE: services.record_handling,
    Action.REPLY: services.record_reply,
    Action.FOLLOW_UP: services.record_follow_up,
    Action.CLOSE: services.close_complaint,
}
STEP_EVENTS = {
    Action.INVESTIGATE: ComplaintEvent.INVESTIGATED,
    Action.DECIDE: ComplaintEvent.DECIDED,
    Action.HANDLE: ComplaintEvent.HANDLED,
    Action.REPLY: ComplaintEvent.REPLIED,
    Action.FOLLOW_UP: ComplaintEvent.FOLLOWED_UP,
    Action.CLOSE: ComplaintEvent.CLOSED,
}


# ------------------------------------------------------------------------------------------------
# Access and presentation helpers
# ------------------------------------------------------------------------------------------------


def _complaint_for(request: HttpRequest, pk: int) -> tuple[Complaint, ComplaintAccess]:
    """404 unless the viewer may read the register or works in the responsible department."""
    return get_object_for(request.user, complaint_access, queries.complaint_for_page, pk)


def _show_phones(rows, show: bool) -> None:
    """SEC-1: full numbers only for roles that call customers back."""
    for row in rows:
        row.shown_phone = row.phone if show else mask_phone(row.phone)


def _paginate(request: HttpRequest, rows, size: int = PAGE_SIZE):
    page = Paginator(rows, size).get_page(request.GET.get("page"))
    _show_phones(page, request.user.has_perm(SEE_PHONE))
    return page


def _filters(form: RegisterFilterForm) -> queries.RegisterFilters:
    if not form.is_bound or not form.is_valid():
        return queries.RegisterFilters()
    data = form.cleaned_data
    return queries.RegisterFilters(
        search=data["q"],
        status=data["status"],
        category=data["category"],
        department=data["department"],
        overdue=data["overdue"],
        received_from=data["received_from"],
        received_to=data["received_to"],
    )


def _placeholder(request: HttpRequest) -> str:
    if request.user.has_perm(SEE_PHONE):
        return _("Number, name, phone or text")
    return _("Number, name or text")


def _filter_form(request: HttpRequest) -> RegisterFilterForm:
    return RegisterFilterForm(request.GET or None, search_placeholder=_placeholder(request))


def _register_rows(request: HttpRequest, form: RegisterFilterForm, *, by_number: bool = False):
    return queries.register(
        _filters(form),
        now=timezone.now(),
        search_phone=request.user.has_perm(SEE_PHONE),
        by_number=by_number,
    )


def _lead_url(complaint: Complaint) -> str:
    if complaint.lead_id is None:
        return ""
    try:
        return reverse("leads:detail", args=[complaint.lead_id])
    except NoReverseMatch:  # the leads pages may not offer a detail page
        return ""


# ------------------------------------------------------------------------------------------------
# The register and registering (CMP-1, CMP-2)
# ------------------------------------------------------------------------------------------------


# The register's and the department list's sorts, each answered by an index on Complaint (the
# volume plan test checks): complaint_received, and the unique (year, seq) of the number.
SORTS = {"received": ("received_at", "id"), "number": ("year", "seq")}


def _filterset(request: HttpRequest) -> ComplaintFilter:
    now = timezone.now()
    phone = request.user.has_perm(SEE_PHONE)
    rows = queries.register(queries.RegisterFilters(), now=now, search_phone=phone)
    return ComplaintFilter(
        request.GET or None,
        queryset=rows,
        request=request,
        search_phone=phone,
        search_placeholder=_placeholder(request),
        now=now,
    )


@permission_required(VIEW_REGISTER, raise_exception=True)
def index(request: HttpRequest) -> HttpResponse:
    filters = _filterset(request)
    listing = ListPage(request, filters.qs, sorts=SORTS, default_sort="-received")
    _show_phones(listing.page, request.user.has_perm(SEE_PHONE))
    context = {
        "form": filters.form,
        "page": listing.page,
        "listing": listing,
        "can_register": request.user.has_perm(REGISTER),
    }
    return render(request, "complaints/index.html", context)


@permission_required(REGISTER, raise_exception=True)
def create(request: HttpRequest) -> HttpResponse:
    form = ComplaintForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            complaint = services.register_complaint(by=request.user, **form.cleaned_data)
        except services.ComplaintError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("Complaint %(number)s registered.") % {"number": complaint.number}
            )
            return redirect(complaint)
    status = 400 if form.errors else 200
    return render(request, "complaints/complaint_form.html", {"form": form}, status=status)


@role_required(*ALL_ROLES)
def department_list(request: HttpRequest) -> HttpResponse:
    """ "My complaints": the ones the viewer's department is responsible for handling."""
    form = DepartmentListForm(request.GET or None)
    show_closed = form.is_valid() and form.cleaned_data["show_closed"]
    rows = queries.department_complaints(
        request.user.department, now=timezone.now(), open_only=not show_closed
    )
    listing = ListPage(request, rows, sorts=SORTS, default_sort="-received")
    _show_phones(listing.page, request.user.has_perm(SEE_PHONE))
    context = {
        "form": form,
        "page": listing.page,
        "listing": listing,
        "department": request.user.get_department_display(),
    }
    return render(request, "complaints/department_list.html", context)


# ------------------------------------------------------------------------------------------------
# The complaint page and its steps (CMP-3..7)
# ------------------------------------------------------------------------------------------------


def _step_form(complaint: Complaint, action: Action, bound: StepForm | None) -> StepForm:
    if bound is not None and bound.action == action:
        return bound
    url = reverse("complaints:step", args=[complaint.pk, action.value])
    if action == Action.CLOSE:
        return STEP_FORMS[action](action_url=url, satisfaction=complaint.satisfaction)
    return STEP_FORMS[action](action_url=url)


def _detail_context(
    request: HttpRequest,
    complaint: Complaint,
    access: ComplaintAccess,
    bound: StepForm | None = None,
) -> dict:
    show_phone = access.full_phone
    now, deadlines = timezone.now(), queries.step_deadlines()
    decisions = rules.available_actions(queries.step_facts(complaint, request.user))
    step_forms = [
        _step_form(complaint, action, bound)
        for action, decision in decisions.items()
        if decision.allowed
    ]
    return {
        "complaint": complaint,
        "phone": complaint.phone if show_phone else mask_phone(complaint.phone),
        "lead_url": _lead_url(complaint),
        "history": queries.complaint_history(complaint, show_phone=show_phone),
        "escalations": queries.escalations_of(complaint),
        "step_forms": step_forms,
        "step_notes": [
            d.message
            for d in decisions.values()
            if not d.allowed and d.reason != StepRefusal.ROLE_NOT_ALLOWED
        ],
        "next_actors": queries.next_actor_labels(complaint),
        "due_at": queries.due_at(complaint, deadlines),
        "is_overdue": queries.current_overdue(complaint, now, deadlines) is not None,
        "follow_up_method": FollowUpMethod(
            rules.follow_up_method(rules.Severity(complaint.severity))
        ).label,
    }


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    complaint, access = _complaint_for(request, pk)
    context = _detail_context(request, complaint, access)
    return render(request, "complaints/complaint_detail.html", context)


@require_POST
def take_step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    complaint, access = _complaint_for(request, pk)
    try:
        step = Action(action)
    except ValueError as exc:
        raise Http404 from exc
    decision = rules.available_actions(queries.step_facts(complaint, request.user)).get(step)
    if decision is None:  # someone else moved it on since the page was loaded
        messages.warning(request, _("That step is no longer open; this is the complaint now."))
        return redirect(complaint)
    require(decision.reason != StepRefusal.ROLE_NOT_ALLOWED)  # sees the complaint, not the step
    form = STEP_FORMS[step](request.POST, action_url=request.path)
    if decision.allowed and form.is_valid():
        try:
            STEP_SERVICES[step](complaint=complaint, by=request.user, **form.cleaned_data)
        except services.ComplaintError as exc:
            form.add_error(None, str(exc))
        else:
            done = {"number": complaint.number, "event": STEP_EVENTS[step].label}
            messages.success(request, _("%(number)s: %(event)s") % done)
            return redirect(complaint)
    if not decision.allowed:
        messages.error(request, decision.message)
    context = _detail_context(request, complaint, access, bound=form)
    return render(request, "complaints/complaint_detail.html", context, status=400)


# ------------------------------------------------------------------------------------------------
# Printing (A4): the register and one handling form
# ------------------------------------------------------------------------------------------------


@permission_required(VIEW_REGISTER, raise_exception=True)
def print_register(request: HttpRequest) -> HttpResponse:
    form = _filter_form(request)
    page = _paginate(request, _register_rows(request, form, by_number=True), PRINT_PAGE_SIZE)
    context = {"form": form, "page": page, "printed_at": timezone.now()}
    return render(request, "complaints/print_register.html", context)


def print_form(request: HttpRequest, pk: int) -> HttpResponse:
    complaint, access = _complaint_for(request, pk)
    show_phone = access.full_phone
    context = {
        "complaint": complaint,
        "phone": complaint.phone if show_phone else mask_phone(complaint.phone),
        "printed_at": timezone.now(),
    }
    return render(request, "complaints/print_form.html", context)
