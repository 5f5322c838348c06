"""Requests for instructions (请示报告, REP-1) and the steps of their route."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .people import Staff


class ReportKind(models.TextChoices):
    """What the source says must be reported (客服部请示报告制度)."""

    MAJOR_ERROR = "MAJOR_ERROR", _("Major error or accident")
    DISCIPLINE = "DISCIPLINE", _("Serious breach of discipline")
    SAFETY = "SAFETY", _("Danger to equipment or people")
    BEYOND_REMIT = "BEYOND_REMIT", _("A matter beyond my remit")


class ReportStatus(models.TextChoices):
    AWAITING = "AWAITING", _("Awaiting instructions")
    INSTRUCTED = "INSTRUCTED", _("Instructed")
    CARRIED_OUT = "CARRIED_OUT", _("Carried out")


class InstructionRequest(models.Model):
    """A report or request for instructions climbing the supervisor chain (REP-1).

    `recipient` is whoever holds it now (or gave the instruction); `level` counts from the
    reporter (1 = direct supervisor).
    """

    reporter = models.ForeignKey(
        Staff,
        verbose_name=_("reporter"),
        on_delete=models.PROTECT,
        related_name="instruction_requests",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ReportKind.choices)
    subject = models.CharField(_("subject"), max_length=200)
    details = models.TextField(_("what happened"))
    proposal = models.TextField(_("proposed handling"), blank=True)
    urgent = models.BooleanField(_("urgent"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.AWAITING
    )
    recipient = models.ForeignKey(
        Staff,
        verbose_name=_("with"),
        on_delete=models.PROTECT,
        related_name="instruction_requests_received",
    )
    level = models.PositiveSmallIntegerField(_("level"), default=1)
    instruction = models.TextField(_("instruction"), blank=True)
    instructed_by = models.ForeignKey(
        Staff,
        verbose_name=_("instructed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    instructed_at = models.DateTimeField(_("instructed at"), null=True, blank=True)
    execution = models.TextField(_("how it was carried out"), blank=True)
    executed_at = models.DateTimeField(_("carried out at"), null=True, blank=True)
    created_at = models.DateTimeField(_("filed at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("request for instructions")
        verbose_name_plural = _("requests for instructions")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status=ReportStatus.AWAITING) | ~models.Q(instruction=""),
                name="report_instructed_has_instruction",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ReportStatus.CARRIED_OUT) | ~models.Q(execution=""),
                name="report_carried_out_has_execution",
            ),
        ]
        indexes = [
            # "Reports awaiting me".
            models.Index(fields=["recipient", "status"], name="report_recipient_status"),
            # "My reports", newest first.
            models.Index(fields=["reporter", "-created_at"], name="report_reporter_created"),
        ]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("staff:report", args=[self.pk])

    @property
    def is_awaiting(self) -> bool:
        return self.status == ReportStatus.AWAITING


class StepKind(models.TextChoices):
    FILED = "FILED", _("Filed with")
    FORWARDED = "FORWARDED", _("Passed up to")
    SKIPPED = "SKIPPED", _("Skipped (urgent), told at once")
    INSTRUCTED = "INSTRUCTED", _("Instruction given")
    CARRIED_OUT = "CARRIED_OUT", _("Carried out")


class InstructionStep(models.Model):
    """One line of a report's route: filed, passed up, skipped, instructed, carried out."""

    request = models.ForeignKey(
        InstructionRequest,
        verbose_name=_("request for instructions"),
        on_delete=models.CASCADE,
        related_name="steps",
    )
    kind = models.CharField(_("step"), max_length=12, choices=StepKind.choices)
    actor = models.ForeignKey(
        Staff, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    recipient = models.ForeignKey(
        Staff,
        verbose_name=_("to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="instruction_steps",
    )
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("route step")
        verbose_name_plural = _("route steps")
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["request", "at"], name="reportstep_request_at"),
            # Reports a supervisor was told about (skipped or passed).
            models.Index(fields=["recipient", "kind"], name="reportstep_recipient_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.recipient or ''}".strip()
