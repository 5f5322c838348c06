"""The lines of a pay statement (COM-5), each traceable to what it came from, and how a line
describes itself in the reader's language.
"""

from decimal import Decimal

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from attendance.rules.payroll import LineKind

from .pay import MONEY, STAFF, PayStatement


class LineOrigin(models.TextChoices):
    GENERATED = "GENERATED", _("Generated")
    MANUAL = "MANUAL", _("Added by HR")
    CORRECTION = "CORRECTION", _("Carried from a locked month")


class PayLineKind(models.TextChoices):
    BASE = LineKind.BASE.value, _("Base salary")
    COMMISSION = LineKind.COMMISSION.value, _("Commission")
    BONUS = LineKind.BONUS.value, _("Bonus")
    ADJUSTMENT = LineKind.ADJUSTMENT.value, _("Adjustment")
    FAULT = LineKind.FAULT.value, _("Fault deduction")
    ABSENCE = LineKind.ABSENCE.value, _("Absence")
    PERSONAL_LEAVE = LineKind.PERSONAL_LEAVE.value, _("Personal leave")
    SICK_LEAVE = LineKind.SICK_LEAVE.value, _("Sick leave")
    VIOLATION = LineKind.VIOLATION.value, _("Violations")


class PayLine(models.Model):
    """One line of a statement, traceable to what it came from: a ledger entry and its contract,
    a fault slip, the month's attendance, a year-end bonus, the locked month it corrects, or HR's
    note. `amount` is the effect on pay: deductions are negative."""

    statement = models.ForeignKey(
        PayStatement, verbose_name=_("statement"), on_delete=models.CASCADE, related_name="lines"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PayLineKind.choices)
    origin = models.CharField(_("origin"), max_length=12, choices=LineOrigin.choices)
    amount = models.DecimalField(_("amount"), **MONEY)
    quantity = models.DecimalField(
        _("quantity"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    rate = models.DecimalField(_("rate"), **MONEY, null=True, blank=True)
    occurred_on = models.DateField(_("date"), null=True, blank=True)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    # Figures a generated line's description shows (a correction's before and after).
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    # Where a generated line came from. Ledger entries and faults live in other apps and are
    # referred to by id (soft links: the statement must outlive their edits).
    commission_entry_id = models.PositiveBigIntegerField(
        _("commission entry"), null=True, blank=True
    )
    lead_id = models.PositiveBigIntegerField(_("lead"), null=True, blank=True)
    fault_id = models.PositiveBigIntegerField(_("fault"), null=True, blank=True)
    year_end_bonus = models.ForeignKey(
        "YearEndBonus",
        verbose_name=_("year-end bonus"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lines",
    )
    corrects = models.ForeignKey(
        PayStatement,
        verbose_name=_("corrects"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
    )
    created_by = models.ForeignKey(
        STAFF, verbose_name=_("added by"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pay statement line")
        verbose_name_plural = _("pay statement lines")
        ordering = ["statement", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(origin=LineOrigin.CORRECTION)
                | models.Q(corrects__isnull=False, kind=PayLineKind.ADJUSTMENT),
                name="payline_correction_points_back",
            ),
            models.CheckConstraint(
                condition=~models.Q(origin=LineOrigin.MANUAL) | ~models.Q(note=""),
                name="payline_manual_has_note",
            ),
        ]
        indexes = [
            # Corrections already carried for a locked statement.
            models.Index(fields=["corrects", "origin"], name="payline_corrects"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount}"

    @property
    def is_deduction(self) -> bool:
        return self.amount < 0

    @property
    def is_earning(self) -> bool:
        """Zero lines (sick leave, a commission voided before payment) are neither."""
        return self.amount > 0

    @property
    def is_manual(self) -> bool:
        return self.origin == LineOrigin.MANUAL

    @property
    def magnitude(self) -> Decimal:
        """The amount without its sign, for the earnings or the deductions column."""
        return abs(self.amount)

    @property
    def remark(self) -> str:
        """A second line under the description: what happened, for a fault slip."""
        return self.note if self.kind == PayLineKind.FAULT else ""

    @property
    def description(self) -> str:
        """What the line is, in the reader's language, with the figures it was built from."""
        describe = _DESCRIPTIONS.get(self.kind)
        return describe(self) if describe else str(self.get_kind_display())

    @property
    def link(self) -> str:
        """Where the line comes from: the lead of a commission, the month a correction fixes,
        the fault list; "" when there is nothing to open."""
        if self.lead_id:
            return reverse("leads:detail", args=[self.lead_id])
        if self.corrects_id:
            return reverse("attendance:pay-statement", args=[self.corrects_id])
        if self.fault_id:
            return reverse("staff:faults")
        return ""


def _number(value: Decimal | None) -> str:
    """1.0 -> "1", 0.5 -> "0.5" (days and counts without trailing zeros)."""
    return f"{(value or Decimal(0)).normalize():f}"


def _commission(line: PayLine) -> str:
    return gettext("Commission on contract %(number)s (%(note)s)") % {
        "number": line.reference,
        "note": line.note,
    }


def _adjustment(line: PayLine) -> str:
    if line.origin == LineOrigin.CORRECTION:
        return _correction(line)
    if line.commission_entry_id:
        return gettext("Commission on contract %(number)s: %(note)s") % {
            "number": line.reference,
            "note": line.note,
        }
    return gettext("Adjustment: %(note)s") % {"note": line.note}


def _correction(line: PayLine) -> str:
    figures = {"month": line.reference, **line.detail}
    if Decimal(line.detail.get("carried") or 0):
        return (
            gettext(
                "Correction for %(month)s: fault deductions %(faults_paid)s → %(faults_now)s, "
                "attendance deductions %(attendance_paid)s → %(attendance_now)s, "
                "%(carried)s carried already"
            )
            % figures
        )
    return (
        gettext(
            "Correction for %(month)s: fault deductions %(faults_paid)s → %(faults_now)s, "
            "attendance deductions %(attendance_paid)s → %(attendance_now)s"
        )
        % figures
    )


def _bonus(line: PayLine) -> str:
    if line.year_end_bonus_id or (line.origin == LineOrigin.GENERATED and line.reference):
        return gettext("Year-end bonus for %(year)s") % {"year": line.reference}
    return gettext("Bonus: %(note)s") % {"note": line.note}


def _fault(line: PayLine) -> str:
    if not line.fault_id:
        return gettext("Fault deductions of the month")
    return gettext("Fault on %(day)s: %(name)s") % {
        "day": f"{line.occurred_on:%Y-%m-%d}" if line.occurred_on else "",
        "name": line.reference,
    }


def _days(text: str):
    def describe(line: PayLine) -> str:
        return gettext(text) % {"days": _number(line.quantity), "rate": line.rate}

    return describe


_DESCRIPTIONS = {
    PayLineKind.BASE: lambda line: gettext("Base salary"),
    PayLineKind.COMMISSION: _commission,
    PayLineKind.ADJUSTMENT: _adjustment,
    PayLineKind.BONUS: _bonus,
    PayLineKind.FAULT: _fault,
    PayLineKind.ABSENCE: _days(gettext_noop("Absent %(days)s days × %(rate)s")),
    PayLineKind.PERSONAL_LEAVE: _days(gettext_noop("Personal leave %(days)s days × %(rate)s")),
    PayLineKind.SICK_LEAVE: _days(gettext_noop("Sick leave %(days)s days (no deduction)")),
    PayLineKind.VIOLATION: _days(gettext_noop("Violations %(days)s × %(rate)s")),
}
