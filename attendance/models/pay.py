"""Monthly pay statements (COM-5) and the customer manager's year-end bonus (COM-3).

A month's statements are prepared by HR, submitted, and approved by the GM, which locks them.
Lines (`pay_lines`) are the truth; the statement's columns are totals kept by the services so
the month page and the export read one row per person. Every table keeps its history (SEC-3).
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from attendance.rules.payroll import MonthState

STAFF = settings.AUTH_USER_MODEL
MONEY = {"max_digits": 11, "decimal_places": 2}


class PayPolicy(models.Model):
    """COM-5 and COM-3 knobs as effective-dated rows: a row applies to the months starting on
    or after `valid_from` until a later row takes over. Defaults are DOMAIN's."""

    valid_from = models.DateField(
        _("valid from"), unique=True, help_text=_("The first day of a month.")
    )
    paid_days_per_month = models.DecimalField(
        _("paid days per month"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("21.75"),
        validators=[MinValueValidator(Decimal(1))],
        help_text=_("The daily rate is the monthly base divided by this."),
    )
    violation_deduction = models.DecimalField(
        _("deduction per violation (CNY)"),
        max_digits=7,
        decimal_places=2,
        default=Decimal(50),
        validators=[MinValueValidator(Decimal(0))],
    )
    bonus_minimum = models.DecimalField(
        _("year-end bonus minimum (CNY)"), max_digits=9, decimal_places=2, default=Decimal(1000)
    )
    bonus_maximum = models.DecimalField(
        _("year-end bonus maximum (CNY)"), max_digits=9, decimal_places=2, default=Decimal(2000)
    )
    bonus_fault_limit = models.PositiveSmallIntegerField(
        _("faults in a year that count as a major fault"),
        default=3,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Fault types carry no 'major' mark, so a year with this many faults or more counts "
            "as a year with a major fault and earns no year-end bonus."
        ),
    )
    correction_months = models.PositiveSmallIntegerField(
        _("months corrections reach back"),
        default=12,
        validators=[MinValueValidator(1)],
        help_text=_("Locked months this far back are checked for late changes."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pay policy")
        verbose_name_plural = _("pay policies")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(bonus_minimum__lte=models.F("bonus_maximum")),
                name="paypolicy_bonus_range",
            ),
            models.CheckConstraint(
                condition=models.Q(paid_days_per_month__gt=0), name="paypolicy_paid_days"
            ),
        ]

    def __str__(self) -> str:
        return _("Pay policy from %(day)s") % {"day": f"{self.valid_from:%Y-%m}"}

    def clean(self) -> None:
        if self.valid_from and self.valid_from.day != 1:
            raise ValidationError({"valid_from": _("A pay policy starts on the first of a month.")})


class PayMonthStatus(models.TextChoices):
    DRAFT = MonthState.DRAFT.value, _("Being prepared")
    SUBMITTED = MonthState.SUBMITTED.value, _("Awaiting approval")
    APPROVED = MonthState.APPROVED.value, _("Approved")


