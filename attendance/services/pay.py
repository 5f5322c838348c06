"""Pay statements (COM-5) and the year-end bonus (COM-3): every state change, one transaction each.

HR prepares a month (idempotent: regenerating updates only what changed), adds bonus and
adjustment lines, and submits it; the GM approves (which locks the month and marks the commission
ledger month paid) or returns it. A locked month never changes: a late fault, a corrected clock
record or a commission void shows up on a later month's statement as an adjustment.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from staff.models import Role, Staff
from staff.services import notify, notify_many, resolve_todos

from ..models import LineOrigin, PayLine, PayMonth, PayStatement, YearEndBonus
from ..queries import month_rows
from ..queries.pay import bonus_rows, payroll_people, policy_for
from ..queries.pay_inputs import commission_lines, ledger_error, mark_commission_paid
from ..rules import payroll
from ..rules.pay import money
from ..rules.payroll import LineKind, MonthState, Refusal
from .common import AttendanceError, active_role_holders, local_today
from .pay_build import (
    BuildResult,
    build_statement,
    corrections,
    facts_for,
    person_specs,
    refresh_totals,
)

# The to-do steps of a pay month (staff.services.resolve_todos): HR submits, the GM approves.
SUBMIT = "submit"
APPROVE = "approve"


class PayError(AttendanceError):
    """A refused pay operation; the message is translated and shown to the person."""


def _month(day: date) -> date:
    return day.replace(day=1)


def _label(month: date) -> str:
    return f"{month:%Y-%m}"


def _require(user: Staff, perm: str, message: str) -> None:
    if not user.has_perm(perm):
        raise PayError(message)


def may_prepare_pay(user: Staff) -> bool:
    return user.has_perm("attendance.prepare_pay")


def may_approve_pay(user: Staff) -> bool:
    return user.has_perm("attendance.approve_pay")


def may_set_bonus(user: Staff) -> bool:
    return user.has_perm("attendance.set_year_end_bonus")


# ------------------------------------------------------------------------------------------------
# The month's lock
# ------------------------------------------------------------------------------------------------


def _lock(month: date, *, create: bool = False) -> PayMonth | None:
    """The month's row, locked. Race: HR regenerating or editing while the GM approves (or two
    HR clerks preparing at once); whoever locks the row second sees the first one's result."""
    if create:
        PayMonth.objects.get_or_create(month=month)
    return PayMonth.objects.select_for_update().filter(month=month).first()


def _locked_message(pay_month: PayMonth) -> str:
    approver = pay_month.approved_by.get_full_name() if pay_month.approved_by else ""
    return _(
        "Pay for %(month)s was approved by %(name)s on %(day)s and is locked: nothing can be "
        "regenerated or edited. Later changes are carried to the next month's statements as "
        "adjustments."
    ) % {
        "month": _label(pay_month.month),
        "name": approver,
        "day": f"{timezone.localtime(pay_month.approved_at):%Y-%m-%d}",
    }


def _check(decision: payroll.Decision, pay_month: PayMonth | None) -> None:
    if decision:
        return
    if decision.reason == Refusal.LOCKED and pay_month is not None:
        raise PayError(_locked_message(pay_month))
    raise PayError(str(decision.message))


def _editable(month: date, *, create: bool = False) -> PayMonth | None:
    pay_month = _lock(month, create=create)
    _check(payroll.may_edit(pay_month.status if pay_month else None), pay_month)
    return pay_month


# ------------------------------------------------------------------------------------------------
# Preparing (HR)
# ------------------------------------------------------------------------------------------------


@dataclass
class PrepareResult(BuildResult):
    removed: int = 0


def _bonuses_paid_in(month: date, people: list[Staff]) -> dict[int, list[YearEndBonus]]:
    paid: dict[int, list[YearEndBonus]] = defaultdict(list)
    for bonus in YearEndBonus.objects.filter(pay_month=month, staff__in=people).order_by("year"):
        paid[bonus.staff_id].append(bonus)
    return paid


