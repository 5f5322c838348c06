"""The 工作台 cards of every role (staff.workbench collects them): each queue asks the owning
app's query module for its counts and links to that app's list, filtered. Reports sit on the top
floor, above every app they ask, so the cross-app month figures of the GM are assembled here too."""

from __future__ import annotations

from calendar import monthrange
from datetime import date, datetime, timedelta
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from attendance.models import PayMonthStatus
from attendance.queries import workbench as attendance_counts
from complaints.queries import workbench as complaint_counts
from dispatch.queries import workbench as dispatch_counts
from frontdesk.queries import workbench as desk_counts
from frontdesk.queries.common import day_bounds
from frontdesk.queries.handover import to_take_over
from leads.queries import workbench as lead_counts
from leads.queries.workbench import Period
from staff.models import Role, Staff
from staff.workbench import Kpi, Queue, Section

CALLBACK_ROLES = (Role.FRONT_DESK, Role.CS_AGENT, Role.CUSTOMER_MANAGER)
STEP_LABELS = {
    "REGISTERED": _("To investigate"),
    "INVESTIGATED": _("To decide"),
    "DECIDED": _("To handle"),
    "HANDLED": _("To reply to the customer"),
    "REPLIED": _("To follow up and close"),
}


def _url(name: str, **params) -> str:
    url = reverse(name)
    return f"{url}?{urlencode(params)}" if params else url


def sections(user: Staff, now: datetime) -> list[Section]:
    today = timezone.localdate(now)
    built = []
    callbacks = None
    for role, build in BUILDERS.items():
        if not user.has_role(role):
            continue
        section = Section(role=role)
        if role in CALLBACK_ROLES:
            callbacks = callbacks or _callbacks_queue(user, now, today)
            section.queues.append(callbacks)
        build(section, user, now, today)
        built.append(section)
    return built


def _callbacks_queue(user: Staff, now: datetime, today: date) -> Queue:
    counts = lead_counts.callbacks_due(user, now=now, end_of_today=day_bounds(today)[1])
    overdue = counts["overdue"]
    detail = ngettext("%(n)d overdue", "%(n)d overdue", overdue) % {"n": overdue}
    return Queue(
        _("Callbacks due today"),
        counts["due"],
        reverse("leads:callbacks"),
        detail=detail if overdue else "",
        urgent=bool(overdue),
        key="callbacks",
    )


# --- front desk, agent ---------------------------------------------------------------------------


def _front_desk(section: Section, user: Staff, now: datetime, today: date) -> None:
    booked = desk_counts.appointments_today(today)
    section.queues.insert(
        0,
        Queue(
            _("Showroom appointments today"),
            booked["total"],
            reverse("frontdesk:appointments"),
            detail=_("%(expected)d expected, %(came)d came") % booked,
            key="appointments",
        ),
    )
    section.queues.insert(
        1,
        Queue(
            _("Arrivals today (reception log)"),
            desk_counts.arrivals_today(today),
            _url("frontdesk:reception_log", day=today.isoformat()),
            key="arrivals",
        ),
    )
    waiting = 1 if to_take_over(user) else 0
    section.queues.append(
        Queue(
            _("Handover notes to take over"),
            waiting,
            reverse("frontdesk:handover"),
            urgent=bool(waiting),
            key="handover",
        )
    )


def _complaint_queues(user: Staff, now: datetime, *, overdue_only: bool) -> list[Queue]:
    counts = complaint_counts.step_counts(user.role_codes, now=now)
    queues = []
    if not overdue_only:
        queues = [
            Queue(
                STEP_LABELS[status],
                counts[status],
                _url("complaints:index", status=status),
                key=f"complaints-{status.lower()}",
            )
            for status in complaint_counts.statuses_at_step(user.role_codes)
        ]
    queues.append(
        Queue(
            _("Overdue complaints"),
            counts["overdue"],
            _url("complaints:index", overdue="on"),
            urgent=bool(counts["overdue"]),
            key="complaints-overdue",
        )
    )
    return queues


