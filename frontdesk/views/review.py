"""FD-10 每日小结: the agent's end-of-shift page and the supervisor's team view."""

from datetime import timedelta

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.params import date_param
from staff.access import role_required
from staff.models import Role

from ..forms.review import DailyReviewForm
from ..models import DailyReview
from ..queries import review as queries
from ..rules.review import DayFigures
from ..services.errors import FrontDeskError
from ..services.review import save_review
from .common import context

TEAM_ROLES = (Role.CUSTOMER_MANAGER, Role.HR, Role.GM)


@role_required(Role.CS_AGENT)
def my_review(request: HttpRequest) -> HttpResponse:
    """Today against yesterday and against the chosen benchmark; the agent's lines and plan.
    The benchmark's figures only — never the benchmark's own review (FD-10)."""
    agent, today = request.user, timezone.localdate()
    yesterday = today - timedelta(days=1)
    colleagues = queries.agents()
    review = DailyReview.objects.filter(agent=agent, day=today).first()
    initial = (
        {"text": review.text, "plan": review.plan, "benchmark": review.benchmark_id}
        if review
        else {}
    )
    form = DailyReviewForm(
        request.POST or None, initial=initial, colleagues=colleagues, agent=agent
    )
    if request.method == "POST" and form.is_valid():
        try:
            save_review(agent=agent, **form.cleaned_data)
        except FrontDeskError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your daily review is saved."))
            return redirect("frontdesk:review")
    benchmark = next((c for c in colleagues if review and c.pk == review.benchmark_id), None)
    ids = [agent.pk] + ([benchmark.pk] if benchmark else [])
    numbers = queries.figures(ids, [yesterday, today])
    empty = DayFigures()
    columns = [
        (_("Today"), numbers.get((agent.pk, today), empty)),
        (_("Yesterday"), numbers.get((agent.pk, yesterday), empty)),
    ]
    if benchmark:
        label = _("Benchmark: %(name)s") % {"name": benchmark.get_full_name()}
        columns.append((label, numbers.get((benchmark.pk, today), empty)))
    page = context(
        request, "review", day=today, form=form, review=review, columns=columns, benchmark=benchmark
    )
    return render(request, "frontdesk/review.html", page)


@role_required(*TEAM_ROLES)
def team_reviews(request: HttpRequest) -> HttpResponse:
    """The supervisor's view of the team's reviews of a day (FD-10: chain, HR, customer
    manager)."""
    day = date_param(request, "day") or timezone.localdate()
    rows = queries.team_rows(request.user, day)
    page = context(
        request,
        "review",
        day=day,
        rows=rows,
        previous=day - timedelta(days=1),
        next=day + timedelta(days=1),
    )
    return render(request, "frontdesk/review_team.html", page)
