"""My callbacks (CB-1): open ones overdue first, done ones; record the outcome; the customer
manager sees everyone's and reassigns."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.lists import ListPage
from staff.access import role_required

from ..forms.lifecycle import CallbackFilterForm, CallbackOutcomeForm, CallbackReassignForm
from ..models import Callback
from ..navigation import CALLBACK_ROLES
from ..queries import callbacks as queries
from ..services import callbacks as services
from ..services.errors import LeadError
from .common import refuse

# The sorts of each tab, answered by the assignee's due / done indexes on Callback.
OPEN_SORTS = {"due": ("due_at", "id")}
DONE_SORTS = {"done": ("done_at", "id"), "due": ("due_at", "id")}


def _filters(form: CallbackFilterForm) -> queries.CallbackFilters:
    data = form.cleaned_data if form.is_valid() else {}
    return queries.CallbackFilters(
        tab=data.get("tab") or queries.CallbackTab.OPEN,
        assignee=data.get("assignee", ""),
        kind=data.get("kind", ""),
    )


@role_required(*CALLBACK_ROLES)
def callback_list(request: HttpRequest) -> HttpResponse:
    user, now = request.user, timezone.now()
    sees_all = queries.sees_all_callbacks(user)
    form = CallbackFilterForm(
        request.GET or None,
        assignees=queries.assignee_choices() if sees_all else (),
        show_assignee=sees_all,
    )
    filters = _filters(form)
    rows = queries.callback_list(user, filters, now)
    done = filters.tab == queries.CallbackTab.DONE
    sorts, default = (DONE_SORTS, "-done") if done else (OPEN_SORTS, "due")
    listing = ListPage(request, rows, sorts=sorts, default_sort=default)
    context = {
        "form": form,
        "tab": filters.tab,
        "page": listing.page,
        "listing": listing,
        "counts": queries.open_counts(user, now),
        "sees_all": sees_all,
        "outcome_form": CallbackOutcomeForm(),
        # Read once for every row's select (a form field per row would query per row).
        "reassign_to": list(CallbackReassignForm().fields["assignee"].queryset) if sees_all else [],
        "query_string": request.GET.urlencode(),
    }
    return render(request, "leads/callback_list.html", context)


def _callback_or_404(request: HttpRequest, pk: int) -> Callback:
    callback = Callback.objects.select_related("lead").filter(pk=pk).first()
    if callback is None or not services.may_handle(request.user, callback):
        raise Http404
    return callback


def _back(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("leads:callbacks")


@require_POST
@role_required(*CALLBACK_ROLES)
def callback_done(request: HttpRequest, pk: int) -> HttpResponse:
    callback = _callback_or_404(request, pk)
    form = CallbackOutcomeForm(request.POST)
    outcome = form.cleaned_data["outcome"] if form.is_valid() else ""
    try:
        services.record_outcome(callback=callback, outcome=outcome, by=request.user)
    except LeadError as exc:
        refuse(request, exc)
    else:
        messages.success(
            request,
            _("Callback to %(customer)s recorded.") % {"customer": callback.lead.customer_name},
        )
    return _back(request)


@require_POST
@role_required(*CALLBACK_ROLES)
def callback_reassign(request: HttpRequest, pk: int) -> HttpResponse:
    callback = _callback_or_404(request, pk)
    form = CallbackReassignForm(request.POST)
    if not form.is_valid():
        refuse(request, LeadError(_("Choose who makes this callback.")))
        return _back(request)
    try:
        services.reassign_callback(
            callback=callback, assignee=form.cleaned_data["assignee"], by=request.user
        )
    except LeadError as exc:
        refuse(request, exc)
    else:
        messages.success(request, _("The callback is reassigned."))
    return _back(request)
