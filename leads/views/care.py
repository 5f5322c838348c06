"""Care calls after signing (CARE-2, CARE-4): the call's page with the feedback form (宾客意见表),
the contract's care dates, and the way to the complaint when the customer asks for one."""

from datetime import timedelta

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.params import date_param
from staff.access import role_required
from staff.phones import mask_phone

from ..forms.care import CareDatesForm, CareFeedbackForm
from ..models import CareCall, Greeting
from ..navigation import CALLBACK_ROLES, GREETING_ROLES
from ..queries.access import phone_for
from ..queries.care import greetings_on
from ..services import care as services
from ..services.callbacks import may_handle
from ..services.errors import LeadError
from ..services.occasions import mark_greeted
from .common import refuse


def _call_or_404(request: HttpRequest, pk: int) -> CareCall:
    call = (
        CareCall.objects.select_related(
            "callback__lead", "callback__assignee", "plan__contract__designer"
        )
        .filter(pk=pk)
        .first()
    )
    user = request.user
    if call is None or not (may_handle(user, call.callback) or services.may_manage_care(user)):
        raise Http404
    return call


@role_required(*CALLBACK_ROLES)
def care_call_for(request: HttpRequest, callback_pk: int) -> HttpResponse:
    """From "My callbacks" to the care call's page."""
    call = get_object_or_404(CareCall, callback_id=callback_pk)
    return redirect("leads:care_call", call.pk)


@role_required(*CALLBACK_ROLES)
def care_call(request: HttpRequest, pk: int) -> HttpResponse:
    call = _call_or_404(request, pk)
    form = CareFeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_care_feedback(care_call=call, by=request.user, **form.cleaned_data)
        except LeadError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Feedback recorded."))
            return redirect("leads:care_call", call.pk)
    feedback = getattr(call, "feedback", None)
    plan = call.plan
    context = {
        "call": call,
        "lead": call.callback.lead,
        "phone": phone_for(request.user, call.callback.lead),
        "form": form,
        "feedback": feedback,
        "can_record": call.callback.is_open and may_handle(request.user, call.callback),
        "can_complain": bool(
            feedback
            and feedback.complaint_id is None
            and request.user.has_perm("complaints.register_complaint")
        ),
        "dates_form": CareDatesForm(
            initial={
                "starts_on": plan.starts_on,
                "completes_on": plan.completes_on,
                "warranty_ends_on": plan.warranty_ends_on,
            }
        ),
        "can_change_dates": plan.status == "ACTIVE" and services.may_manage_care(request.user),
    }
    return render(request, "leads/care/call.html", context)


@require_POST
@role_required(*CALLBACK_ROLES)
def care_dates(request: HttpRequest, pk: int) -> HttpResponse:
    call = _call_or_404(request, pk)
    form = CareDatesForm(request.POST)
    if not form.is_valid():
        refuse(request, LeadError(_("Enter the three dates.")))
        return redirect("leads:care_call", call.pk)
    try:
        services.change_contract_dates(plan=call.plan, by=request.user, **form.cleaned_data)
    except LeadError as exc:
        refuse(request, exc)
    else:
        messages.success(request, _("Care dates saved; the open care calls moved with them."))
    return redirect("leads:care_call", call.pk)


@role_required(*GREETING_ROLES)
def greetings(request: HttpRequest) -> HttpResponse:
    """CARE-3: the day's festival and anniversary greetings, built by the nightly job."""
    day = date_param(request, "day") or timezone.localdate()
    full = request.user.has_perm("leads.view_customer_phone")
    rows = [(row, row.phone if full else mask_phone(row.phone)) for row in greetings_on(day)]
    context = {
        "day": day,
        "rows": rows,
        "previous": day - timedelta(days=1),
        "next": day + timedelta(days=1),
        "open_count": sum(1 for row, _phone in rows if row.done_at is None),
    }
    return render(request, "leads/care/greetings.html", context)


@require_POST
@role_required(*GREETING_ROLES)
def greeting_done(request: HttpRequest, pk: int) -> HttpResponse:
    greeting = get_object_or_404(Greeting, pk=pk)
    try:
        mark_greeted(greeting=greeting, by=request.user)
    except LeadError as exc:
        refuse(request, exc)
    else:
        messages.success(request, _("Greeting recorded."))
    return redirect(f"{reverse('leads:greetings')}?day={greeting.day.isoformat()}")
