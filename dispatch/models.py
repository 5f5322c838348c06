"""Dispatch (派单): the managers' configuration (tiers, caps, seasons, champions) and the
assignment rows that record every dispatch. Decisions live in rules.py, changes in services.py.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from leads.models import SizeClass
from staff.models import DesignerTier


class CapacityRule(models.Model):
    """Caps per designer (DISP-3) and the champion bonus (DISP-4), effective from a date.

    The rule in force on a day is the one with the latest `effective_from` on or before it, so
    a change for next month can be entered today and past weeks keep the caps they had.
    """

    effective_from = models.DateField(_("effective from"), unique=True)
    day_cap = models.PositiveSmallIntegerField(
        _("new leads a day"), default=2, validators=[MinValueValidator(1)]
    )
    week_cap = models.PositiveSmallIntegerField(
        _("new leads a week (Mon–Sun)"), default=6, validators=[MinValueValidator(1)]
    )
    season_cap_off = models.PositiveSmallIntegerField(
        _("open leads this week, off season"),
        default=2,
        validators=[MinValueValidator(1)],
        help_text=_("Leads dispatched this week and still not measured (淡季)."),
    )
    season_cap_peak = models.PositiveSmallIntegerField(
        _("open leads this week, peak season"),
        default=4,
        validators=[MinValueValidator(1)],
        help_text=_("Leads dispatched this week and still not measured (旺季)."),
    )
    champion_day_bonus = models.PositiveSmallIntegerField(_("champion: extra a day"), default=1)
    champion_week_bonus = models.PositiveSmallIntegerField(_("champion: extra a week"), default=2)
    champion_season_bonus = models.PositiveSmallIntegerField(
        _("champion: extra open leads"), default=1
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("entered at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("capacity rule")
        verbose_name_plural = _("capacity rules")
        ordering = ["-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(week_cap__gte=F("day_cap")),
                name="capacityrule_week_at_least_day",
                violation_error_message=_("The weekly cap cannot be below the daily cap."),
            ),
        ]

    def __str__(self) -> str:
        return _("Caps from %(date)s") % {"date": self.effective_from}


# The capacity rule's numbers, named once for the admin, the settings form, the day's config
# query and the service that writes a rule.
CAP_FIELDS = (
    "day_cap",
    "week_cap",
    "season_cap_off",
    "season_cap_peak",
    "champion_day_bonus",
    "champion_week_bonus",
    "champion_season_bonus",
)


class TierRule(models.Model):
    """One allowed pairing of lead size and designer tier (DISP-1); absent pairs are refused."""

    size_class = models.CharField(_("size class"), max_length=10, choices=SizeClass.choices)
    tier = models.CharField(_("designer tier"), max_length=20, choices=DesignerTier.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tier rule")
        verbose_name_plural = _("tier rules")
        ordering = ["size_class", "tier"]
        constraints = [
            models.UniqueConstraint(fields=["size_class", "tier"], name="tierrule_unique_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.get_size_class_display()} → {self.get_tier_display()}"


class SeasonKind(models.TextChoices):
    PEAK = "PEAK", _("Peak season (旺季)")
    OFF = "OFF", _("Off season (淡季)")


class SeasonPeriod(models.Model):
    """A date range set by managers (DISP-3); days no peak range covers are off season."""

    name = models.CharField(_("name"), max_length=60)
    kind = models.CharField(_("season"), max_length=4, choices=SeasonKind.choices)
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("season")
        verbose_name_plural = _("seasons")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")),
                name="season_end_after_start",
                violation_error_message=_("A season ends on or after its first day."),
            ),
        ]
        indexes = [
            # "Which season is today": ranges covering a date.
            models.Index(fields=["start", "end"], name="season_start_end"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.start} – {self.end})"


class Champion(models.Model):
    """A signing champion title (DISP-4): computed from signed contracts, then confirmed (or
    rejected) by a manager; only a confirmed title raises the caps, within its grant window."""

    class Kind(models.TextChoices):
        QUARTERLY = "QUARTERLY", _("Quarterly signing champion (季度签单状元)")
        ANNUAL = "ANNUAL", _("Annual signing champion (年度签单状元)")

    class Status(models.TextChoices):
        PROPOSED = "PROPOSED", _("Awaiting confirmation")
        CONFIRMED = "CONFIRMED", _("Confirmed")
        REJECTED = "REJECTED", _("Rejected")

    kind = models.CharField(_("title"), max_length=10, choices=Kind.choices)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    designer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("designer"),
        on_delete=models.PROTECT,
        related_name="champion_titles",
    )
    signed_count = models.PositiveIntegerField(_("signed contracts"))
    grants_from = models.DateField(_("extra capacity from"))
    grants_until = models.DateField(_("extra capacity until"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    computed_at = models.DateTimeField(_("computed at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.CharField(_("note"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("signing champion")
        verbose_name_plural = _("signing champions")
        ordering = ["-period_start", "kind", "designer__employee_no"]
        permissions = [("confirm_champion", _("Can confirm or reject signing champions"))]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "period_start", "designer"], name="champion_one_per_period"
            ),
        ]
        indexes = [
            # The champion bonus on a day: confirmed titles whose window covers it.
            models.Index(fields=["status", "grants_from", "grants_until"], name="champion_grant"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period_start:%Y-%m}: {self.designer}"

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED

    @property
    def is_proposed(self) -> bool:
        return self.status == self.Status.PROPOSED


class Assignment(models.Model):
    """One dispatch of a lead to a designer (DISP-5..7); the source of every load count.

    A declined assignment stays as a record but no longer counts against the designer's caps.
    """

    class Method(models.TextChoices):
        ROTATION = "ROTATION", _("First in rotation")
        PREFERRED = "PREFERRED", _("Salesperson's preferred designer")
        CHOSEN = "CHOSEN", _("Chosen by the customer manager")
        AFTER_DECLINE = "AFTER_DECLINE", _("Next in rotation after a decline")
        FORCED = "FORCED", _("Forced dispatch (强制派单)")

    lead = models.ForeignKey(
        "leads.Lead",
        verbose_name=_("lead"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    designer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("designer"),
        on_delete=models.PROTECT,
        related_name="dispatch_assignments",
    )
    dispatched_at = models.DateTimeField(_("dispatched at"))
    dispatched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dispatched by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    method = models.CharField(_("how"), max_length=14, choices=Method.choices)
    reason = models.TextField(_("reason"), blank=True)
    overridden = models.CharField(
        _("rule overridden"),
        max_length=200,
        blank=True,
        help_text=_("For a forced dispatch: why the designer was not eligible."),
    )
    preference_note = models.CharField(_("preferred designer"), max_length=300, blank=True)
    overridden_hold = models.ForeignKey(
        "QualityHold",
        verbose_name=_("quality hold overridden"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="overrides",
        help_text=_("The customer manager chose a designer on quality hold, with a reason (QG-2)."),
    )
    declined_at = models.DateTimeField(_("declined at"), null=True, blank=True)
    declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decline recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decline_reason = models.TextField(_("decline reason"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dispatch")
        verbose_name_plural = _("dispatches")
        ordering = ["-dispatched_at", "-id"]
        permissions = [
            ("view_dispatch_board", _("Can see the dispatch dashboard and load board")),
            ("dispatch_leads", _("Can dispatch leads to designers")),
            ("force_dispatch", _("Can force a dispatch past the caps")),
            ("record_decline", _("Can record a designer's decline")),
            ("configure_dispatch", _("Can change tiers, caps and seasons")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(method="FORCED") | ~Q(reason=""), name="assignment_forced_has_reason"
            ),
            models.CheckConstraint(
                condition=Q(declined_at__isnull=True) | ~Q(decline_reason=""),
                name="assignment_decline_has_reason",
            ),
        ]
        indexes = [
            # Load counts per designer over a day or week; "my dispatches".
            models.Index(fields=["designer", "dispatched_at"], name="assignment_designer_at"),
            # A lead's dispatch history (who declined it).
            models.Index(fields=["lead", "dispatched_at"], name="assignment_lead_at"),
            # The dispatch log filtered by how (forced dispatches report) over a period.
            models.Index(fields=["method", "dispatched_at"], name="assignment_method_at"),
            # The dispatch log's "declined" filter.
            models.Index(fields=["declined_at"], name="assignment_declined_at"),
        ]

    def __str__(self) -> str:
        return f"{self.lead} → {self.designer} ({self.dispatched_at:%Y-%m-%d %H:%M})"

    @property
    def is_forced(self) -> bool:
        return self.method == self.Method.FORCED

    @property
    def is_declined(self) -> bool:
        return self.declined_at is not None


class Skip(models.Model):
    """A designer of the lead's tier passed over by a dispatch, and why (DISP-5): kept so the
    monthly report can count skips by reason (RPT-2). Written with the assignment, never edited.

    Designers of another tier, and inactive ones, are not recorded: every lead passes them."""

    class Reason(models.TextChoices):
        ON_LEAVE = "ON_LEAVE", _("On leave")
        DAY_CAP = "DAY_CAP", _("Daily cap reached")
        WEEK_CAP = "WEEK_CAP", _("Weekly cap reached")
        SEASON_CAP = "SEASON_CAP", _("Season cap reached")
        DECLINED = "DECLINED", _("Declined this lead")
        QUALITY_HOLD = "QUALITY_HOLD", _("Quality hold")

    assignment = models.ForeignKey(
        Assignment, verbose_name=_("dispatch"), on_delete=models.CASCADE, related_name="skips"
    )
    designer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("designer"),
        on_delete=models.PROTECT,
        related_name="dispatch_skips",
    )
    reason = models.CharField(_("reason"), max_length=12, choices=Reason.choices)
    # The assignment's time, copied so the report filters skips by month on this table's index.
    skipped_at = models.DateTimeField(_("skipped at"))

    class Meta:
        verbose_name = _("skipped designer")
        verbose_name_plural = _("skipped designers")
        ordering = ["-skipped_at", "-id"]
        indexes = [
            # The monthly report counts one designer's skips by reason over a month.
            models.Index(fields=["designer", "skipped_at"], name="skip_designer_at"),
        ]

    def __str__(self) -> str:
        return f"{self.designer} — {self.get_reason_display()}"


class DeclineReason(models.TextChoices):
    """Why a designer declines a lead from their own page (DISP-7); the text adds the detail."""

    TOO_FAR = "TOO_FAR", _("Too far away")
    NO_TIME = "NO_TIME", _("No time for it")
    NOT_MY_STYLE = "NOT_MY_STYLE", _("Not my style or speciality")
    CONFLICT = "CONFLICT", _("Conflict of interest / known customer")
    CUSTOMER_ASKED = "CUSTOMER_ASKED", _("The customer asked for another designer")
    OTHER = "OTHER", _("Other")


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
