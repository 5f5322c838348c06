"""The designer's own lead page (phone first): the lead's facts and the decline form (DISP-7).
A designer sees only leads dispatched to them (SEC-1): anyone else's is a 404."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from leads.models import Lead, LeadState
from leads.queries.access import phone_for
from staff.access import role_required
from staff.models import Role

from .. import services
from ..forms.designer import DesignerDeclineForm


def _own_lead(request: HttpRequest, pk: int) -> Lead:
    lead = Lead.objects.select_related("slip").filter(pk=pk, designer=request.user).first()
    if lead is None:
        raise Http404
    return lead


@role_required(Role.DESIGNER)
def my_lead(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the lead and, while it is dispatched to them, the decline form; POST: decline."""
    lead = _own_lead(request, pk)
    can_decline = lead.state == LeadState.DISPATCHED
    form = DesignerDeclineForm(request.POST or None)
    if request.method == "POST" and can_decline and form.is_valid():
        try:
            services.decline_own_lead(lead=lead, by=request.user, **form.cleaned_data)
        except services.DispatchError as exc:
            form.add_error(None, str(exc))
        else:
            text = _("You declined %(customer)s; the customer manager has been told.")
            messages.success(request, text % {"customer": lead.customer_name})
            return redirect("dispatch:my_leads")
    context = {
        "lead": lead,
        "phone": phone_for(request.user, lead),
        "form": form,
        "can_decline": can_decline,
    }
    return render(request, "dispatch/my_lead.html", context, status=400 if form.errors else 200)
