"""After dispatch: site measurement, contracts, closures (跑单) and callbacks (回访).

LIFE-1/2, CLOSE-1..5, CB-1. Rows only; the workflows are in leads.services.{measurement,
contracts, closures, callbacks}.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Recorded

from ..rules import lifecycle as rules
from ..rules.commission import ContractType as RuleContractType
from .lead import Lead, LeadState


class Measurement(Recorded):
    """量房: the site measurement of a dispatched lead (LIFE-1); one per lead."""

    lead = models.OneToOneField(
        Lead, verbose_name=_("lead"), on_delete=models.CASCADE, related_name="measurement"
    )
    measured_on = models.DateField(_("measured on"))
    designer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("designer"),
        on_delete=models.PROTECT,
        related_name="measurements",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("site measurement")
        verbose_name_plural = _("site measurements")
        ordering = ["-measured_on", "-id"]
        indexes = [
            # Reports count measurements per day and per designer.
            models.Index(fields=["measured_on"], name="measurement_measured_on"),
            models.Index(fields=["designer", "measured_on"], name="measurement_designer_on"),
        ]

    def __str__(self) -> str:
        return f"{self.lead} · {self.measured_on:%Y-%m-%d}"


class ContractType(models.TextChoices):
    DESIGN = RuleContractType.DESIGN, _("Design contract")
    CONSTRUCTION = RuleContractType.CONSTRUCTION, _("Construction contract")


class Contract(Recorded):
    """签单: a contract signed on a lead (LIFE-2). The first one moves the lead to SIGNED; a lead
    may sign a design contract and later a construction contract. Commission entries point here."""

    lead = models.ForeignKey(
        Lead, verbose_name=_("lead"), on_delete=models.PROTECT, related_name="contracts"
    )
    number = models.CharField(_("contract number"), max_length=40, unique=True)
    contract_type = models.CharField(
        _("contract type"), max_length=12, choices=ContractType.choices
    )
    amount = models.DecimalField(_("amount (CNY)"), max_digits=12, decimal_places=0)
    signed_on = models.DateField(_("signed on"))
    designer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("designer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contracts",
    )
    signed_by_design_department = models.BooleanField(
        _("signed by the design department"),
        default=True,
        help_text=_("The customer manager's commission is paid on these contracts (COM-1)."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    refunded_at = models.DateTimeField(_("refunded at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        ordering = ["-signed_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="contract_amount_positive"),
        ]
        indexes = [
            # Reports and champions (DISP-4): contracts per period and per designer.
            models.Index(fields=["signed_on"], name="contract_signed_on"),
            models.Index(fields=["designer", "signed_on"], name="contract_designer_signed"),
        ]

    def __str__(self) -> str:
        return f"{self.number} · {self.get_contract_type_display()} · ¥{self.amount}"

    @property
    def is_refunded(self) -> bool:
        return self.refunded_at is not None


class ClosureKind(models.TextChoices):
    INVALID = rules.ClosureKind.INVALID, _("Invalid lead")
    DEAD = rules.ClosureKind.DEAD, _("Dead lead")


class ClosureReason(models.TextChoices):
    """CLOSE-1: the first three for INVALID only, PRICE..REFUND for DEAD only, OTHER for both."""

    UNREACHABLE = "UNREACHABLE", _("False details / cannot be reached")
    NO_PLAN = "NO_PLAN", _("No renovation planned for now")
    LOW_VALUE = "LOW_VALUE", _("Low value / not a target customer")
    PRICE = "PRICE", _("Price")
    SERVICE = "SERVICE", _("Service")
    TECHNICAL = "TECHNICAL", _("Technical")
    COMPETITION = "COMPETITION", _("Competition (signed with another firm)")
    CUSTOMER = "CUSTOMER", _("Customer's own reasons")
    REFUND = "REFUND", _("Refund")
    OTHER = "OTHER", _("Other")


class ClosureStatus(models.TextChoices):
    PROPOSED = rules.ClosureStatus.PROPOSED, _("Awaiting confirmation")
    CONFIRMED = rules.ClosureStatus.CONFIRMED, _("Confirmed")
    REJECTED = rules.ClosureStatus.REJECTED, _("Rejected")
    REOPENED = "REOPENED", _("Reopened")


def _reason_fits_kind() -> Q:
    invalid = [str(r) for r in rules.REASONS_BY_KIND[rules.ClosureKind.INVALID]]
    dead = [str(r) for r in rules.REASONS_BY_KIND[rules.ClosureKind.DEAD]]
    return Q(kind=ClosureKind.INVALID, reason__in=sorted(invalid)) | Q(
        kind=ClosureKind.DEAD, reason__in=sorted(dead)
    )


class Closure(models.Model):
    """跑单: a proposal to close a lead as invalid or dead and its second-callback decision
    (CLOSE-2), with the record the source's 情况说明 form carries (CLOSE-3).

    Only confirmation closes the lead, at the moment of confirming. A rejected proposal stays as
    a record; the lead carries on. Reopening (CLOSE-5) is noted on the confirmed closure.
    """

    lead = models.ForeignKey(
        Lead, verbose_name=_("lead"), on_delete=models.CASCADE, related_name="closures"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ClosureKind.choices)
    reason = models.CharField(_("reason"), max_length=20, choices=ClosureReason.choices)
    customer_words = models.TextField(_("the customer's own words"))
    explanation = models.TextField(_("explanation"), blank=True)
    state_at_proposal = models.CharField(_("lead state when proposed"), max_length=12)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="closures_proposed",
    )
    proposed_at = models.DateTimeField(_("proposed at"))
    status = models.CharField(
        _("status"), max_length=10, choices=ClosureStatus.choices, default=ClosureStatus.PROPOSED
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible staff"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="closures_responsible",
    )
    penalty = models.DecimalField(
        _("penalty (CNY)"), max_digits=9, decimal_places=0, null=True, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="closures_decided",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("second callback note"), blank=True)
    gm_notified_at = models.DateTimeField(_("GM office notified at"), null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reopened by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reopened_at = models.DateTimeField(_("reopened at"), null=True, blank=True)
    reopen_reason = models.TextField(_("reason for reopening"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        ordering = ["-proposed_at", "-id"]
        permissions = [
            ("propose_closure", _("Can propose closing a lead")),
            ("confirm_closure", _("Can confirm or reject a closure")),
            ("reopen_lead", _("Can reopen a closed lead")),
            ("view_closure_analysis", _("Can see the closure reason analysis")),
        ]
        constraints = [
            # CLOSE-2: one proposal at a time, even if two people propose at once.
            models.UniqueConstraint(
                fields=["lead"],
                condition=Q(status="PROPOSED"),
                name="closure_one_pending_per_lead",
            ),
            models.CheckConstraint(condition=_reason_fits_kind(), name="closure_reason_fits_kind"),
            models.CheckConstraint(
                condition=Q(penalty__isnull=True) | Q(penalty__gte=0),
                name="closure_penalty_not_negative",
            ),
        ]
        indexes = [
            # The queues: by status, oldest proposal first; and a proposer's own.
            models.Index(fields=["status", "proposed_at"], name="closure_status_proposed"),
            models.Index(fields=["proposed_by", "-proposed_at"], name="closure_proposer"),
            # The "all" tab, by proposal date.
            models.Index(fields=["proposed_at"], name="closure_proposed"),
            # CLOSE-4 analysis: confirmed closures over a period, by kind and reason.
            models.Index(fields=["status", "decided_at"], name="closure_status_decided"),
            models.Index(fields=["kind", "reason"], name="closure_kind_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.lead} · {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return reverse("leads:closure_detail", args=[self.pk])

    @property
    def is_pending(self) -> bool:
        return self.status == ClosureStatus.PROPOSED

    @property
    def is_confirmed(self) -> bool:
        """Confirmed and not reopened since: the one state a reopening starts from (CLOSE-5)."""
        return self.status == ClosureStatus.CONFIRMED

    @property
    def state_at_proposal_label(self) -> str:
        return LeadState(self.state_at_proposal).label

    @property
    def form_title(self) -> str:
        """The printed form's title: the source's 无效单 / 签单失败情况说明."""
        if self.kind == ClosureKind.INVALID:
            return _("Invalid lead report")
        return _("Failed signing report")


class CallbackKind(models.TextChoices):
    AFTER_DISPATCH = rules.CallbackKind.AFTER_DISPATCH, _("After dispatch")
    AFTER_MEASUREMENT = rules.CallbackKind.AFTER_MEASUREMENT, _("After measurement")
    CLOSURE_PENDING = rules.CallbackKind.CLOSURE_PENDING, _("Second callback on a closure")
    COMPLAINT_FOLLOW_UP = rules.CallbackKind.COMPLAINT_FOLLOW_UP, _("Complaint follow-up")
    CARE = "CARE", _("Care call")  # CARE-2: several open at once per lead, one per plan point


OPEN_CALLBACK = Q(done_at__isnull=True, cancelled_at__isnull=True)


class Callback(models.Model):
    """回访: a call to the customer someone owes by `due_at` (CB-1). Open while neither done nor
    cancelled; reminded and escalated at most once each (the timestamps record it)."""

    lead = models.ForeignKey(
        Lead, verbose_name=_("lead"), on_delete=models.CASCADE, related_name="callbacks"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CallbackKind.choices)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        on_delete=models.PROTECT,
        related_name="callbacks",
    )
    due_at = models.DateTimeField(_("due at"))
    closure = models.ForeignKey(
        Closure,
        verbose_name=_("closure"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="callbacks",
    )
    note = models.CharField(_("what to ask"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    outcome = models.TextField(_("outcome"), blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    escalated_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("escalated to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("callback")
        verbose_name_plural = _("callbacks")
        ordering = ["due_at", "id"]
        permissions = [("view_all_callbacks", _("Can see everyone's callbacks"))]
        constraints = [
            # One open callback of a kind per lead, so a re-run or a race schedules it once.
            models.UniqueConstraint(
                fields=["lead", "kind"],
                condition=OPEN_CALLBACK & ~Q(kind__in=["COMPLAINT_FOLLOW_UP", "CARE"]),
                name="callback_one_open_per_kind",
            ),
        ]
        indexes = [
            # "My callbacks": open ones of an assignee by due time (overdue first).
            models.Index(
                fields=["assignee", "due_at"],
                condition=OPEN_CALLBACK,
                name="callback_assignee_open",
            ),
            # The reminder job: open, due, not yet reminded / escalated.
            models.Index(
                fields=["due_at"],
                condition=OPEN_CALLBACK & Q(reminded_at__isnull=True),
                name="callback_due_unreminded",
            ),
            models.Index(
                fields=["due_at"],
                condition=OPEN_CALLBACK & Q(escalated_at__isnull=True),
                name="callback_due_unescalated",
            ),
            # The lead page and the done tab.
            models.Index(fields=["lead", "due_at"], name="callback_lead_due"),
            models.Index(fields=["assignee", "-done_at"], name="callback_assignee_done"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.lead} · {self.due_at:%Y-%m-%d %H:%M}"

    @property
    def is_open(self) -> bool:
        return self.done_at is None and self.cancelled_at is None

    @property
    def is_closure_call(self) -> bool:
        """Answered by confirming or rejecting its closure, not by an outcome of its own."""
        return self.kind == CallbackKind.CLOSURE_PENDING

    @property
    def is_care_call(self) -> bool:
        """Answered with the customer's feedback (CARE-4) on the care call's page."""
        return self.kind == CallbackKind.CARE


class CallbackPolicy(models.Model):
    """When callbacks fall due and when an overdue one goes to the supervisor (CB-1), from
    `effective_from` on. No row: the DOMAIN defaults (leads.rules.lifecycle.CallbackConfig)."""

    effective_from = models.DateField(_("effective from"), unique=True)
    after_dispatch_hours = models.PositiveSmallIntegerField(_("after dispatch (hours)"), default=24)
    after_measurement_hours = models.PositiveSmallIntegerField(
        _("after measurement (hours)"), default=72
    )
    closure_pending_hours = models.PositiveSmallIntegerField(
        _("second callback on a closure (hours)"), default=24
    )
    complaint_follow_up_hours = models.PositiveSmallIntegerField(
        _("complaint follow-up (hours)"), default=24
    )
    escalate_after_hours = models.PositiveSmallIntegerField(
        _("escalate when overdue by (hours)"), default=24
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("callback policy")
        verbose_name_plural = _("callback policies")
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return _("Callback policy from %(day)s") % {"day": self.effective_from}