def _build(pay_month: PayMonth, people: list[Staff], by: Staff) -> PrepareResult:
    month = pay_month.month
    policy = policy_for(month)
    rows = {row.staff.pk: row for row in month_rows(people, month.year, month.month)}
    bonuses = _bonuses_paid_in(month, people)
    carried = corrections(people, month, policy)
    result = PrepareResult()
    for person in people:
        facts = facts_for(person, rows[person.pk], policy)
        specs = person_specs(
            person, month, facts, policy, bonuses[person.pk], carried.get(person.pk, [])
        )
        outcome = build_statement(pay_month, person, facts, specs, by)
        setattr(result, outcome, getattr(result, outcome) + 1)
    return result


def _remove_leavers(pay_month: PayMonth, people: list[Staff], by: Staff) -> int:
    """Statements of people no longer on the month's payroll (e.g. a joining date corrected)."""
    gone = list(pay_month.statements.exclude(staff__in=people))
    for statement in gone:
        for line in statement.lines.all():
            line._history_user = by
            line.delete()
        statement._history_user = by
        statement.delete()
    return len(gone)


@transaction.atomic
def prepare_month(*, month: date, by: Staff) -> PrepareResult:
    """Generate or regenerate every statement of the month; HR's own lines stay as they are."""
    _require(by, "attendance.prepare_pay", _("Only HR prepares pay statements."))
    month = _month(month)
    if month > _month(local_today()):
        raise PayError(_("Pay for a month that has not begun cannot be prepared."))
    pay_month = _lock(month, create=True)
    _check(payroll.may_prepare(pay_month.status, month, local_today()), pay_month)
    people = list(payroll_people(month))
    result = _build(pay_month, people, by)
    result.removed = _remove_leavers(pay_month, people, by)
    pay_month.prepared_at, pay_month.prepared_by = timezone.now(), by
    pay_month._history_user = by
    pay_month.save()
    return result


def _rebuild_person(month: date, person: Staff, by: Staff) -> None:
    """After a bonus changes: refresh that person's statement if the month is being prepared."""
    pay_month = PayMonth.objects.filter(month=month, status=MonthState.DRAFT).first()
    if pay_month is None or not pay_month.statements.filter(staff=person).exists():
        return
    _build(pay_month, [person], by)


# ------------------------------------------------------------------------------------------------
# HR's own lines
# ------------------------------------------------------------------------------------------------


def _check_manual(kind: str, amount: Decimal, note: str) -> None:
    if kind not in payroll.MANUAL_KINDS:
        raise PayError(_("Only bonus and adjustment lines can be added by hand."))
    if kind == LineKind.BONUS and amount <= 0:
        raise PayError(_("A bonus must be more than zero."))
    if amount == 0:
        raise PayError(_("An adjustment of zero changes nothing."))
    if not note.strip():
        raise PayError(_("Say what the line is for."))


@transaction.atomic
def add_line(
    *, statement: PayStatement, kind: str, amount: Decimal, note: str, by: Staff
) -> PayLine:
    """HR adds a bonus or an adjustment (with its reason) to a statement being prepared."""
    _require(by, "attendance.prepare_pay", _("Only HR edits pay statements."))
    _editable(statement.pay_month.month)
    amount = money(amount)
    _check_manual(kind, amount, note)
    line = PayLine(
        statement=statement,
        kind=kind,
        origin=LineOrigin.MANUAL,
        amount=amount,
        note=note.strip()[:300],
        created_by=by,
    )
    line._history_user = by
    line.save()
    refresh_totals(statement, by)
    return line


@transaction.atomic
def remove_line(*, line: PayLine, by: Staff) -> None:
    """HR removes a line they added; generated lines follow their sources instead."""
    _require(by, "attendance.prepare_pay", _("Only HR edits pay statements."))
    statement = line.statement
    _editable(statement.pay_month.month)
    if line.origin != LineOrigin.MANUAL:
        raise PayError(
            _("Generated lines change with what they come from; regenerate the month instead.")
        )
    line._history_user = by
    line.delete()
    refresh_totals(statement, by)


# ------------------------------------------------------------------------------------------------
# Submit, return, approve
# ------------------------------------------------------------------------------------------------


def _month_link(month: date) -> str:
    return reverse("attendance:pay-month", args=[month.year, month.month])