def _agent(section: Section, user: Staff, now: datetime, today: date) -> None:
    section.queues.extend(_complaint_queues(user, now, overdue_only=False))


# --- customer manager, design manager, designer --------------------------------------------------


MISSING = {
    "no_date": _("planned decoration date"),
    "no_area": _("house area"),
    "no_budget": _("budget"),
    "no_levels": _("designer levels not introduced"),
    "no_slip": _("transfer slip not signed"),
}


def _customer_manager(section: Section, user: Staff, now: datetime, today: date) -> None:
    queue = dispatch_counts.readiness_counts()
    missing = "; ".join(f"{label} {queue[key]}" for key, label in MISSING.items() if queue[key])
    disputes = lead_counts.open_disputes()
    closures = lead_counts.closure_counts(user)
    section.queues[:0] = [
        Queue(
            _("Ready to dispatch"), queue["ready"], _url("dispatch:index", tab="ready"), key="ready"
        ),
        Queue(
            _("Not ready"),
            queue["not_ready"],
            _url("dispatch:index", tab="waiting"),
            detail=_("Missing: %(items)s") % {"items": missing} if missing else "",
            key="not-ready",
        ),
        Queue(
            _("Ownership disputes to rule"),
            disputes["count"],
            reverse("leads:detail", args=[disputes["first"]])
            if disputes["first"]
            else reverse("leads:index"),
            urgent=bool(disputes["count"]),
            key="disputes",
        ),
        Queue(
            _("Closures rejected (back in work)"),
            closures["rejected"],
            _url("leads:closures", tab="rejected"),
            key="closures-rejected",
        ),
    ]
    section.queues.extend(_complaint_queues(user, now, overdue_only=True))


def _design_manager(section: Section, user: Staff, now: datetime, today: date) -> None:
    closures = lead_counts.closure_counts(user)
    section.queues.append(
        Queue(
            _("Closures to confirm"),
            closures["awaiting"],
            _url("leads:closures", tab="awaiting"),
            urgent=bool(closures["awaiting"]),
            key="closures-awaiting",
        )
    )


def _designer(section: Section, user: Staff, now: datetime, today: date) -> None:
    leads = lead_counts.designer_leads(user, start_of_today=day_bounds(today)[0])
    mine = _url("dispatch:my_leads", state="DISPATCHED")
    section.queues += [
        Queue(_("New leads dispatched today"), leads["new"], mine, key="new-leads"),
        Queue(_("Measurements due"), leads["to_measure"], mine, key="to-measure"),
    ]


# --- HR, GM ---------------------------------------------------------------------------------


def _last_month(today: date) -> date:
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


def _approvals(user: Staff, today: date) -> Queue:
    waiting = attendance_counts.approvals_waiting(user, today)
    return Queue(
        _("Leave and outings to approve"),
        waiting["leave"] + waiting["outings"],
        reverse("attendance:approvals"),
        detail=_("%(leave)d leave, %(outings)d outings") % waiting,
        urgent=bool(waiting["leave"] + waiting["outings"]),
        key="approvals",
    )


PAY_STATE = {
    None: _("not prepared yet"),
    PayMonthStatus.DRAFT: _("being prepared"),
    PayMonthStatus.SUBMITTED: _("awaiting the GM's approval"),
    PayMonthStatus.APPROVED: _("approved and locked"),
}


def _hr(section: Section, user: Staff, now: datetime, today: date) -> None:
    section.queues.append(_approvals(user, today))
    yesterday = today - timedelta(days=1)
    found = attendance_counts.clock_anomalies(user, yesterday)
    section.queues.append(
        Queue(
            _("Clock anomalies yesterday"),
            found["late"] + found["early"] + found["absent"] + found["no_clock_out"],
            _url("attendance:daily", day=yesterday.isoformat()),
            detail=_(
                "late %(late)d, early %(early)d, absent %(absent)d, no clock-out %(no_clock_out)d"
            )
            % found,
            key="anomalies",
        )
    )
    last = _last_month(today)
    pay = attendance_counts.pay_months_state(last)
    status = pay["last_month"]
    section.queues.append(
        Queue(
            _("Pay for %(month)s") % {"month": f"{last:%Y-%m}"},
            0 if status == PayMonthStatus.APPROVED else 1,
            reverse("attendance:pay-months"),
            detail=PAY_STATE.get(status, status),
            key="pay",
        )
    )


