"""Hotline quality (FD-7): call records from the phone system, per-agent daily metrics, the
thresholds that define an anomaly, and the alerts raised."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import UpdatedAt


class CallRecord(models.Model):
    """One call as the phone system exported it; (agent, start) identifies it."""

    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agent"),
        on_delete=models.PROTECT,
        related_name="call_records",
    )
    started_at = models.DateTimeField(_("start time"))
    # The phone system's own id of the call, when it came through the API (empty from a file):
    # a re-sent batch is recognised by it.
    call_id = models.CharField(_("phone system call id"), max_length=64, blank=True)
    ring_seconds = models.PositiveIntegerField(_("ring seconds"))
    talk_seconds = models.PositiveIntegerField(_("talk seconds"))
    satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    resolved_first_contact = models.BooleanField(_("resolved on first contact"), default=False)
    complaint = models.BooleanField(_("complaint"), default=False)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("call record")
        verbose_name_plural = _("call records")
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["agent", "started_at"], name="call_agent_start_unique"),
            models.UniqueConstraint(
                fields=["call_id"], condition=~Q(call_id=""), name="call_id_unique"
            ),
            models.CheckConstraint(
                condition=Q(satisfaction__isnull=True)
                | Q(satisfaction__gte=1, satisfaction__lte=5),
                name="call_satisfaction_1_to_5",
            ),
        ]
        indexes = [
            # The daily computation reads one day of calls; the list filters by day.
            models.Index(fields=["started_at"], name="call_started"),
            # The call list sorted by talk time (the longest or shortest calls first).
            models.Index(fields=["talk_seconds"], name="call_talk"),
        ]

    def __str__(self) -> str:
        return f"{self.agent} {timezone.localtime(self.started_at):%Y-%m-%d %H:%M:%S}"


class QualityPolicy(models.Model):
    """Thresholds of hotline quality from `valid_from` on (FD-7, FD-9). No row: the defaults.

    "Answered within 3 rings" (the source's 铃响3声内接听) is measured as ring seconds at most
    `ring_seconds_limit` (default 15 s: about five seconds a ring).
    """

    valid_from = models.DateField(_("valid from"), unique=True)
    ring_seconds_limit = models.PositiveSmallIntegerField(
        _("answered within 3 rings: ring seconds at most"), default=15
    )
    recent_days = models.PositiveSmallIntegerField(
        _("recent window (days)"), default=7, validators=[MinValueValidator(1)]
    )
    baseline_days = models.PositiveSmallIntegerField(
        _("comparison window before it (days)"), default=28, validators=[MinValueValidator(1)]
    )
    satisfaction_drop_pct = models.DecimalField(
        _("satisfaction drop that alerts (%)"), max_digits=5, decimal_places=1, default=Decimal(15)
    )
    min_rated_calls = models.PositiveSmallIntegerField(
        _("rated calls needed in each window"), default=5
    )
    complaint_min_count = models.PositiveSmallIntegerField(
        _("complaints in the recent window before 'rising' alerts"), default=2
    )
    ring_share_drop_points = models.DecimalField(
        _("fall of the 3-ring share that alerts (percentage points)"),
        max_digits=5,
        decimal_places=1,
        default=Decimal(10),
    )
    min_calls = models.PositiveSmallIntegerField(_("calls needed in each window"), default=20)
    mood_low = models.PositiveSmallIntegerField(
        _("low mood: at most"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hotline quality policy")
        verbose_name_plural = _("hotline quality policies")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return _("Quality thresholds from %(day)s") % {"day": self.valid_from}


class AgentDailyMetric(models.Model):
    """One agent's day, computed from the call records by the nightly job (re-runnable).

    Counts and sums are stored, so windows of several days average correctly.
    """

    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agent"),
        on_delete=models.PROTECT,
        related_name="daily_metrics",
    )
    day = models.DateField(_("date"))
    calls = models.PositiveIntegerField(_("calls"))
    answered_in_time = models.PositiveIntegerField(_("answered within 3 rings"))
    talk_seconds = models.PositiveIntegerField(_("talk seconds in total"))
    rated_calls = models.PositiveIntegerField(_("rated calls"))
    satisfaction_total = models.PositiveIntegerField(_("satisfaction points"))
    first_contact_resolved = models.PositiveIntegerField(_("resolved on first contact"))
    complaints = models.PositiveIntegerField(_("complaints"))
    ring_seconds_limit = models.PositiveSmallIntegerField(_("3-ring limit used (seconds)"))
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        verbose_name = _("agent's daily metrics")
        verbose_name_plural = _("agents' daily metrics")
        ordering = ["-day", "agent_id"]
        constraints = [
            models.UniqueConstraint(fields=["agent", "day"], name="metric_agent_day_unique"),
        ]
        indexes = [models.Index(fields=["day"], name="metric_day")]

    def __str__(self) -> str:
        return f"{self.agent} {self.day}"

    @property
    def avg_talk_seconds(self) -> int:
        return round(self.talk_seconds / self.calls) if self.calls else 0

    @property
    def in_time_pct(self) -> Decimal | None:
        return _pct(self.answered_in_time, self.calls)

    @property
    def first_contact_pct(self) -> Decimal | None:
        return _pct(self.first_contact_resolved, self.calls)

    @property
    def avg_satisfaction(self) -> Decimal | None:
        if not self.rated_calls:
            return None
        return (Decimal(self.satisfaction_total) / self.rated_calls).quantize(Decimal("0.01"))


def _pct(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"))


class AlertKind(models.TextChoices):
    SATISFACTION_DROP = "SATISFACTION_DROP", _("Satisfaction dropped")
    COMPLAINTS_RISING = "COMPLAINTS_RISING", _("Complaints rising")
    RING_SHARE_FALLING = "RING_SHARE_FALLING", _("Fewer calls answered within 3 rings")


class QualityAlert(models.Model):
    """An anomaly in an agent's metrics (FD-7). One alert per agent and kind while the anomaly
    lasts: the customer manager is told once; the nightly job clears it when it is over."""

    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agent"),
        on_delete=models.PROTECT,
        related_name="quality_alerts",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AlertKind.choices)
    detected_on = models.DateField(_("detected on"))
    recent_value = models.DecimalField(_("recent value"), max_digits=8, decimal_places=2)
    baseline_value = models.DecimalField(_("earlier value"), max_digits=8, decimal_places=2)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    acknowledged_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    acknowledge_note = models.CharField(_("what was done"), max_length=300, blank=True)
    cleared_on = models.DateField(_("over on"), null=True, blank=True)

    class Meta:
        verbose_name = _("quality alert")
        verbose_name_plural = _("quality alerts")
        ordering = ["-detected_on", "-id"]
        constraints = [
            # Once per anomaly: at most one uncleared alert per agent and kind.
            models.UniqueConstraint(
                fields=["agent", "kind"],
                condition=Q(cleared_on__isnull=True),
                name="alert_one_open_per_agent_kind",
            ),
        ]
        indexes = [
            # Open alerts on the quality page.
            models.Index(fields=["cleared_on", "-detected_on"], name="alert_open_detected"),
        ]

    def __str__(self) -> str:
        return f"{self.agent} · {self.get_kind_display()} · {self.detected_on}"

    @property
    def is_open(self) -> bool:
        return self.cleared_on is None


class MoodCheckIn(UpdatedAt):
    """情绪晴雨表: an agent's mood for the day, 1 (very low) to 5 (very good) (FD-9)."""

    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agent"),
        on_delete=models.CASCADE,
        related_name="mood_checkins",
    )
    day = models.DateField(_("date"))
    mood = models.PositiveSmallIntegerField(
        _("mood"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("mood check-in")
        verbose_name_plural = _("mood check-ins")
        ordering = ["-day", "agent_id"]
        constraints = [
            models.UniqueConstraint(fields=["agent", "day"], name="mood_agent_day_unique"),
            models.CheckConstraint(condition=Q(mood__gte=1, mood__lte=5), name="mood_1_to_5"),
        ]
        indexes = [models.Index(fields=["day"], name="mood_day")]

    def __str__(self) -> str:
        return f"{self.agent} {self.day}: {self.mood}"


class GoodCase(models.Model):
    """典型案例: a call, complaint or callback a manager holds up at the monthly meeting (FD-9)."""

    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("colleague"),
        on_delete=models.PROTECT,
        related_name="good_cases",
    )
    call_record = models.ForeignKey(
        CallRecord,
        verbose_name=_("call"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="good_cases",
    )
    complaint = models.ForeignKey(
        "complaints.Complaint",
        verbose_name=_("complaint"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="good_cases",
    )
    callback = models.ForeignKey(
        "leads.Callback",
        verbose_name=_("callback"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="good_cases",
    )
    note = models.TextField(_("why it is a good case"))
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    marked_at = models.DateTimeField(_("marked at"))

    class Meta:
        verbose_name = _("good case")
        verbose_name_plural = _("good cases")
        ordering = ["-marked_at", "-id"]
        constraints = [
            # Exactly one of call, complaint or callback.
            models.CheckConstraint(
                condition=(
                    Q(call_record__isnull=False, complaint__isnull=True, callback__isnull=True)
                    | Q(call_record__isnull=True, complaint__isnull=False, callback__isnull=True)
                    | Q(call_record__isnull=True, complaint__isnull=True, callback__isnull=False)
                ),
                name="goodcase_exactly_one_subject",
            ),
        ]
        indexes = [models.Index(fields=["-marked_at"], name="goodcase_marked")]

    def __str__(self) -> str:
        return f"{self.staff} · {timezone.localtime(self.marked_at):%Y-%m-%d}"

    @property
    def subject_kind(self) -> str:
        if self.call_record_id:
            return str(_("Call"))
        if self.complaint_id:
            return str(_("Complaint"))
        return str(_("Callback"))