@transaction.atomic
def submit_month(*, month: date, by: Staff) -> PayMonth:
    """HR hands the month to the GM, who is told."""
    _require(by, "attendance.prepare_pay", _("Only HR submits pay statements."))
    pay_month = _lock(_month(month))
    if pay_month is None:
        raise PayError(_("Prepare the statements before submitting them."))
    _check(payroll.may_submit(pay_month.status, pay_month.statements.count()), pay_month)
    pay_month.status = MonthState.SUBMITTED
    pay_month.submitted_at, pay_month.submitted_by = timezone.now(), by
    pay_month.returned_reason = ""
    pay_month._history_user = by
    pay_month.save()
    resolve_todos(pay_month, SUBMIT)
    notify_many(
        recipients=active_role_holders(Role.GM),
        text=_("%(name)s submitted the pay statements for %(month)s for your approval.")
        % {"name": by.get_full_name(), "month": _label(pay_month.month)},
        link=_month_link(pay_month.month),
        target=pay_month,
        step=APPROVE,
    )
    return pay_month


def _hr_people(pay_month: PayMonth) -> list[Staff]:
    people = set(active_role_holders(Role.HR))
    people |= {p for p in (pay_month.prepared_by, pay_month.submitted_by) if p is not None}
    return list(people)


def _decidable(month: date, by: Staff) -> PayMonth:
    _require(by, "attendance.approve_pay", _("Only the general manager approves pay statements."))
    pay_month = _lock(_month(month))
    if pay_month is None:
        raise PayError(_("Only statements submitted by HR can be approved or returned."))
    _check(payroll.may_decide(pay_month.status), pay_month)
    return pay_month


@transaction.atomic
def return_month(*, month: date, reason: str, by: Staff) -> PayMonth:
    """The GM sends the month back to HR with a reason; HR can edit and regenerate again."""
    pay_month = _decidable(month, by)
    if not reason.strip():
        raise PayError(_("Say why the statements go back to HR."))
    pay_month.status = MonthState.DRAFT
    pay_month.returned_reason = reason.strip()[:300]
    pay_month._history_user = by
    pay_month.save()
    resolve_todos(pay_month, APPROVE)
    notify_many(
        recipients=_hr_people(pay_month),
        text=_("The general manager returned the pay statements for %(month)s: %(reason)s")
        % {"month": _label(pay_month.month), "reason": pay_month.returned_reason},
        link=_month_link(pay_month.month),
        target=pay_month,
        step=SUBMIT,
    )
    return pay_month


def _stale_commissions(pay_month: PayMonth) -> list[str]:
    """People whose ledger lines changed since preparation. Commission is corrected by the
    ledger itself only after its month is paid, so what the GM approves must be current."""
    kinds = [LineKind.COMMISSION, LineKind.ADJUSTMENT]
    stale = []
    month = pay_month.month
    for statement in pay_month.statements.select_related("staff").order_by("staff__employee_no"):
        lines = statement.lines.filter(kind__in=kinds, commission_entry_id__isnull=False)
        shown = set(lines.values_list("commission_entry_id", "amount"))
        now = {
            (line.entry_id, money(line.amount))
            for line in commission_lines(statement.staff, month.year, month.month)
        }
        if shown != now:
            stale.append(statement.staff.get_full_name())
    return stale


def _announce_approval(pay_month: PayMonth, by: Staff) -> None:
    resolve_todos(pay_month, APPROVE)
    month = _label(pay_month.month)
    notify_many(
        recipients=_hr_people(pay_month),
        text=_("%(name)s approved the pay statements for %(month)s; the month is locked.")
        % {"name": by.get_full_name(), "month": month},
        link=_month_link(pay_month.month),
    )
    for statement in pay_month.statements.select_related("staff"):
        if statement.staff.is_active:
            notify(
                recipient=statement.staff,
                text=_("Your pay statement for %(month)s is ready.") % {"month": month},
                link=statement.get_absolute_url(),
            )


