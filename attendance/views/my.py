"""The attendance area's main page: my month at a glance."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .. import queries
from ..forms import MonthFilterForm
from ..queries import pages
from ..services.common import local_today
from .common import area_required, context, month_start


@area_required
def index(request: HttpRequest) -> HttpResponse:
    form = MonthFilterForm(request.GET or None, departments=False)
    chosen = form.cleaned_data.get("month") if form.is_valid() else None
    first = month_start(chosen)
    _first, last = queries.month_range(first.year, first.month)
    today = local_today()
    return render(
        request,
        "attendance/index.html",
        context(
            request,
            "mine",
            form=form,
            month=first,
            statuses=pages.my_statuses(request.user, first, last),
            row=queries.month_rows([request.user], first.year, first.month)[0],
            recent_leave=pages.my_leave(request.user)[:5],
            awaiting=pages.awaiting_leave(request.user, today).count()
            + pages.awaiting_outings(request.user, today).count(),
        ),
    )