def periods(today: date) -> tuple[Period, Period]:
    """This month to date, and the same days of last month (cut at its end), so an early day
    of the month is not compared with a whole month."""
    first = today.replace(day=1)
    prev_first = _last_month(today)
    prev_days = monthrange(prev_first.year, prev_first.month)[1]
    prev_last = prev_first.replace(day=min(today.day, prev_days))
    return Period(first, today), Period(prev_first, prev_last)


def _aware(day: date) -> datetime:
    return day_bounds(day)[0]


def _conversion(signed: int, leads: int) -> float | None:
    return round(100 * signed / leads, 1) if leads else None


def _gm(section: Section, user: Staff, now: datetime, today: date) -> None:
    cur, prev = periods(today)
    section.kpis = [*_sales_kpis(cur, prev), *_complaint_kpis(cur, prev, now)]
    section.queues.append(_approvals(user, today))
    section.queues.append(_pay_to_approve(today))


def _sales_kpis(cur: Period, prev: Period) -> list[Kpi]:
    """The GM's month of leads and signings: to date, against the same days of last month."""
    leads = lead_counts.lead_figures(cur, prev)
    contracts = lead_counts.contract_figures(cur, prev)
    report = reverse("reports:monthly")
    return [
        Kpi(
            _("Leads"), leads["leads"], leads["prev_leads"], url=reverse("leads:index"), key="leads"
        ),
        Kpi(
            _("Dispatched"),
            leads["dispatched"],
            leads["prev_dispatched"],
            url=reverse("dispatch:log"),
            key="dispatched",
        ),
        Kpi(_("Signed"), contracts["signed"], contracts["prev_signed"], url=report, key="signed"),
        Kpi(
            _("Conversion (signed ÷ leads)"),
            _conversion(leads["cohort_signed"], leads["leads"]),
            _conversion(leads["prev_cohort_signed"], leads["prev_leads"]),
            kind="percent",
            url=report,
            key="conversion",
        ),
        Kpi(
            _("Contract amount"),
            contracts["total"] or 0,
            contracts["prev_total"] or 0,
            kind="money",
            url=report,
            key="amount",
        ),
    ]


def _complaint_kpis(cur: Period, prev: Period, now: datetime) -> list[Kpi]:
    complaints = complaint_counts.month_figures(
        start=_aware(cur.first),
        end=_aware(cur.last + timedelta(days=1)),
        prev_start=_aware(prev.first),
        prev_end=_aware(prev.last + timedelta(days=1)),
        now=now,
    )
    return [
        Kpi(
            _("Complaints received"),
            complaints["received"],
            complaints["prev_received"],
            url=reverse("complaints:index"),
            key="complaints",
        ),
        Kpi(
            _("Complaints open"),
            complaints["open"],
            complaints["prev_open"],
            url=_url("complaints:index"),
            key="complaints-open",
        ),
        Kpi(
            _("Complaints overdue"),
            complaints["overdue"],
            None,
            url=_url("complaints:index", overdue="on"),
            key="complaints-overdue",
        ),
    ]


def _pay_to_approve(today: date) -> Queue:
    pay = attendance_counts.pay_months_state(_last_month(today))
    return Queue(
        _("Pay months to approve"),
        pay["submitted"],
        reverse("attendance:pay-months"),
        urgent=bool(pay["submitted"]),
        key="pay-approve",
    )


BUILDERS = {
    Role.FRONT_DESK: _front_desk,
    Role.CS_AGENT: _agent,
    Role.CUSTOMER_MANAGER: _customer_manager,
    Role.DESIGN_MANAGER: _design_manager,
    Role.DESIGNER: _designer,
    Role.HR: _hr,
    Role.GM: _gm,
}