@transaction.atomic
def approve_month(*, month: date, by: Staff) -> PayMonth:
    """The GM approves: the month locks, its commission ledger month is marked paid (COM-4),
    HR and every person paid are told."""
    pay_month = _decidable(month, by)
    stale = _stale_commissions(pay_month)
    if stale:
        raise PayError(
            _(
                "Commission changed since the statements were prepared (%(names)s). "
                "Return the month to HR to regenerate it."
            )
            % {"names": ", ".join(stale[:5]) + ("…" if len(stale) > 5 else "")}
        )
    pay_month.status = MonthState.APPROVED
    pay_month.approved_at, pay_month.approved_by = timezone.now(), by
    pay_month._history_user = by
    pay_month.save()
    try:
        mark_commission_paid(month=pay_month.month, by=by)
    except ledger_error() as exc:
        raise PayError(str(exc)) from exc
    _announce_approval(pay_month, by)
    return pay_month


# ------------------------------------------------------------------------------------------------
# COM-3: the customer manager's year-end bonus (the GM)
# ------------------------------------------------------------------------------------------------


def _check_bonus(staff: Staff, year: int, amount: Decimal, pay_month: date) -> None:
    if not staff.has_role(Role.CUSTOMER_MANAGER):
        raise PayError(_("The year-end bonus is for the customer manager."))
    _check(payroll.bonus_month_allowed(year, pay_month), None)
    eligibility = bonus_rows(year, [staff])[0].eligibility
    if not eligibility:
        raise PayError(
            _("%(name)s is not eligible for a year-end bonus for %(year)s: %(reason)s")
            % {"name": staff.get_full_name(), "year": year, "reason": eligibility.message}
        )
    policy = policy_for(pay_month)
    _check(payroll.check_bonus_amount(amount, policy.bonus_minimum, policy.bonus_maximum), None)


def _lock_months(*months: date | None) -> None:
    """Every month the change touches must still be open (and stays so until commit)."""
    for month in sorted({m for m in months if m is not None}):
        _editable(month, create=True)


@transaction.atomic
def set_year_end_bonus(
    *, staff: Staff, year: int, amount: Decimal, pay_month: date, note: str = "", by: Staff
) -> YearEndBonus:
    """The GM sets (or changes) the bonus and the month that pays it; HR is told."""
    _require(by, "attendance.set_year_end_bonus", _("Only the general manager sets this bonus."))
    pay_month, amount = _month(pay_month), money(amount)
    _check_bonus(staff, year, amount, pay_month)
    # Race: two changes to the same bonus at once; the row lock makes the second see the first.
    bonus = YearEndBonus.objects.select_for_update().filter(staff=staff, year=year).first()
    previous = bonus.pay_month if bonus else None
    _lock_months(pay_month, previous)
    bonus = bonus or YearEndBonus(staff=staff, year=year)
    faults = bonus_rows(year, [staff])[0].faults.count
    for name, value in (("amount", amount), ("pay_month", pay_month), ("note", note.strip())):
        setattr(bonus, name, value)
    bonus.faults_in_year, bonus.set_by, bonus.set_at = faults, by, timezone.now()
    bonus._history_user = by
    bonus.save()
    for month in {pay_month, previous} - {None}:
        _rebuild_person(month, staff, by)
    _announce_bonus(bonus, by)
    return bonus


def _announce_bonus(bonus: YearEndBonus, by: Staff) -> None:
    notify_many(
        recipients=active_role_holders(Role.HR),
        text=_(
            "%(gm)s set %(name)s's year-end bonus for %(year)s: %(amount)s, paid with the "
            "salary of %(month)s."
        )
        % {
            "gm": by.get_full_name(),
            "name": bonus.staff.get_full_name(),
            "year": bonus.year,
            "amount": bonus.amount,
            "month": _label(bonus.pay_month),
        },
        link=reverse("attendance:pay-bonus") + f"?year={bonus.year}",
    )


@transaction.atomic
def withdraw_year_end_bonus(*, bonus: YearEndBonus, by: Staff) -> None:
    """The GM takes a bonus back while its month is still open."""
    _require(by, "attendance.set_year_end_bonus", _("Only the general manager sets this bonus."))
    _lock_months(bonus.pay_month)
    month, person = bonus.pay_month, bonus.staff
    bonus._history_user = by
    bonus.delete()
    _rebuild_person(month, person, by)
