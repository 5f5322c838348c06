"""Clock records, off-post spells, computed daily statuses, violations and discipline flags."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from attendance.rules.daily import DayStatusCode, ViolationKind
from core.models import RecordedBy, UpdatedAt

from .leave import LEAVE_TYPE_CHOICES

STAFF = settings.AUTH_USER_MODEL


class ClockSource(models.TextChoices):
    MANUAL = "MANUAL", _("Entered by hand")
    IMPORT = "IMPORT", _("Imported from the time clock")


class ClockRecord(UpdatedAt):
    """One person's clock-in and clock-out for one working day (ATT-1, ATT-2).

    A clock-out may fall on the next calendar day (working past midnight).
    """

    staff = models.ForeignKey(
        STAFF, verbose_name=_("employee"), on_delete=models.PROTECT, related_name="clock_records"
    )
    day = models.DateField(_("date"))
    clock_in = models.DateTimeField(_("clock-in"), null=True, blank=True)
    clock_out = models.DateTimeField(_("clock-out"), null=True, blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=ClockSource.choices, default=ClockSource.MANUAL
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    entered_by = models.ForeignKey(
        STAFF,
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("clock record")
        verbose_name_plural = _("clock records")
        ordering = ["-day", "staff__employee_no"]
        constraints = [
            models.UniqueConstraint(fields=["staff", "day"], name="clock_one_per_person_day"),
            models.CheckConstraint(
                condition=models.Q(clock_in__isnull=False) | models.Q(clock_out__isnull=False),
                name="clock_has_a_time",
            ),
            models.CheckConstraint(
                condition=models.Q(clock_in__isnull=True)
                | models.Q(clock_out__isnull=True)
                | models.Q(clock_out__gt=models.F("clock_in")),
                name="clock_out_after_in",
            ),
        ]
        indexes = [
            # The clock-record list filtered by date (and department through staff).
            models.Index(fields=["day"], name="clock_day"),
            # The list sorted by clock-in time.
            models.Index(fields=["clock_in"], name="clock_clock_in"),
        ]

    def __str__(self) -> str:
        return f"{self.staff} {self.day}"


class OffPostRecord(RecordedBy):
    """ATT-2: an absence from the post (擅离职守), recorded by a supervisor with its duration."""

    staff = models.ForeignKey(
        STAFF, verbose_name=_("employee"), on_delete=models.PROTECT, related_name="off_post"
    )
    day = models.DateField(_("date"))
    started_at = models.TimeField(_("from"))
    minutes = models.PositiveSmallIntegerField(
        _("minutes"), validators=[MinValueValidator(1), MaxValueValidator(24 * 60)]
    )
    note = models.CharField(_("what happened"), max_length=300)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("off-post record")
        verbose_name_plural = _("off-post records")
        ordering = ["-day", "-started_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(minutes__gt=0), name="off_post_minutes"),
        ]
        indexes = [
            models.Index(fields=["staff", "day"], name="off_post_staff_day"),
            models.Index(fields=["day"], name="off_post_day"),
        ]

    def __str__(self) -> str:
        return f"{self.staff} {self.day} {self.minutes}'"


DAY_TONES = {
    DayStatusCode.ON_TIME: "success",
    DayStatusCode.LATE: "warning",
    DayStatusCode.EARLY_LEAVE: "warning",
    DayStatusCode.LATE_AND_EARLY: "warning",
    DayStatusCode.ON_LEAVE: "info",
    DayStatusCode.ABSENT: "danger",
}


class DailyStatus(models.Model):
    """The computed status of one person's working day; recomputing overwrites it (upsert)."""

    staff = models.ForeignKey(
        STAFF, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="daily_statuses"
    )
    day = models.DateField(_("date"))
    code = models.CharField(
        _("status"),
        max_length=20,
        choices=[
            (DayStatusCode.ON_TIME.value, _("On time")),
            (DayStatusCode.LATE.value, _("Late")),
            (DayStatusCode.EARLY_LEAVE.value, _("Left early")),
            (DayStatusCode.LATE_AND_EARLY.value, _("Late and left early")),
            (DayStatusCode.ON_LEAVE.value, _("On leave")),
            (DayStatusCode.ABSENT.value, _("Absent")),
            (DayStatusCode.OFF_DAY.value, _("Day off")),
        ],
    )
    late_minutes = models.PositiveIntegerField(_("late (minutes)"), default=0)
    early_minutes = models.PositiveIntegerField(_("early leave (minutes)"), default=0)
    leave_type = models.CharField(
        _("leave type"), max_length=20, choices=LEAVE_TYPE_CHOICES, blank=True
    )
    # 1.0 for a full day of leave, 0.5 when half the day was leave and the rest was worked.
    leave_days = models.DecimalField(_("leave days"), max_digits=2, decimal_places=1, default=0)
    off_post_minutes = models.PositiveIntegerField(_("off post (minutes)"), default=0)
    missing_clock_out = models.BooleanField(_("no clock-out"), default=False)
    computed_at = models.DateTimeField(_("computed at"), auto_now=True)

    class Meta:
        verbose_name = _("daily status")
        verbose_name_plural = _("daily statuses")
        permissions = [
            ("view_all_attendance", _("Can see everyone's attendance")),
            ("export_attendance", _("Can export attendance summaries")),
        ]
        ordering = ["-day", "staff__employee_no"]
        constraints = [
            models.UniqueConstraint(fields=["staff", "day"], name="status_one_per_person_day"),
        ]
        indexes = [
            # The daily attendance page: one day, filtered by status.
            models.Index(fields=["day", "code"], name="status_day_code"),
        ]

    def __str__(self) -> str:
        return f"{self.staff} {self.day} {self.code}"

    @property
    def is_late(self) -> bool:
        return self.code in {DayStatusCode.LATE, DayStatusCode.LATE_AND_EARLY}

    @property
    def left_early(self) -> bool:
        return self.code in {DayStatusCode.EARLY_LEAVE, DayStatusCode.LATE_AND_EARLY}

    @property
    def is_absent(self) -> bool:
        return self.code == DayStatusCode.ABSENT

    @property
    def tone(self) -> str:
        """Bootstrap colour of the status badge."""
        return DAY_TONES.get(self.code, "secondary")


