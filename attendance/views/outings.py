"""Business outings (ATT-6): my outings, the supervisor's decision, the front-desk register."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.collation import Pinyin
from core.lists import ListPage, in_declared_order

from .. import services
from ..forms import DecisionForm, OutingForm
from ..models import BusinessOuting, OutingStatus
from ..queries import pages
from ..services.common import local_today
from .common import area_required, context

# My outings' sorts: one person's rows (outing_staff_day finds them), so no index of their own.
MY_OUTING_SORTS = {
    "day": ("day", "planned_out", "id"),
    "destination": (Pinyin("destination"), "-day", "id"),
    "status": (in_declared_order("status", OutingStatus), "-day", "id"),
}
# The register's sorts: one day's approved outings (outing_day_status finds them), a short list.
REGISTER_SORTS = {
    "planned": ("planned_out", "staff__employee_no", "id"),
    "name": (Pinyin("staff__name"), "staff__employee_no", "planned_out", "id"),
    "destination": (Pinyin("destination"), "planned_out", "id"),
}


@area_required
def outing_list(request: HttpRequest) -> HttpResponse:
    form = OutingForm(request.POST or None, initial={"day": local_today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.request_outing(staff=request.user, by=request.user, **form.cleaned_data)
        except services.AttendanceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Outing requested."))
            return redirect("attendance:outings")
    outings = pages.my_outings(request.user)
    listing = ListPage(request, outings, sorts=MY_OUTING_SORTS, default_sort="-day")
    return render(
        request,
        "attendance/outings.html",
        context(request, "outings", form=form, page=listing.page, listing=listing),
    )


@require_POST
@area_required
def outing_decide(request: HttpRequest, pk: int) -> HttpResponse:
    outing = get_object_or_404(BusinessOuting, pk=pk)
    form = DecisionForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    approve = request.POST.get("decision") == "approve"
    try:
        services.decide_outing(outing=outing, by=request.user, approve=approve, comment=comment)
    except services.AttendanceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Approved.") if approve else _("Refused."))
    return redirect("attendance:approvals")


@require_POST
@area_required
def outing_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    outing = get_object_or_404(BusinessOuting, pk=pk, staff=request.user)
    try:
        services.cancel_outing(outing=outing, by=request.user)
    except services.AttendanceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Outing cancelled."))
    return redirect("attendance:outings")


def _register_guard(request: HttpRequest) -> None:
    if not services.may_register(request.user):
        raise PermissionDenied


@area_required
def outing_register(request: HttpRequest) -> HttpResponse:
    """FD-4/ATT-6: today's approved outings, with out and back buttons for the front desk."""
    _register_guard(request)
    day = local_today()
    outings = pages.outing_register(day)
    listing = ListPage(request, outings, sorts=REGISTER_SORTS, default_sort="planned")
    return render(
        request,
        "attendance/outing_register.html",
        context(request, "register", page=listing.page, listing=listing, day=day),
    )


@require_POST
@area_required
def outing_mark(request: HttpRequest, pk: int, direction: str) -> HttpResponse:
    _register_guard(request)
    outing = get_object_or_404(BusinessOuting, pk=pk)
    action = services.register_out if direction == "out" else services.register_back
    try:
        action(outing=outing, by=request.user)
    except services.AttendanceError as exc:
        messages.error(request, str(exc))
    return redirect("attendance:outing-register")
