"""Transfer slips (市场部业务传递单) and their signatures (SLIP-1..5)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .lead import Lead


class TransferSlip(models.Model):
    """市场部业务传递单: the salesperson's slip for a marketing lead (SLIP-1..5).

    The designer is written only at dispatch, by the dispatch service (SLIP-1); from then on the
    slip is in HR's list (SLIP-3).
    """

    lead = models.OneToOneField(
        Lead, verbose_name=_("lead"), on_delete=models.PROTECT, related_name="slip"
    )
    salesperson = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("salesperson"),
        on_delete=models.PROTECT,
        related_name="slips_filled",
    )
    customer_intent = models.TextField(
        _("customer's wishes"),
        blank=True,
        help_text=_("Style, rooms, timing and anything the designer should know."),
    )
    preferred_designer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("preferred designer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="slips_preferred",
    )
    filled_at = models.DateTimeField(_("filled at"))
    designer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("designer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="slips_designed",
    )
    dispatched_at = models.DateTimeField(_("dispatched at"), null=True, blank=True)
    dispatched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dispatched by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("transfer slip")
        verbose_name_plural = _("transfer slips")
        ordering = ["-filled_at", "-id"]
        permissions = [
            ("sign_slip", _("Can sign transfer slips")),
            ("export_slips", _("Can export transfer slips")),
        ]
        indexes = [
            # The salesperson's own slips, newest first.
            models.Index(fields=["salesperson", "-filled_at"], name="slip_salesperson_filled"),
            # HR's list: dispatched slips by dispatch date.
            models.Index(fields=["dispatched_at"], name="slip_dispatched_at"),
            # Every slip, newest first (managers and signers).
            models.Index(fields=["filled_at"], name="slip_filled"),
        ]

    def __str__(self) -> str:
        return _("Transfer slip for %(lead)s") % {"lead": self.lead}

    def get_absolute_url(self) -> str:
        return reverse("leads:slip_detail", args=[self.pk])

    def _signature(self, step: str) -> "SlipSignature | None":
        # Reads the prefetched signatures, so list pages stay at a fixed query count.
        return next((s for s in self.signatures.all() if s.step == step), None)

    @property
    def marketing_signature(self) -> "SlipSignature | None":
        return self._signature(SlipStep.MARKETING_MANAGER)

    @property
    def store_signature(self) -> "SlipSignature | None":
        return self._signature(SlipStep.STORE_MANAGER)

    @property
    def is_fully_signed(self) -> bool:
        return self.store_signature is not None


class SlipStep(models.TextChoices):
    """Signing steps, in order (leads.rules.slips.SIGNING_ORDER); named after the signing role."""

    MARKETING_MANAGER = "MARKETING_MANAGER", _("Marketing manager")
    STORE_MANAGER = "STORE_MANAGER", _("Store manager")


class SlipSignature(models.Model):
    """One signature on a slip; `on_behalf_of` is set when a delegate signed ("X for Y")."""

    slip = models.ForeignKey(
        TransferSlip,
        verbose_name=_("transfer slip"),
        on_delete=models.CASCADE,
        related_name="signatures",
    )
    step = models.CharField(_("step"), max_length=20, choices=SlipStep.choices)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        on_delete=models.PROTECT,
        related_name="slip_signatures",
    )
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="slip_signatures_delegated",
    )
    signed_at = models.DateTimeField(_("signed at"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("slip signature")
        verbose_name_plural = _("slip signatures")
        ordering = ["signed_at", "id"]
        constraints = [
            # Each step once, even if two managers press "sign" at the same moment.
            models.UniqueConstraint(fields=["slip", "step"], name="slipsignature_one_per_step"),
        ]

    def __str__(self) -> str:
        return f"{self.get_step_display()}: {self.signed_by_label}"

    @property
    def signed_by_label(self) -> str:
        """ "X" or "X for Y" (SLIP-4)."""
        if self.on_behalf_of_id is None:
            return self.signer.get_full_name()
        return _("%(delegate)s for %(principal)s") % {
            "delegate": self.signer.get_full_name(),
            "principal": self.on_behalf_of.get_full_name(),
        }
