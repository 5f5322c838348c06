"""The customer manager's dispatch dashboard: the queue, the selected lead's candidates, and the
actions (dispatch, force, decline, confirm levels). Actions answer htmx with the refreshed
workspace (no full reload) and plain posts with a redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.params import int_param
from leads.models import Lead
from leads.queries import leads as lead_queries
from staff.models import Staff

from .. import queries, services
from ..forms.dashboard import ChooseDesignerForm, ReasonForm, errors_text
from ..models import Assignment
from ..queries.panel import panel
from .access import DECLINE, DISPATCH, FORCE, board_required, dispatch_access

PAGE_SIZE = 25
TABS = {
    "ready": queries.ready_queue,
    "waiting": queries.not_ready_leads,
    "dispatched": queries.dispatched_leads,
}


# --- pages -----------------------------------------------------------------------------------


@board_required
def index(request: HttpRequest) -> HttpResponse:
    context = workspace_context(
        request,
        tab=request.GET.get("tab", "ready"),
        page=request.GET.get("page"),
        lead_pk=int_param(request, "lead", minimum=1),
    )
    return render(request, "dispatch/index.html", context)


@board_required
def lead_panel(request: HttpRequest, pk: int) -> HttpResponse:
    """The selected lead's panel, swapped in by htmx when a queue row is clicked."""
    if not request.htmx:
        return redirect(f"{reverse('dispatch:index')}?lead={pk}")
    lead = queries.lead_for_panel(pk)
    if lead is None:
        raise Http404
    return render(request, "dispatch/_panel.html", panel_context(request.user, lead))


# --- actions ---------------------------------------------------------------------------------


@require_POST
@permission_required(DISPATCH, raise_exception=True)
def dispatch_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = ChooseDesignerForm(request.POST)
    valid = form.is_valid()
    designer_pk = form.cleaned_data["designer"] if valid else None
    reason = form.cleaned_data["reason"] if valid else ""  # QG-2: choosing a held designer
    designer = get_object_or_404(Staff, pk=designer_pk) if designer_pk else None
    try:
        # The service locks and loads the lead (one query); not found there: 404.
        assignment = services.dispatch_lead(
            lead=Lead(pk=pk), by=request.user, designer=designer, reason=reason
        )
    except Lead.DoesNotExist as exc:
        raise Http404 from exc
    except services.DispatchError as exc:
        return answer_refused(request, str(exc), tab="ready", lead_pk=pk)
    return answer_done(request, _dispatched_text(assignment), tab="ready")


