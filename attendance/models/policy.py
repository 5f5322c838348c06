"""The attendance policy (ATT-3..5 knobs), the holiday calendar and schedules (ATT-1)."""

from datetime import time
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from staff.models import Department

STAFF = settings.AUTH_USER_MODEL
DEFAULT_START = time(9, 0)
DEFAULT_END = time(18, 0)


# ------------------------------------------------------------------------------------------------
# Policy: the domain knobs HR may change (ATT-3, ATT-4, ATT-5), kept as rows, not settings.
# ------------------------------------------------------------------------------------------------
class AttendancePolicy(models.Model):
    """One row (pk=1): thresholds and notice periods; defaults are DOMAIN's."""

    violation_minutes = models.PositiveSmallIntegerField(
        _("violation threshold (minutes)"), default=20, validators=[MinValueValidator(1)]
    )
    lates_for_discipline = models.PositiveSmallIntegerField(
        _("late arrivals in a month that flag discipline"),
        default=3,
        validators=[MinValueValidator(1)],
    )
    personal_notice_hours = models.PositiveSmallIntegerField(
        _("personal leave notice (hours)"), default=24
    )
    special_personal_notice_minutes = models.PositiveSmallIntegerField(
        _("special personal leave notice (minutes)"), default=60
    )
    max_approval_levels = models.PositiveSmallIntegerField(
        _("approval levels for longer leave"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance policy")
        verbose_name_plural = _("attendance policy")

    def __str__(self) -> str:
        return str(_("Attendance policy"))


class ApprovalLevel(models.Model):
    """ATT-5 as data: leave of up to `up_to_days` days needs `levels` supervisor approvals."""

    up_to_days = models.DecimalField(
        _("up to (days)"),
        max_digits=5,
        decimal_places=1,
        unique=True,
        validators=[MinValueValidator(Decimal("0.5"))],
    )
    levels = models.PositiveSmallIntegerField(
        _("approval levels"), validators=[MinValueValidator(1), MaxValueValidator(10)]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("approval level")
        verbose_name_plural = _("approval levels")
        ordering = ["up_to_days"]

    def __str__(self) -> str:
        return _("up to %(days)s days: %(levels)s levels") % {
            "days": self.up_to_days,
            "levels": self.levels,
        }


# ------------------------------------------------------------------------------------------------
# ATT-1: the holiday calendar and schedules
# ------------------------------------------------------------------------------------------------
class CalendarDayKind(models.TextChoices):
    HOLIDAY = "HOLIDAY", _("Public holiday")
    ADJUSTED_WORKDAY = "ADJUSTED_WORKDAY", _("Adjusted working day")


class CalendarSource(models.TextChoices):
    PACKAGE = "PACKAGE", _("Prefilled from chinese-calendar")
    HR = "HR", _("Entered by HR")


class CalendarDay(models.Model):
    """A day that differs from the Mon-Fri rule: a holiday, or a weekend worked (调休)."""

    day = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=CalendarDayKind.choices)
    name = models.CharField(_("name"), max_length=60, blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=CalendarSource.choices, default=CalendarSource.HR
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("holiday calendar")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day} {self.get_kind_display()} {self.name}".strip()


class ScheduleScope(models.TextChoices):
    FIRM = "FIRM", _("Whole firm (default)")
    DEPARTMENT = "DEPARTMENT", _("Department")
    PERSON = "PERSON", _("Person")


class WorkSchedule(models.Model):
    """Start and end of the working day, from `valid_from` on; the most specific scope wins."""

    scope = models.CharField(_("applies to"), max_length=12, choices=ScheduleScope.choices)
    department = models.CharField(
        _("department"), max_length=20, choices=Department.choices, blank=True
    )
    staff = models.ForeignKey(
        STAFF,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="work_schedules",
    )
    start = models.TimeField(_("start"), default=DEFAULT_START)
    end = models.TimeField(_("end"), default=DEFAULT_END)
    valid_from = models.DateField(_("valid from"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("work schedule")
        verbose_name_plural = _("work schedules")
        ordering = ["scope", "department", "staff", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start__lt=models.F("end")), name="schedule_start_before_end"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(scope="FIRM", department="", staff__isnull=True)
                    | models.Q(scope="DEPARTMENT", staff__isnull=True) & ~models.Q(department="")
                    | models.Q(scope="PERSON", department="", staff__isnull=False)
                ),
                name="schedule_scope_matches_target",
            ),
            # Two partial constraints rather than nulls_distinct=False, which SQLite lacks.
            models.UniqueConstraint(
                fields=["scope", "department", "valid_from"],
                condition=models.Q(staff__isnull=True),
                name="schedule_one_per_group_and_date",
            ),
            models.UniqueConstraint(
                fields=["staff", "valid_from"],
                condition=models.Q(staff__isnull=False),
                name="schedule_one_per_person_and_date",
            ),
        ]
        indexes = [
            # schedule_for(): the newest row for a person / department valid on a day.
            models.Index(fields=["staff", "valid_from"], name="schedule_person_from"),
            models.Index(fields=["department", "valid_from"], name="schedule_dept_from"),
        ]

    def __str__(self) -> str:
        target = self.staff or self.get_department_display() or self.get_scope_display()
        return f"{target}: {self.start:%H:%M}-{self.end:%H:%M} ({self.valid_from})"