class ViolationRecord(models.Model):
    """ATT-3: a violation (违纪) found by the daily computation; each costs pay (COM-5)."""

    staff = models.ForeignKey(
        STAFF, verbose_name=_("employee"), on_delete=models.PROTECT, related_name="violations"
    )
    day = models.DateField(_("date"))
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=[
            (ViolationKind.LATE.value, _("Late arrival")),
            (ViolationKind.OFF_POST.value, _("Off post")),
        ],
    )
    minutes = models.PositiveIntegerField(_("minutes"))
    off_post = models.OneToOneField(
        OffPostRecord,
        verbose_name=_("off-post record"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="violation",
    )
    created_at = models.DateTimeField(_("found at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("violation")
        verbose_name_plural = _("violations")
        ordering = ["-day", "staff__employee_no"]
        constraints = [
            # Re-running a night never doubles a late violation (RPT-3).
            models.UniqueConstraint(
                fields=["staff", "day"],
                condition=models.Q(kind="LATE"),
                name="violation_one_late_per_day",
            ),
        ]
        indexes = [
            models.Index(fields=["day"], name="violation_day"),
            models.Index(fields=["staff", "day"], name="violation_staff_day"),
        ]

    def __str__(self) -> str:
        return f"{self.staff} {self.day} {self.kind} {self.minutes}'"


class DisciplineFlag(models.Model):
    """ATT-3: the month's late arrivals reached the threshold; HR and the supervisor follow up."""

    staff = models.ForeignKey(
        STAFF, verbose_name=_("employee"), on_delete=models.PROTECT, related_name="discipline"
    )
    month = models.DateField(_("month"), help_text=_("First day of the month."))
    late_count = models.PositiveSmallIntegerField(_("late arrivals"))
    created_at = models.DateTimeField(_("flagged at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("discipline flag")
        verbose_name_plural = _("discipline flags")
        ordering = ["-month", "staff__employee_no"]
        constraints = [
            models.UniqueConstraint(fields=["staff", "month"], name="discipline_one_per_month"),
        ]
        indexes = [models.Index(fields=["month"], name="discipline_month")]

    def __str__(self) -> str:
        return f"{self.staff} {self.month:%Y-%m} ({self.late_count})"
