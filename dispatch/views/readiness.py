"""The dashboard's in-place completion of a waiting lead (DISP-2): fill what is missing in the
未就绪 tab or the lead's panel, and the lead moves to the ready queue, selected for dispatch."""

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from leads.models import Lead
from leads.rules import readiness

from .. import queries
from ..forms.readiness import CompleteForDispatchForm
from ..services.errors import DispatchError
from ..services.readiness import complete_for_dispatch
from .access import DISPATCH
from .dashboard import answer_done, answer_refused


@require_POST
@permission_required(DISPATCH, raise_exception=True)
def complete_view(request: HttpRequest, pk: int) -> HttpResponse:
    lead = get_object_or_404(Lead, pk=pk)
    form = CompleteForDispatchForm(request.POST)
    if not form.is_valid():
        return answer_refused(request, form.error_text(), tab="waiting", lead_pk=pk)
    try:
        complete_for_dispatch(lead=lead, by=request.user, **form.cleaned_data)
    except DispatchError as exc:
        return answer_refused(request, str(exc), tab="waiting", lead_pk=pk)
    if queries.ready_queue().filter(pk=pk).exists():
        text = _("Saved: %(customer)s is ready to dispatch.") % {"customer": lead.customer_name}
        return answer_done(request, text, tab="ready", lead_pk=pk)
    still = readiness.still_needed_text(queries.readiness_of(lead).missing)
    text = _("Saved.") + (f" {still}" if still else "")
    return answer_done(request, text, tab="waiting", lead_pk=pk)
