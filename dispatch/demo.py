"""Demo dispatch data for `manage.py seed_demo` (runs after the staff and leads demos).

- The default configuration rows (the data migration makes them; kept here for old databases).
- This year's peak seasons: spring (3–5月) and 金九银十 (9–11月).
- One confirmed quarterly signing champion, whose extra capacity applies this quarter.
- An assignment row for every lead the leads demo dispatched (it moves leads directly, since
  leads cannot call dispatch), so the load board counts them.
- A few ready leads dispatched today through `dispatch_lead`, and a few more left ready in the
  queue, so the dashboard has work on it.
Idempotent: once the demo seasons exist, running it again changes nothing.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from leads.models import Lead, LeadState
from staff.models import Staff

from . import queries, rules, services
from .models import Assignment, CapacityRule, Champion, SeasonKind, SeasonPeriod, TierRule

DEMO_NOTE = "演示数据"
CHAMPION_EMPLOYEE_NO = "E019"  # 朱琳, a designer of the lowest tier
DISPATCH_TODAY = 2
LEFT_READY = 4


@transaction.atomic
def seed() -> int:
    """Create the demo dispatch data once; return how many rows were created."""
    manager = Staff.objects.filter(username="cmanager").first()
    gm = Staff.objects.filter(username="gm").first()
    today = timezone.localdate()
    if manager is None or gm is None or _seasons_seeded(today):
        return 0
    created = _default_config() + _seasons(today)
    created += _champion(gm, today)
    created += _log_earlier_dispatches(manager)
    created += _queue_and_dispatch(manager)
    return created


def _seasons_seeded(today: date) -> bool:
    return SeasonPeriod.objects.filter(name=_season_names(today)[0]).exists()


def _season_names(today: date) -> tuple[str, str]:
    return f"{today.year}年春季旺季", f"{today.year}年金九银十旺季"


def _default_config() -> int:
    created = 0
    if not CapacityRule.objects.exists():
        CapacityRule.objects.create(effective_from=date(2020, 1, 1), note=DEMO_NOTE)
        created += 1
    if not TierRule.objects.exists():
        for size, tiers in rules.DispatchConfig().tier_map.items():
            for tier in tiers:
                TierRule.objects.create(size_class=size, tier=tier)
                created += 1
    return created


def _seasons(today: date) -> int:
    spring, autumn = _season_names(today)
    year = today.year
    SeasonPeriod.objects.create(
        name=spring, kind=SeasonKind.PEAK, start=date(year, 3, 1), end=date(year, 5, 31)
    )
    SeasonPeriod.objects.create(
        name=autumn, kind=SeasonKind.PEAK, start=date(year, 9, 1), end=date(year, 11, 30)
    )
    return 2


def _champion(gm: Staff, today: date) -> int:
    """Last quarter's champion, confirmed by the GM: +1 a day, +2 a week, +1 open this quarter."""
    designer = Staff.objects.filter(employee_no=CHAMPION_EMPLOYEE_NO).first()
    if designer is None:
        return 0
    start, end = rules.previous_period(rules.ChampionKind.QUARTERLY, today)
    grants_from, grants_until = rules.grant_window(rules.ChampionKind.QUARTERLY, start)
    Champion.objects.create(
        kind=Champion.Kind.QUARTERLY,
        period_start=start,
        period_end=end,
        designer=designer,
        signed_count=6,  # demo figure: the lifecycle demo's contracts are not counted here
        grants_from=grants_from,
        grants_until=grants_until,
        status=Champion.Status.CONFIRMED,
        computed_at=timezone.now(),
        decided_by=gm,
        decided_at=timezone.now(),
        decision_note=DEMO_NOTE,
    )
    return 1


def _log_earlier_dispatches(manager: Staff) -> int:
    """Assignment rows for leads the leads demo dispatched without the dispatch app."""
    unlogged = Lead.objects.filter(
        state=LeadState.DISPATCHED, designer__isnull=False, dispatched_at__isnull=False
    ).exclude(assignments__isnull=False)
    rows = [
        Assignment(
            lead=lead,
            designer_id=lead.designer_id,
            dispatched_at=lead.dispatched_at,
            dispatched_by=manager,
            method=Assignment.Method.ROTATION,
        )
        for lead in unlogged
    ]
    Assignment.objects.bulk_create(rows)
    return len(rows)


def _queue_and_dispatch(manager: Staff) -> int:
    """Confirm the designer levels for the oldest complete NEW leads; dispatch two of them now
    through the service (fair rotation), leave the rest ready in the queue."""
    complete = queries.not_ready_leads().filter(
        planned_decoration_date__isnull=False,
        area_m2__isnull=False,
        budget__isnull=False,
        levels_introduced=False,
    )
    created = 0
    for lead in list(complete[: DISPATCH_TODAY + LEFT_READY]):
        services.confirm_levels_introduced(lead=lead, by=manager)
    for lead in list(queries.ready_queue()[:DISPATCH_TODAY]):
        try:
            services.dispatch_lead(lead=lead, by=manager)
        except services.DispatchError:
            continue  # nobody eligible for this one: it stays in the queue for the demo
        created += 1
    return created
