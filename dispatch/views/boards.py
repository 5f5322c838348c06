"""Read-only pages: the load board, the designer's own leads, the dispatch log."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from core.lists import ListPage, paginate
from leads.models import LeadState
from leads.queries.access import phone_for
from staff.access import role_required
from staff.models import Role

from .. import queries
from ..forms.boards import DispatchLogFilterForm, MyLeadsFilterForm
from .access import board_required, dispatch_access

# The designer's own leads: a few hundred at most, read through the (designer, state) index.
MY_LEADS_SORTS = {
    "dispatched": ("dispatched_at", "id"),
    "decoration": ("planned_decoration_date", "id"),
}
# The dispatch log's sorts, each answered by an index of Assignment.
LOG_SORTS = {
    "dispatched": ("dispatched_at", "id"),  # assignment_dispatched_at
    "method": ("method", "dispatched_at", "id"),  # assignment_method_at
}


@board_required
def load_board(request: HttpRequest) -> HttpResponse:
    """Every active designer: today, this week, open this week against caps, champion, leave."""
    day = queries.dispatch_day()
    rows = queries.load_rows(queries.designer_snapshots(day), day)
    page = paginate(request, rows, sizes=(50, 100))
    return render(request, "dispatch/board.html", {"page": page, "day": day})


@role_required(Role.DESIGNER)
def my_leads(request: HttpRequest) -> HttpResponse:
    """The designer's leads, newest dispatch first, with the customer's phone (their own)."""
    form = MyLeadsFilterForm(request.GET or None)
    state = form.cleaned_data["state"] if form.is_valid() else ""
    # No sort asked: the query's own order (newest dispatch first, undispatched last).
    listing = ListPage(request, queries.my_leads(request.user, state), sorts=MY_LEADS_SORTS)
    page = listing.page
    for lead in page:
        lead.display_phone = phone_for(request.user, lead)  # SEC-1: their own leads: in full
        lead.can_decline = lead.state == LeadState.DISPATCHED  # from their own page (DISP-7)
    context = {"form": form, "page": page, "listing": listing}
    return render(request, "dispatch/my_leads.html", context)


@board_required
def dispatch_log(request: HttpRequest) -> HttpResponse:
    """Every dispatch; forced dispatches and declines are reported from here (DISP-7)."""
    form = DispatchLogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = queries.dispatch_log(
        method=filters.get("method", ""),
        declined=filters.get("declined", False),
        designer=filters.get("designer"),
        start=filters.get("start"),
        end=filters.get("end"),
    )
    listing = ListPage(request, rows, sorts=LOG_SORTS, default_sort="-dispatched")
    context = {
        "form": form,
        "page": listing.page,
        "listing": listing,
        **dispatch_access(request.user).context(),
    }
    return render(request, "dispatch/log.html", context)
