"""Ownership (来单确认): claims with evidence, rulings, and private-contact findings (ATTR-1..6)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import RecordedBy

from .lead import Lead


class ClaimBasis(models.TextChoices):
    """Ranked by ClaimPolicy (default: this order, strongest first)."""

    APPOINTMENT = "APPOINTMENT", _("Appointment (booked the visit)")
    CUSTOMER_STATEMENT = "CUSTOMER_STATEMENT", _("Customer statement")
    ARCHIVE_RECORD = "ARCHIVE_RECORD", _("Archive record (daily filing)")
    FIRST_CONTACT = "FIRST_CONTACT", _("First contact (complete details)")


class ClaimSource(models.TextChoices):
    INTAKE = "INTAKE", _("Intake form")
    VISIT = "VISIT", _("Visit recorded at reception")
    FILING = "FILING", _("Daily filing")
    SLIP = "SLIP", _("Transfer slip")
    APPOINTMENT = "APPOINTMENT", _("Appointment record")


class OwnershipClaim(models.Model):
    """A staff member's claim to a lead, with its evidence (ATTR-2); `claimant` None = company.

    Claims are never edited: a new piece of evidence is a new claim. Evidence time is
    `recorded_at` (set by the system), or the consultation date of an archive record (ATTR-4).
    """

    lead = models.ForeignKey(
        Lead, verbose_name=_("lead"), on_delete=models.CASCADE, related_name="claims"
    )
    claimant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("claimant"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ownership_claims",
    )
    basis = models.CharField(_("basis"), max_length=20, choices=ClaimBasis.choices)
    source = models.CharField(_("source"), max_length=12, choices=ClaimSource.choices)
    recorded_at = models.DateTimeField(_("recorded at"))
    consultation_date = models.DateField(_("consultation date"), null=True, blank=True)
    appointment_at = models.DateTimeField(_("appointment recorded at"), null=True, blank=True)
    visit_at = models.DateTimeField(_("visit at"), null=True, blank=True)
    has_complete_details = models.BooleanField(_("complete details"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ownership claim")
        verbose_name_plural = _("ownership claims")
        ordering = ["recorded_at", "id"]
        indexes = [
            # The lead page lists a lead's claims in order.
            models.Index(fields=["lead", "recorded_at"], name="claim_lead_recorded"),
            # "My claims" and the admin's claimant filter.
            models.Index(fields=["claimant", "recorded_at"], name="claim_claimant_recorded"),
        ]

    def __str__(self) -> str:
        who = self.claimant.get_full_name() if self.claimant else _("Company")
        return f"{who} · {self.get_basis_display()}"


class RulingKind(models.TextChoices):
    RANKING = "RANKING", _("By the ranking")
    MANUAL = "MANUAL", _("Customer manager's ruling")


class DecidedBy(models.TextChoices):
    """Which rule decided (leads.rules.claims.DecidedBy)."""

    BASIS_RANK = "BASIS_RANK", _("Strongest basis")
    EARLIEST_IN_BASIS = "EARLIEST_IN_BASIS", _("Earliest evidence within the basis")
    NO_VALID_CLAIM = "NO_VALID_CLAIM", _("No valid claim: the company")
    MANUAL = "MANUAL", _("Customer manager's ruling")


class OwnershipRuling(models.Model):
    """Who owns the lead from `ruled_at` on, and the rule that decided (ATTR-1, ATTR-3, ATTR-5).

    The latest ruling of a lead is the current one; Lead.owner mirrors its owner.
    """

    lead = models.ForeignKey(
        Lead, verbose_name=_("lead"), on_delete=models.CASCADE, related_name="rulings"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=RulingKind.choices)
    winning_claim = models.ForeignKey(
        OwnershipClaim,
        verbose_name=_("winning claim"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_by = models.CharField(_("decided by"), max_length=20, choices=DecidedBy.choices)
    reason = models.TextField(_("reason"), blank=True)
    ruled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ruled by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    ruled_at = models.DateTimeField(_("ruled at"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ownership ruling")
        verbose_name_plural = _("ownership rulings")
        ordering = ["-ruled_at", "-id"]
        indexes = [
            # The current ruling of a lead: its latest.
            models.Index(fields=["lead", "-ruled_at"], name="ruling_lead_latest"),
            # Manual rulings over a period (audit, reports).
            models.Index(fields=["kind", "ruled_at"], name="ruling_kind_ruled"),
        ]

    def __str__(self) -> str:
        who = self.owner.get_full_name() if self.owner else _("Company")
        return f"{who} · {self.get_decided_by_display()}"


class PrivateContactFinding(RecordedBy):
    """ATTR-6: a designer dealt with the customer privately before dispatch; voids the order's
    commission (COM-4)."""

    lead = models.ForeignKey(
        Lead, verbose_name=_("lead"), on_delete=models.CASCADE, related_name="private_contacts"
    )
    designer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("designer"),
        on_delete=models.PROTECT,
        related_name="private_contact_findings",
    )
    description = models.TextField(_("what was found"))
    recorded_at = models.DateTimeField(_("recorded at"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("private-contact finding")
        verbose_name_plural = _("private-contact findings")
        ordering = ["-recorded_at", "-id"]
        indexes = [
            models.Index(fields=["designer", "recorded_at"], name="privatecontact_designer"),
        ]

    def __str__(self) -> str:
        return f"{self.designer.get_full_name()} · {self.lead}"
