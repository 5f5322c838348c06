"""Commission pages (COM-1, 2, 4): my commission for each earner; the month's ledger for the
customer manager, HR and the GM; HR or the GM mark a month paid."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.lists import ListPage
from staff.access import role_required
from staff.models import Staff

from ..forms.lifecycle import CommissionMonthForm, LedgerFilterForm, MarkPaidForm
from ..navigation import COMMISSION_ROLES, LEDGER_ROLES
from ..queries import commission as queries
from ..queries.lifecycle import sees_all_commission
from ..services import commission as services
from ..services.errors import LeadError
from .common import refuse

# The ledger's sorts: a month's lines, bounded by the month indexes (commissionentry_month_role)
# before they are sorted; by earner (the old order) or by the contract's signing date.
LEDGER_SORTS = {
    "earner": ("staff__employee_no", "created_at", "id"),
    "signed": ("contract__signed_on", "id"),
}

# My commission's sorts: one person's month (commissionentry_staff_month bounds it to a few
# dozen lines), in the order the lines were earned (the old order) or by signing date.
MINE_SORTS = {
    "earned": ("created_at", "id"),
    "signed": ("contract__signed_on", "id"),
}


def _earner(request: HttpRequest, form: CommissionMonthForm) -> Staff:
    """Me; someone else only for those who see everyone's commission."""
    chosen = form.cleaned_data.get("staff") if form.is_valid() else ""
    if not chosen or not sees_all_commission(request.user):
        return request.user
    return get_object_or_404(Staff, pk=chosen)


@role_required(*COMMISSION_ROLES, *LEDGER_ROLES)
def my_commission(request: HttpRequest) -> HttpResponse:
    sees_all = sees_all_commission(request.user)
    form = CommissionMonthForm(
        request.GET or None, earners=queries.earners() if sees_all else (), show_staff=sees_all
    )
    earner = _earner(request, form)
    month = form.chosen_month()
    lines = queries.person_month(earner, month)
    listing = ListPage(request, lines, sorts=MINE_SORTS, default_sort="earned", sizes=(50, 100))
    context = {
        "form": form,
        "earner": earner,
        "month": month,
        "page": listing.page,
        "listing": listing,
        "summary": queries.month_lines(earner, month.year, month.month),
        "paid": queries.paid_month(month),
        "months": queries.month_totals(earner),
        "is_me": earner.pk == request.user.pk,
    }
    return render(request, "leads/commission_mine.html", context)


@role_required(*LEDGER_ROLES)
def commission_ledger(request: HttpRequest) -> HttpResponse:
    if not sees_all_commission(request.user):
        raise PermissionDenied
    form = LedgerFilterForm(request.GET or None, earners=queries.earners())
    data = form.cleaned_data if form.is_valid() else {}
    month = form.chosen_month()
    filters = queries.LedgerFilters(
        month=month,
        staff=data.get("staff", ""),
        role=data.get("role", ""),
        void=data.get("void", ""),
    )
    listing = ListPage(
        request, queries.ledger(filters), sorts=LEDGER_SORTS, default_sort="earner", sizes=(50, 100)
    )
    context = {
        "form": form,
        "month": month,
        "page": listing.page,
        "listing": listing,
        "totals": queries.earner_totals(month),
        "paid": queries.paid_month(month),
        "rules": queries.rules_in_force(timezone.localdate()),
        "can_mark_paid": request.user.has_perm("leads.mark_commission_paid"),
        "mark_paid_form": MarkPaidForm(initial={"month": month}),
    }
    return render(request, "leads/commission_ledger.html", context)


@require_POST
@role_required(*LEDGER_ROLES)
def commission_mark_paid(request: HttpRequest) -> HttpResponse:
    """HR or the GM: the month's commission was paid with salary."""
    form = MarkPaidForm(request.POST)
    if not form.is_valid():
        refuse(request, LeadError(_("Choose the month.")))
        return redirect("leads:commission_ledger")
    month = form.cleaned_data["month"]
    try:
        services.mark_month_paid(month=month, note=form.cleaned_data["note"], by=request.user)
    except LeadError as exc:
        refuse(request, exc)
    else:
        messages.success(request, _("%(month)s is marked paid.") % {"month": f"{month:%Y-%m}"})
    return redirect(f"{reverse('leads:commission_ledger')}?month={month:%Y-%m}")
