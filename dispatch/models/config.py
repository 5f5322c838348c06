"""The dispatch managers' configuration: caps (DISP-3/4), tier pairings (DISP-1), seasons and
champions.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
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