@require_POST
@permission_required(FORCE, raise_exception=True)
def force_view(request: HttpRequest, pk: int) -> HttpResponse:
    lead = get_object_or_404(Lead, pk=pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return answer_refused(request, errors_text(form), tab="ready", lead_pk=pk)
    designer = get_object_or_404(Staff, pk=form.cleaned_data.get("designer") or 0)
    reason = form.cleaned_data.get("reason", "")
    try:
        assignment = services.force_dispatch(
            lead=lead, designer=designer, by=request.user, reason=reason
        )
    except services.DispatchError as exc:
        return answer_refused(request, str(exc), tab="ready", lead_pk=pk)
    return answer_done(request, _dispatched_text(assignment), tab="ready")


@require_POST
@permission_required(DECLINE, raise_exception=True)
def decline_view(request: HttpRequest, pk: int) -> HttpResponse:
    lead = get_object_or_404(Lead.objects.select_related("designer"), pk=pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return answer_refused(request, errors_text(form), tab="dispatched")
    declined_by = lead.designer.get_full_name() if lead.designer else ""
    try:
        assignment = services.decline_dispatch(
            lead=lead, by=request.user, reason=form.cleaned_data.get("reason", "")
        )
    except services.DispatchError as exc:
        return answer_refused(request, str(exc), tab="dispatched")
    if assignment is None:
        text = _("%(name)s declined; nobody else can take the lead, so it is back in the queue.")
        return answer_done(request, text % {"name": declined_by}, tab="ready", lead_pk=pk)
    text = _("%(name)s declined; the lead now goes to %(next)s.") % {
        "name": declined_by,
        "next": assignment.designer.get_full_name(),
    }
    return answer_done(request, text, tab="dispatched")


@require_POST
@permission_required(DISPATCH, raise_exception=True)
def confirm_levels_view(request: HttpRequest, pk: int) -> HttpResponse:
    lead = get_object_or_404(Lead, pk=pk)
    try:
        services.confirm_levels_introduced(lead=lead, by=request.user)
    except services.DispatchError as exc:
        return answer_refused(request, str(exc), tab="waiting", lead_pk=pk)
    text = _("Designer levels confirmed as introduced to %(customer)s.") % {
        "customer": lead.customer_name
    }
    ready = queries.ready_queue().filter(pk=pk).exists()
    return answer_done(request, text, tab="ready" if ready else "waiting", lead_pk=pk)


# --- assembling the workspace ----------------------------------------------------------------


def workspace_context(
    request: HttpRequest, *, tab: str, page=None, lead_pk: int | None = None
) -> dict:
    """The queue tabs, one page of the current tab, and the selected lead's panel."""
    tab = tab if tab in TABS else "ready"
    search = request.GET.get("q", "").strip()[:50] if tab == "waiting" else ""
    leads = TABS[tab]()
    if search:
        leads = leads.filter(_search_q(search))
    page_obj = Paginator(leads, PAGE_SIZE).get_page(page)
    rows = list(page_obj)
    if lead_pk is None and tab == "ready" and rows:
        lead_pk = rows[0].pk  # the oldest ready lead is the next to dispatch
    lead = queries.lead_for_panel(lead_pk) if lead_pk else None
    return {
        "tab": tab,
        "page": page_obj,
        "rows": _decorate(tab, rows),
        "counts": queries.queue_counts(),
        "query_string": urlencode({"tab": tab, "q": search} if search else {"tab": tab}),
        "search": search,
        **panel_context(request.user, lead),
    }


def _search_q(text: str) -> Q:
    """The 未就绪 tab's search: name, phone (as typed, any format) or the lead number. Up to
    six digits are a lead number or a phone's last digits, not any part of a phone."""
    number = text.removeprefix("#")
    if number.isdigit() and len(number) <= 6:
        return Q(pk=int(number)) | Q(phone__endswith=number)
    return lead_queries.search_filter(text)


def _decorate(tab: str, rows: list[Lead]) -> list[Lead]:
    for lead in rows:
        if tab == "waiting":
            lead.blockers = queries.blockers(lead)
            lead.missing_details = queries.missing_details(lead)
        if tab == "dispatched" and lead.dispatch_method:
            lead.method_label = Assignment.Method(lead.dispatch_method).label
    return rows


def panel_context(user, lead: Lead | None) -> dict:
    """The selected lead's panel (`queries.panel`) with the viewer's dispatch rights."""
    access = dispatch_access(user)
    context = {"lead": lead, **access.context()}
    if lead is None:
        return context
    rights = {"can_dispatch": access.can_dispatch, "can_force": access.can_force}
    return context | panel(lead, viewer=user, **rights)


# --- responses -------------------------------------------------------------------------------


def _dispatched_text(assignment: Assignment) -> str:
    text = _("%(customer)s dispatched to %(designer)s (%(how)s).") % {
        "customer": assignment.lead.customer_name,
        "designer": assignment.designer.get_full_name(),
        "how": assignment.get_method_display(),
    }
    return f"{text} {assignment.preference_note}".strip()


def answer_done(request: HttpRequest, text: str, *, tab: str, lead_pk: int | None = None):
    """A dashboard action done: the workspace again (htmx) or a redirect to it, with `text`."""
    if request.htmx:
        context = workspace_context(request, tab=tab, lead_pk=lead_pk)
        return render(request, "dispatch/_workspace.html", {**context, "flash": text})
    messages.success(request, text)
    suffix = f"&lead={lead_pk}" if lead_pk else ""
    return redirect(f"{reverse('dispatch:index')}?tab={tab}{suffix}")


def answer_refused(request: HttpRequest, text: str, *, tab: str, lead_pk: int | None = None):
    """A service refusal: shown in the workspace (422 for htmx, swapped in), 400 otherwise."""
    context = workspace_context(request, tab=tab, lead_pk=lead_pk)
    if request.htmx:
        return render(request, "dispatch/_workspace.html", {**context, "error": text}, status=422)
    messages.error(request, text)
    return render(request, "dispatch/index.html", context, status=400)
