"""Configuration rows managers edit in the admin, effective-dated (LEAD-4, ATTR-3/4/6), and the
log of customer-data exports (SEC-2)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..rules.commission import PrivateContactScope

RANK_VALIDATORS = [MinValueValidator(1), MaxValueValidator(4)]


class PrivateContactVoidScope(models.TextChoices):
    """ATTR-6: which commission lines of the order a private-contact finding voids."""

    WHOLE_ORDER = PrivateContactScope.WHOLE_ORDER, _("The whole order")
    DESIGNER_LINE = PrivateContactScope.DESIGNER_LINE, _("The designer's line only")


class SizeThreshold(models.Model):
    """Budget from which a lead is medium / large (LEAD-4), from `effective_from` on."""

    effective_from = models.DateField(_("effective from"), unique=True)
    medium_from = models.DecimalField(
        _("medium from (CNY)"), max_digits=12, decimal_places=0, default=Decimal(30000)
    )
    large_from = models.DecimalField(
        _("large from (CNY)"), max_digits=12, decimal_places=0, default=Decimal(50000)
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("size-class thresholds")
        verbose_name_plural = _("size-class thresholds")
        ordering = ["-effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(medium_from__gt=0) & Q(large_from__gt=F("medium_from")),
                name="sizethreshold_ordered",
            ),
        ]

    def __str__(self) -> str:
        return _("From %(day)s: medium %(medium)s, large %(large)s") % {
            "day": self.effective_from,
            "medium": self.medium_from,
            "large": self.large_from,
        }


class ClaimPolicy(models.Model):
    """How ownership claims rank (ATTR-3), how far back an archive record may be dated (ATTR-4)
    and what a private-contact finding voids (ATTR-6), from `effective_from` on. Rank 1 is the
    strongest basis."""

    effective_from = models.DateField(_("effective from"), unique=True)
    rank_appointment = models.PositiveSmallIntegerField(
        _("rank of appointment"), default=1, validators=RANK_VALIDATORS
    )
    rank_customer_statement = models.PositiveSmallIntegerField(
        _("rank of customer statement"), default=2, validators=RANK_VALIDATORS
    )
    rank_archive_record = models.PositiveSmallIntegerField(
        _("rank of archive record"), default=3, validators=RANK_VALIDATORS
    )
    rank_first_contact = models.PositiveSmallIntegerField(
        _("rank of first contact"), default=4, validators=RANK_VALIDATORS
    )
    archive_backdate_days = models.PositiveSmallIntegerField(
        _("archive record may be dated back (days)"), default=7
    )
    private_contact_void_scope = models.CharField(
        _("private contact voids"),
        max_length=16,
        choices=PrivateContactVoidScope.choices,
        default=PrivateContactVoidScope.WHOLE_ORDER,
        help_text=_(
            "By default a finding voids the whole order's commission (ATTR-6); this narrows it."
        ),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ownership claim policy")
        verbose_name_plural = _("ownership claim policies")
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return _("Claim policy from %(day)s") % {"day": self.effective_from}

    @property
    def ranks(self) -> dict[str, int]:
        return {
            "APPOINTMENT": self.rank_appointment,
            "CUSTOMER_STATEMENT": self.rank_customer_statement,
            "ARCHIVE_RECORD": self.rank_archive_record,
            "FIRST_CONTACT": self.rank_first_contact,
        }

    def clean(self) -> None:
        if sorted(self.ranks.values()) != [1, 2, 3, 4]:
            raise ValidationError(_("Give each basis a different rank from 1 to 4."))
