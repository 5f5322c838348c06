"""Transfer slips: the lists, a salesperson's new slip, signing, HR's list and export."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.lists import ListPage
from staff.access import role_required
from staff.models import Role

from ..forms import HrSlipFilterForm, MarketingLeadForm, SlipFilterForm, SlipForm
from ..models import TransferSlip
from ..navigation import AREA_ROLES
from ..queries import slips as queries
from ..queries.access import can_view_lead
from ..queries.leads import slip_steps
from ..resources import export_slips
from ..rules import slips as rules
from ..services import slips as services
from ..services.errors import LeadError
from .common import lead_or_404, refuse
from .intake import intake_data

SALES_ROLES = (Role.MARKETING_SALES, Role.MARKETING_MANAGER)

# The slip lists' sorts, each answered by an index on TransferSlip: a salesperson's own slips by
# slip_salesperson_filled, all slips by slip_filled (leads.0016), HR's by slip_dispatched_at.
SLIP_SORTS = {"filled": ("filled_at", "id")}
HR_SORTS = {"dispatched": ("dispatched_at", "id")}


@role_required(*AREA_ROLES)
def slip_list(request: HttpRequest) -> HttpResponse:
    """Awaiting my signature (own right or delegate), then my slips or all slips."""
    form = SlipFilterForm(request.GET or None)
    status = form.cleaned_data.get("status", "") if form.is_valid() else ""
    slips = queries.with_status(queries.slips_for(request.user), status)
    listing = ListPage(request, slips, sorts=SLIP_SORTS, default_sort="-filled")
    context = {
        "form": form,
        "awaiting": queries.slips_awaiting(request.user, timezone.localdate())[:50],
        "page": listing.page,
        "listing": listing,
        "can_file": request.user.has_role(*SALES_ROLES),
    }
    return render(request, "leads/slip_list.html", context)


@role_required(*SALES_ROLES)
def slip_new(request: HttpRequest) -> HttpResponse:
    """A salesperson's new customer and its slip (SLIP-1)."""
    form = MarketingLeadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = intake_data({**form.cleaned_data, "channel": "MARKETING"})
        try:
            result, slip = services.file_marketing_lead(
                data=data,
                by=request.user,
                customer_intent=form.cleaned_data["customer_intent"],
                preferred_designer=form.cleaned_data["preferred_designer"],
            )
        except LeadError as exc:
            form.add_error(None, str(exc))
        else:
            if slip is not None:
                messages.success(
                    request, _("The slip was filled; the marketing manager signs next.")
                )
                return redirect(slip)
            messages.warning(request, result.message)
            return redirect("leads:slips")
    return render(request, "leads/slip_new.html", {"form": form})


@role_required(*SALES_ROLES)
def slip_fill(request: HttpRequest, pk: int) -> HttpResponse:
    """Fill the slip of a marketing lead the salesperson brought (e.g. from a daily filing)."""
    lead = lead_or_404(request, pk)
    form = SlipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            slip = services.fill_slip(lead=lead, by=request.user, **form.cleaned_data)
        except LeadError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The slip was filled; the marketing manager signs next."))
            return redirect(slip)
    return render(request, "leads/slip_fill.html", {"form": form, "lead": lead})


def _slip_or_404(request: HttpRequest, pk: int) -> TransferSlip:
    """Slip managers and signers see every slip; a salesperson their own; delegates those
    awaiting them."""
    slip = queries.slip_rows().filter(pk=pk).first()
    if slip is None:
        raise Http404
    user = request.user
    if user.has_perm("leads.view_transferslip") or slip.salesperson_id == user.pk:
        return slip
    if user.has_perm("leads.export_slips") and slip.dispatched_at is not None:
        return slip  # HR's copy (SLIP-3)
    if queries.slips_awaiting(user, timezone.localdate()).filter(pk=pk).exists():
        return slip
    raise Http404


def slip_detail(request: HttpRequest, pk: int) -> HttpResponse:
    slip = _slip_or_404(request, pk)
    today = timezone.localdate()
    next_step = rules.next_signer_step(services.signature_snapshots(slip))
    can_sign = (
        next_step is not None
        and services.signing_decision(
            step=next_step,
            signatures=services.signature_snapshots(slip),
            signer=request.user,
            on_date=today,
        ).allowed
    )
    context = {
        "slip": slip,
        "steps": slip_steps(slip),
        "next_step": next_step,
        "can_sign": can_sign and slip.lead.is_open,
        "can_view_lead": can_view_lead(request.user, slip.lead),
    }
    return render(request, "leads/slip_detail.html", context)


@require_POST
def slip_sign(request: HttpRequest, pk: int) -> HttpResponse:
    slip = _slip_or_404(request, pk)
    try:
        signature = services.sign_slip(slip=slip, by=request.user)
    except LeadError as exc:
        refuse(request, exc)
    else:
        messages.success(request, _("Signed: %(who)s.") % {"who": signature.signed_by_label})
    return redirect(slip)


def _hr_form(request: HttpRequest) -> HrSlipFilterForm:
    return HrSlipFilterForm(request.GET or None, salespeople=queries.salespeople())


def _hr_filters(form: HrSlipFilterForm) -> queries.HrFilters:
    if not form.is_valid():
        return queries.HrFilters()
    return queries.HrFilters(
        date_from=form.cleaned_data["date_from"],
        date_to=form.cleaned_data["date_to"],
        salesperson=form.cleaned_data["salesperson"],
    )


def slips_hr(request: HttpRequest) -> HttpResponse:
    """SLIP-3: HR's list of slips of dispatched leads."""
    if not request.user.has_perm("leads.export_slips"):
        raise PermissionDenied
    form = _hr_form(request)
    slips = queries.hr_slips(_hr_filters(form))
    listing = ListPage(request, slips, sorts=HR_SORTS, default_sort="-dispatched")
    context = {
        "form": form,
        "page": listing.page,
        "listing": listing,
        "query_string": request.GET.urlencode(),
    }
    return render(request, "leads/slips_hr.html", context)


def slips_hr_export(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("leads.export_slips"):
        raise PermissionDenied
    slips = queries.hr_slips(_hr_filters(_hr_form(request)))
    file_format = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    return export_slips(slips, by=request.user, file_format=file_format, filters=request.GET)
