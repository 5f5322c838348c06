"""Reports (RPT-1, RPT-4) and nightly jobs (RPT-3): the nightly snapshot of the front-desk
figures, the record of every job run, and the segment bands managers configure.

These tables were created by the front desk app and moved here by state-only migrations, so each
keeps its `frontdesk_…` table name (and its rows)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class DailySnapshot(models.Model):
    """One day's front-desk figures (RPT-1), written by the nightly job; re-running a date
    overwrites the row (upsert), so a day has exactly one snapshot."""

    day = models.DateField(_("day"), unique=True)
    leads = models.PositiveIntegerField(_("new leads"), default=0)
    leads_by_channel = models.JSONField(_("new leads by channel"), default=dict)
    walk_ins = models.PositiveIntegerField(_("walk-ins"), default=0)
    calls = models.PositiveIntegerField(_("calls"), default=0)
    appointments = models.PositiveIntegerField(_("appointments"), default=0)
    dispatches = models.PositiveIntegerField(_("dispatches"), default=0)
    measurements = models.PositiveIntegerField(_("measurements"), default=0)
    signings = models.PositiveIntegerField(_("signings"), default=0)
    closures = models.PositiveIntegerField(_("closures"), default=0)
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        db_table = "frontdesk_dailysnapshot"
        verbose_name = _("daily snapshot")
        verbose_name_plural = _("daily snapshots")
        ordering = ["-day"]
        permissions = [
            ("view_monthly_report", _("Can see the GM monthly report")),
            ("view_segments", _("Can see the customer segments")),
        ]

    def __str__(self) -> str:
        return str(self.day)


class JobOutcome(models.TextChoices):
    RUNNING = "RUNNING", _("Running")
    OK = "OK", _("OK")
    ERROR = "ERROR", _("Error")


class JobRun(models.Model):
    """One run of one nightly job for one date (RPT-3): the jobs page lists them."""

    job = models.CharField(_("job"), max_length=40)
    for_date = models.DateField(_("for date"))
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=8, choices=JobOutcome.choices, default=JobOutcome.RUNNING
    )
    message = models.TextField(_("message"), blank=True)

    class Meta:
        db_table = "frontdesk_jobrun"
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")
        ordering = ["-started_at", "-id"]
        indexes = [
            # The jobs page: newest first, filtered by job or date.
            models.Index(fields=["-started_at"], name="jobrun_started"),
            models.Index(fields=["job", "for_date"], name="jobrun_job_date"),
            # The jobs page sorted by the night a run was for, whatever the job.
            models.Index(fields=["for_date", "job"], name="jobrun_date_job"),
        ]

    def __str__(self) -> str:
        return f"{self.job} {self.for_date} {self.outcome}"


class BandKind(models.TextChoices):
    AREA = "AREA", _("House area (m²)")
    BUDGET = "BUDGET", _("Budget (CNY)")


class SegmentBand(models.Model):
    """One band of a segment dimension (RPT-4): `low` inclusive, `high` exclusive (empty: open)."""

    kind = models.CharField(_("dimension"), max_length=8, choices=BandKind.choices)
    label = models.CharField(_("label"), max_length=40)
    low = models.DecimalField(_("from (inclusive)"), max_digits=12, decimal_places=2)
    high = models.DecimalField(
        _("to (exclusive)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        db_table = "frontdesk_segmentband"
        verbose_name = _("segment band")
        verbose_name_plural = _("segment bands")
        ordering = ["kind", "order", "low"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "label"], name="segmentband_unique_label"),
            models.CheckConstraint(
                condition=Q(high__isnull=True) | Q(high__gt=models.F("low")),
                name="segmentband_high_above_low",
                violation_error_message=_("A band ends above where it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.label}"
