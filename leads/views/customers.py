"""The customer history page (客史档案, CARE-1): everything about one customer (by phone) on one
timeline, and the preferences anyone serving them may record."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms.care import CustomerProfileForm
from ..queries import care as queries
from ..services.profiles import save_profile
from .common import lead_or_404


def customer_history(request: HttpRequest, pk: int) -> HttpResponse:
    lead = lead_or_404(request, pk)
    history = queries.customer_history(request.user, lead)
    context = {
        "lead": lead,
        "history": history,
        "form": CustomerProfileForm(instance=history.profile),
    }
    return render(request, "leads/care/history.html", context)


@require_POST
def profile_edit(request: HttpRequest, pk: int) -> HttpResponse:
    lead = lead_or_404(request, pk)
    form = CustomerProfileForm(request.POST)
    if form.is_valid():
        save_profile(phone=lead.phone, by=request.user, **form.cleaned_data)
        messages.success(request, _("Customer preferences saved."))
    else:
        messages.error(request, _("Check the preferences: %(errors)s") % {"errors": form.errors})
    return redirect("leads:customer_history", lead.pk)