class PayMonth(models.Model):
    """One month's statements as a whole: who prepared, submitted and approved them."""

    month = models.DateField(_("month"), unique=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PayMonthStatus.choices,
        default=PayMonthStatus.DRAFT,
    )
    prepared_at = models.DateTimeField(_("prepared at"), null=True, blank=True)
    prepared_by = models.ForeignKey(
        STAFF, verbose_name=_("prepared by"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        STAFF,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        STAFF,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    returned_reason = models.CharField(_("returned because"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pay month")
        verbose_name_plural = _("pay months")
        ordering = ["-month"]
        permissions = [
            ("view_all_pay", _("Can see everyone's pay statements")),
            ("prepare_pay", _("Can prepare pay statements")),
            ("approve_pay", _("Can approve pay statements")),
            ("export_pay", _("Can export pay statements")),
            ("set_year_end_bonus", _("Can set the year-end bonus")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=PayMonthStatus.APPROVED)
                | models.Q(approved_at__isnull=False),
                name="paymonth_approved_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"

    def get_absolute_url(self) -> str:
        return reverse("attendance:pay-month", args=[self.month.year, self.month.month])

    @property
    def is_locked(self) -> bool:
        return self.status == PayMonthStatus.APPROVED

    @property
    def is_returned(self) -> bool:
        """Sent back by the GM and not submitted again yet."""
        return bool(self.returned_reason) and self.status == PayMonthStatus.DRAFT

    @property
    def tone(self) -> str:
        return {PayMonthStatus.DRAFT: "secondary", PayMonthStatus.SUBMITTED: "warning"}.get(
            self.status, "success"
        )


class PayStatement(models.Model):
    """One person's month: the snapshot the lines were built from and the totals they add to."""

    pay_month = models.ForeignKey(
        PayMonth, verbose_name=_("month"), on_delete=models.PROTECT, related_name="statements"
    )
    staff = models.ForeignKey(
        STAFF, verbose_name=_("employee"), on_delete=models.PROTECT, related_name="pay_statements"
    )
    # What the statement was built from (ATT-8 and the rates of the month's policy).
    base_salary = models.DecimalField(_("base salary"), **MONEY)
    daily_rate = models.DecimalField(_("daily rate"), **MONEY)
    violation_rate = models.DecimalField(_("deduction per violation"), **MONEY)
    absent_days = models.DecimalField(_("absent days"), max_digits=5, decimal_places=1, default=0)
    personal_leave_days = models.DecimalField(
        _("personal leave days"), max_digits=5, decimal_places=1, default=0
    )
    sick_leave_days = models.DecimalField(
        _("sick leave days"), max_digits=5, decimal_places=1, default=0
    )
    violations = models.PositiveSmallIntegerField(_("violations"), default=0)
    # Totals of the lines (kept by the services; deductions as positive amounts).
    base = models.DecimalField(_("base"), **MONEY, default=0)
    commissions = models.DecimalField(_("commissions"), **MONEY, default=0)
    bonuses = models.DecimalField(_("bonuses"), **MONEY, default=0)
    adjustments = models.DecimalField(_("adjustments"), **MONEY, default=0)
    fault_deductions = models.DecimalField(_("fault deductions"), **MONEY, default=0)
    attendance_deduction = models.DecimalField(_("attendance deductions"), **MONEY, default=0)
    total = models.DecimalField(_("total"), **MONEY, default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pay statement")
        verbose_name_plural = _("pay statements")
        ordering = ["pay_month", "staff__department", "staff__employee_no"]
        constraints = [
            models.UniqueConstraint(fields=["pay_month", "staff"], name="paystatement_one_each"),
        ]
        indexes = [
            # "My pay": a person's statements, newest month first.
            models.Index(fields=["staff", "pay_month"], name="paystatement_staff_month"),
        ]

    def __str__(self) -> str:
        return f"{self.staff} · {self.pay_month}"

    def get_absolute_url(self) -> str:
        return reverse("attendance:pay-statement", args=[self.pk])

    @property
    def deductions(self) -> Decimal:
        return self.fault_deductions + self.attendance_deduction


class YearEndBonus(models.Model):
    """COM-3: the customer manager's bonus for a year without a major fault; the GM sets the
    amount and the month whose statement pays it."""

    staff = models.ForeignKey(
        STAFF, verbose_name=_("employee"), on_delete=models.PROTECT, related_name="year_end_bonuses"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount (CNY)"), max_digits=9, decimal_places=2)
    pay_month = models.DateField(_("paid with the salary of"))
    faults_in_year = models.PositiveSmallIntegerField(_("faults in the year when set"), default=0)
    note = models.CharField(_("note"), max_length=300, blank=True)
    set_by = models.ForeignKey(
        STAFF, verbose_name=_("set by"), on_delete=models.PROTECT, related_name="+"
    )
    set_at = models.DateTimeField(_("set at"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("year-end bonus")
        verbose_name_plural = _("year-end bonuses")
        ordering = ["-year", "staff__employee_no"]
        constraints = [
            models.UniqueConstraint(fields=["staff", "year"], name="yearendbonus_one_a_year"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="yearendbonus_amount"),
        ]
        indexes = [
            # Statements of a month pick up the bonuses paid in it.
            models.Index(fields=["pay_month"], name="yearendbonus_pay_month"),
        ]

    def __str__(self) -> str:
        return f"{self.staff} · {self.year} · {self.amount}"
