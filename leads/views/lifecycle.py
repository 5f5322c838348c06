"""Measurement and contract pages, and the lifecycle section of the lead page (LIFE-1, 2)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from staff.access import role_required
from staff.models import Role, Staff

from ..forms.lifecycle import ContractForm, MeasurementForm, ReopenForm
from ..models import ClosureKind, Lead, LeadState
from ..queries.lifecycle import lead_lifecycle, sees_all_commission
from ..services import closures
from ..services.callbacks import may_handle
from ..services.contracts import record_contract
from ..services.errors import LeadError
from ..services.measurement import may_work_on, record_measurement
from .common import lead_or_404

WORKERS = (Role.DESIGNER, Role.CUSTOMER_MANAGER)


def lifecycle_context(user: Staff, lead: Lead) -> dict:
    """What the lead page's lifecycle section shows and offers (booleans for the template)."""
    life = lead_lifecycle(lead, with_commission=sees_all_commission(user))
    pending = life.pending
    return {
        "life": life,
        "callback_rows": [
            (
                callback,
                callback.is_open and not callback.is_closure_call and may_handle(user, callback),
            )
            for callback in life.callbacks
        ],
        "closure_kind_label": dict(ClosureKind.choices).get(closures.kind_for(lead), ""),
        "show_commission": sees_all_commission(user),
        "can_measure": lead.state == LeadState.DISPATCHED
        and may_work_on(user, lead, "leads.add_measurement"),
        "can_add_contract": lead.state in (LeadState.MEASURED, LeadState.SIGNED)
        and may_work_on(user, lead, "leads.add_contract"),
        "can_propose_closure": pending is None and closures.may_propose(user, lead),
        "can_decide_closure": pending is not None and closures.may_decide(user),
        "can_reopen": closures.may_reopen(user, lead),
        "reopen_form": ReopenForm(prefix="reopen"),
    }


@role_required(*WORKERS)
def measure(request: HttpRequest, pk: int) -> HttpResponse:
    """LIFE-1: the date and the designer who measured."""
    lead = lead_or_404(request, pk)
    if not may_work_on(request.user, lead, "leads.add_measurement"):
        raise PermissionDenied
    form = MeasurementForm(request.POST or None, initial={"designer": lead.designer})
    if request.method == "POST" and form.is_valid():
        try:
            record_measurement(lead=lead, by=request.user, **form.cleaned_data)
        except LeadError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The measurement is recorded; the lead is measured."))
            return redirect(lead)
    return render(request, "leads/measurement_form.html", {"lead": lead, "form": form})


@role_required(*WORKERS)
def contract_add(request: HttpRequest, pk: int) -> HttpResponse:
    """LIFE-2: a contract on the lead; the first one signs it."""
    lead = lead_or_404(request, pk)
    if not may_work_on(request.user, lead, "leads.add_contract"):
        raise PermissionDenied
    form = ContractForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contract = record_contract(lead=lead, by=request.user, **form.cleaned_data)
        except LeadError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("Contract %(number)s is recorded.") % {"number": contract.number}
            )
            return redirect(lead)
    return render(request, "leads/contract_form.html", {"lead": lead, "form": form})
