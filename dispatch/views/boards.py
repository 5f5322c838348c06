"""Read-only pages: the load board, the designer's own leads, the dispatch log."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from core.lists import ListPage
from leads.models import LeadState
from leads.queries.access import phone_for
from staff.access import role_required
from staff.models import Role

from .. import queries
from ..forms.boards import DispatchLogFilterForm, MyLeadsFilterForm
from .access import board_required, dispatch_access

# The load board's sorts: every active designer's row is computed in Python (a few dozen
# rows), so no index is involved; the employee number (unique) breaks ties.
BOARD_SORTS = {
    "number": ("snapshot__employee_no",),  # the Designer column: the rotation's order
    "tier": ("tier_rank", "snapshot__employee_no"),  # lowest tier first
    "today": ("snapshot__today_count", "snapshot__employee_no"),
    "week": ("snapshot__week_count", "snapshot__employee_no"),
    "open_week": ("snapshot__open_this_week", "snapshot__employee_no"),
    "open_total": ("open_total", "snapshot__employee_no"),
    "last": ("snapshot__last_dispatch_at", "snapshot__employee_no"),  # never dispatched: last
}
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
    listing = ListPage(request, rows, sorts=BOARD_SORTS, default_sort="number", sizes=(50, 100))
    context = {"page": listing.page, "listing": listing, "day": day}
    return render(request, "dispatch/board.html", context)


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
