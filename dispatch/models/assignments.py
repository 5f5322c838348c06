"""The assignment rows that record every dispatch (DISP-5..7), the designers skipped on the
way, and the reasons a designer declines.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


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
            # The dispatch log, newest first (or oldest), with no filter.
            models.Index(fields=["dispatched_at"], name="assignment_dispatched_at"),
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
