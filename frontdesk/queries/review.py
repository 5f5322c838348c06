"""FD-10 read side: the figures a daily review compares (from the call records and the leads'
callbacks, live — the nightly AgentDailyMetric does not exist yet for today) and the team view.
Each function runs a fixed number of queries whatever the number of agents."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from leads.models import Callback
from staff import rules as staff_rules
from staff.models import Role, Staff

from ..models import CallRecord, DailyReview
from ..rules import review as rules
from .quality import policy_on


def _bounds(first: date, last: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(first, time.min))
    end = timezone.make_aware(datetime.combine(last + timedelta(days=1), time.min))
    return start, end


def figures(
    agent_ids: Iterable[int], days: Iterable[date]
) -> dict[tuple[int, date], rules.DayFigures]:
    """{(agent id, day): figures}; missing keys mean nothing that day. Two queries."""
    ids, days = list(agent_ids), sorted(set(days))
    if not ids or not days:
        return {}
    start, end = _bounds(days[0], days[-1])
    limit = policy_on(days[-1]).ring_seconds_limit
    tz = timezone.get_current_timezone()
    calls = (
        CallRecord.objects.filter(agent_id__in=ids, started_at__gte=start, started_at__lt=end)
        .annotate(day=TruncDate("started_at", tzinfo=tz))
        .values("agent_id", "day")
        .annotate(
            calls=Count("id"),
            in_time=Count("id", filter=Q(ring_seconds__lte=limit)),
            rated=Count("id", filter=Q(satisfaction__isnull=False)),
            points=Sum("satisfaction"),
        )
    )
    done = (
        Callback.objects.filter(done_by_id__in=ids, done_at__gte=start, done_at__lt=end)
        .annotate(day=TruncDate("done_at", tzinfo=tz))
        .values("done_by_id", "day")
        .annotate(n=Count("id"))
    )
    out: dict[tuple[int, date], rules.DayFigures] = {}
    for row in calls:
        out[(row["agent_id"], row["day"])] = rules.DayFigures(
            calls=row["calls"],
            answered_in_time=row["in_time"],
            rated_calls=row["rated"],
            satisfaction_total=row["points"] or 0,
        )
    for row in done:
        key = (row["done_by_id"], row["day"])
        base = out.get(key, rules.DayFigures())
        out[key] = rules.DayFigures(
            calls=base.calls,
            answered_in_time=base.answered_in_time,
            rated_calls=base.rated_calls,
            satisfaction_total=base.satisfaction_total,
            callbacks_done=row["n"],
        )
    return out


def agents() -> list[Staff]:
    """Active customer-service agents, by name (benchmark choices and the team view)."""
    return list(
        Staff.objects.filter(is_active=True, groups__name=Role.CS_AGENT).distinct().order_by("name")
    )


def viewer_of(user: Staff) -> rules.Viewer:
    return rules.Viewer(
        pk=user.pk,
        is_hr=user.has_role(Role.HR),
        is_customer_manager=user.has_role(Role.CUSTOMER_MANAGER),
        is_superuser=user.is_superuser,
    )


def readable_agents(user: Staff, people: list[Staff]) -> list[Staff]:
    """FD-10: the agents whose reviews `user` may read (one query for the supervisor chains)."""
    supervisor_of = dict(Staff.objects.values_list("pk", "supervisor_id"))
    viewer = viewer_of(user)
    return [
        person
        for person in people
        if rules.may_read_review(
            viewer, person.pk, staff_rules.chain_above(supervisor_of, person.pk)
        )
    ]


@dataclass(frozen=True)
class TeamRow:
    agent: Staff
    today: rules.DayFigures
    yesterday: rules.DayFigures
    review: DailyReview | None


def team_rows(user: Staff, day: date) -> list[TeamRow]:
    """The supervisor's team view: every readable agent's figures and review of `day`."""
    people = readable_agents(user, agents())
    ids = [person.pk for person in people]
    yesterday = day - timedelta(days=1)
    numbers = figures(ids, [yesterday, day])
    reviews = {
        review.agent_id: review
        for review in DailyReview.objects.filter(agent_id__in=ids, day=day).select_related(
            "benchmark"
        )
    }
    empty = rules.DayFigures()
    return [
        TeamRow(
            agent=person,
            today=numbers.get((person.pk, day), empty),
            yesterday=numbers.get((person.pk, yesterday), empty),
            review=reviews.get(person.pk),
        )
        for person in people
    ]
