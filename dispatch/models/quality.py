"""The quality gate (QG-1): its thresholds, and the holds that keep a designer from new leads."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class QualityPolicy(models.Model):
    """The quality gate's thresholds (QG-1), effective from a date; the latest row on or before
    a day is in force. Defaults (data migration 0006):

    - window: the last 90 days are looked at;
    - complaints: 1 complaint whose decision names the design department responsible, on a lead
      of the designer, starts a hold;
    - satisfaction: an average below 3.0 (of 5) over at least 3 follow-up scores;
    - conversion: measured-to-signed below 50% of the tier's average, with at least 5 measured;
    - hold: 30 days.

    Facts already judged by an earlier hold (on or before its first day) never count again, so a
    lifted hold is not restarted the next night by the same complaint.
    """

    effective_from = models.DateField(_("effective from"), unique=True)
    window_days = models.PositiveSmallIntegerField(
        _("window (days)"), default=90, validators=[MinValueValidator(1)]
    )
    complaints_to_hold = models.PositiveSmallIntegerField(
        _("responsible complaints that start a hold"),
        default=1,
        validators=[MinValueValidator(1)],
    )
    satisfaction_below = models.DecimalField(
        _("hold when average satisfaction is below"),
        max_digits=3,
        decimal_places=1,
        default=Decimal("3.0"),
        help_text=_("Out of 5, from the follow-up scores on the designer's leads."),
    )
    min_scores = models.PositiveSmallIntegerField(
        _("scores needed before satisfaction counts"), default=3, validators=[MinValueValidator(1)]
    )
    conversion_ratio_below = models.PositiveSmallIntegerField(
        _("hold when conversion is below this percentage of the tier's average"),
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    min_measured = models.PositiveSmallIntegerField(
        _("measured leads needed before conversion counts"),
        default=5,
        validators=[MinValueValidator(1)],
    )
    hold_days = models.PositiveSmallIntegerField(
        _("hold length (days)"), default=30, validators=[MinValueValidator(1)]
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quality gate policy")
        verbose_name_plural = _("quality gate policies")
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return _("Quality gate from %(date)s") % {"date": self.effective_from}


class QualityHold(models.Model):
    """A designer held out of automatic rotation (QG-1) from `starts` to `ends` (inclusive),
    unless lifted early by the GM or design manager with a reason (QG-2). `created_by` empty:
    the nightly evaluation started it."""

    class Code(models.TextChoices):
        COMPLAINT = "COMPLAINT", _("Complaint with cause")
        SATISFACTION = "SATISFACTION", _("Low satisfaction")
        CONVERSION = "CONVERSION", _("Low conversion")

    designer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("designer"),
        on_delete=models.PROTECT,
        related_name="quality_holds",
    )
    reason_code = models.CharField(_("reason"), max_length=12, choices=Code.choices)
    reason = models.TextField(_("why"))
    starts = models.DateField(_("first day"))
    ends = models.DateField(_("last day"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty: started by the nightly evaluation."),
    )
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lifted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    lift_reason = models.TextField(_("why lifted"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quality hold")
        verbose_name_plural = _("quality holds")
        ordering = ["-starts", "-id"]
        permissions = [("lift_quality_hold", _("Can lift a quality hold early"))]
        constraints = [
            # Idempotent evaluation: one hold per designer starting on a day.
            models.UniqueConstraint(fields=["designer", "starts"], name="qualityhold_one_a_day"),
            models.CheckConstraint(
                condition=Q(ends__gte=F("starts")), name="qualityhold_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(lifted_at__isnull=True) | ~Q(lift_reason=""),
                name="qualityhold_lift_has_reason",
            ),
        ]
        indexes = [
            # "Who is held today", per designer, and the report's holds started in a month.
            models.Index(fields=["designer", "starts", "ends"], name="qualityhold_designer_days"),
            models.Index(fields=["starts"], name="qualityhold_starts"),
        ]

    def __str__(self) -> str:
        return f"{self.designer} {self.starts} – {self.ends}"

    @property
    def is_lifted(self) -> bool:
        return self.lifted_at is not None

    def active_on(self, day) -> bool:
        return not self.is_lifted and self.starts <= day <= self.ends
