"""Closure pages (跑单): propose, the queues of the two signers, the record with the decision,
the printable form, reopening, and the reason analysis (CLOSE-1..5)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.lists import ListPage
from staff.access import role_required
from staff.models import Role

from ..forms.lifecycle import (
    AnalysisFilterForm,
    ClosureDecisionForm,
    ClosureFilterForm,
    ClosureProposalForm,
    ReopenForm,
)
from ..models import Closure, ClosureKind
from ..navigation import CLOSURE_ROLES
from ..queries import closures as queries
from ..queries.access import phone_for
from ..services import closures as services
from ..services.errors import LeadError
from .common import lead_or_404, refuse

PROPOSERS = (Role.CUSTOMER_MANAGER, Role.CS_AGENT)

# The queue's sorts, per tab, with the tab's own order as the default; each answered by an index
# on Closure (the volume plan test checks): a status tab by closure_status_proposed /
# closure_status_decided, "mine" by closure_proposer, "all" by closure_proposed.
PROPOSED = {"proposed": ("proposed_at", "id")}
DECIDED = {**PROPOSED, "decided": ("decided_at", "id")}
TAB_SORTS = {
    queries.ClosureTab.AWAITING: (PROPOSED, "proposed"),
    queries.ClosureTab.MINE: (PROPOSED, "-proposed"),
    queries.ClosureTab.REJECTED: (DECIDED, "-decided"),
    queries.ClosureTab.CONFIRMED: (DECIDED, "-decided"),
    queries.ClosureTab.ALL: (PROPOSED, "-proposed"),
}


def _closure_or_404(request: HttpRequest, pk: int) -> Closure:
    closure = queries.closure_for_page(request.user, pk)
    if closure is None:
        raise Http404
    return closure


@role_required(*PROPOSERS)
def closure_propose(request: HttpRequest, pk: int) -> HttpResponse:
    """CLOSE-1/2, step one: the first callback and the proposal."""
    lead = lead_or_404(request, pk)
    if not services.may_propose(request.user, lead):
        raise PermissionDenied
    kind = services.kind_for(lead)
    form = ClosureProposalForm(request.POST or None, kind=kind)
    if request.method == "POST" and form.is_valid():
        try:
            closure = services.propose_closure(lead=lead, by=request.user, **form.cleaned_data)
        except LeadError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("The closure is proposed; the design manager makes the second call.")
            )
            return redirect(closure)
    context = {"lead": lead, "form": form, "kind_label": dict(ClosureKind.choices)[kind]}
    return render(request, "leads/closure_propose.html", context)


@role_required(*CLOSURE_ROLES)
def closure_list(request: HttpRequest) -> HttpResponse:
    """The queue of each signer: awaiting confirmation (design manager), my proposals
    (customer manager, agents), rejected, confirmed (the archive), all."""
    form = ClosureFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    tab = data.get("tab") or queries.default_tab(request.user)
    rows = queries.closure_queue(request.user, tab, data.get("kind", ""))
    sorts, default = TAB_SORTS.get(tab, (PROPOSED, "-proposed"))
    listing = ListPage(request, rows, sorts=sorts, default_sort=default)
    context = {
        "form": form,
        "tab": tab,
        "kind": data.get("kind", ""),
        "tabs": form.fields["tab"].choices,
        "page": listing.page,
        "listing": listing,
        "awaiting_count": queries.awaiting_count(request.user),
        "can_analyse": request.user.has_perm("leads.view_closure_analysis"),
    }
    return render(request, "leads/closure_list.html", context)


@role_required(*CLOSURE_ROLES, Role.DESIGNER)
def closure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """CLOSE-3: the closure record; the design manager decides here, the customer manager
    reopens here."""
    closure = _closure_or_404(request, pk)
    user = request.user
    context = {
        "closure": closure,
        "lead": closure.lead,
        "phone": phone_for(user, closure.lead),
        "can_decide": closure.is_pending and services.may_decide(user),
        "can_reopen": closure.is_confirmed and services.may_reopen(user, closure.lead),
        "decision_form": ClosureDecisionForm(prefix="decide"),
        "reopen_form": ReopenForm(prefix="reopen"),
        "history": queries.closure_history(closure),
    }
    return render(request, "leads/closure_detail.html", context)


@require_POST
@role_required(Role.DESIGN_MANAGER)
def closure_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """CLOSE-2, step two: confirm (closes the lead now) or reject (back to work)."""
    closure = _closure_or_404(request, pk)
    form = ClosureDecisionForm(request.POST, prefix="decide")
    if not form.is_valid():
        refuse(request, LeadError(_("Write the note of your second callback.")))
        return redirect(closure)
    data = form.cleaned_data
    try:
        if data["decision"] == ClosureDecisionForm.CONFIRM:
            services.confirm_closure(
                closure=closure,
                by=request.user,
                note=data["note"],
                responsible=data["responsible"],
                penalty=data["penalty"],
            )
            messages.success(request, _("Confirmed: the lead is closed and the GM office told."))
        else:
            services.reject_closure(closure=closure, by=request.user, note=data["note"])
            messages.success(request, _("Rejected: the lead is back in work."))
    except LeadError as exc:
        refuse(request, exc)
    return redirect(closure)


@require_POST
@role_required(Role.CUSTOMER_MANAGER)
def lead_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    """CLOSE-5: only the customer manager, with a reason."""
    lead = lead_or_404(request, pk)
    form = ReopenForm(request.POST, prefix="reopen")
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.reopen_lead(lead=lead, reason=reason, by=request.user)
    except LeadError as exc:
        refuse(request, exc)
    else:
        messages.success(request, _("The lead is reopened."))
    return redirect(lead)


@role_required(*CLOSURE_ROLES, Role.DESIGNER)
def closure_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The source's 无效单 / 签单失败情况说明, A4, in Chinese."""
    closure = _closure_or_404(request, pk)
    context = {
        "closure": closure,
        "lead": closure.lead,
        "phone": phone_for(request.user, closure.lead),
    }
    return render(request, "leads/closure_print.html", context)


@role_required(*CLOSURE_ROLES)
def closure_analysis(request: HttpRequest) -> HttpResponse:
    """CLOSE-4: confirmed closures by reason, channel, designer and month."""
    if not request.user.has_perm("leads.view_closure_analysis"):
        raise PermissionDenied
    form = AnalysisFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    analysis = queries.closure_analysis(
        queries.AnalysisFilters(
            date_from=data.get("date_from"), date_to=data.get("date_to"), kind=data.get("kind", "")
        )
    )
    chart = {
        "labels": [row.label for row in analysis.reasons],
        "counts": [row.count for row in analysis.reasons],
    }
    context = {"form": form, "analysis": analysis, "chart": chart}
    return render(request, "leads/closure_analysis.html", context)
