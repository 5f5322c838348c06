"""Daily filing (每日报表) of marketing and engineering leads: filed by the staff member,
confirmed by the department manager, archived by customer service (ATTR-2 ARCHIVE_RECORD)."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .lead import Lead
from .ownership import OwnershipClaim


class FilingStatus(models.TextChoices):
    DRAFT = "DRAFT", _("Being filled")
    SUBMITTED = "SUBMITTED", _("Awaiting the manager")
    CONFIRMED = "CONFIRMED", _("Confirmed; awaiting archiving")
    ARCHIVED = "ARCHIVED", _("Archived")


class DailyFiling(models.Model):
    """One person's filing for one day; entries become leads or claims only when archived."""

    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        on_delete=models.PROTECT,
        related_name="daily_filings",
    )
    department = models.CharField(_("department"), max_length=20)
    filing_date = models.DateField(_("filing date"))
    status = models.CharField(
        _("status"), max_length=10, choices=FilingStatus.choices, default=FilingStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("archived by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    return_reason = models.CharField(_("returned because"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("daily filing")
        verbose_name_plural = _("daily filings")
        ordering = ["-filing_date", "-id"]
        permissions = [("archive_filing", _("Can archive confirmed daily filings"))]
        constraints = [
            models.UniqueConstraint(
                fields=["filed_by", "filing_date"], name="dailyfiling_one_per_person_day"
            ),
        ]
        indexes = [
            # The queues: awaiting the manager / awaiting archiving, oldest first.
            models.Index(fields=["status", "filing_date"], name="dailyfiling_status_date"),
        ]

    def __str__(self) -> str:
        return _("%(name)s's filing of %(day)s") % {
            "name": self.filed_by.get_full_name(),
            "day": self.filing_date,
        }

    def get_absolute_url(self) -> str:
        return reverse("leads:filing_detail", args=[self.pk])


class FilingOutcome(models.TextChoices):
    NEW_LEAD = "NEW_LEAD", _("New lead")
    CLAIM = "CLAIM", _("Claim on an existing lead")


class FilingEntry(models.Model):
    """One customer on a daily filing; `recorded_at` is when the system recorded it (ATTR-4)."""

    filing = models.ForeignKey(
        DailyFiling, verbose_name=_("filing"), on_delete=models.CASCADE, related_name="entries"
    )
    customer_name = models.CharField(_("customer name"), max_length=50)
    phone = models.CharField(_("phone"), max_length=24)
    community = models.CharField(_("community"), max_length=100)
    building = models.CharField(_("building / unit / room"), max_length=100, blank=True)
    area_m2 = models.DecimalField(
        _("house area (m²)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0.01)],
    )
    budget = models.DecimalField(
        _("budget"), max_digits=12, decimal_places=0, null=True, blank=True
    )
    planned_decoration_date = models.DateField(_("planned decoration date"), null=True, blank=True)
    consultation_date = models.DateField(_("consultation date"))
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"))
    lead = models.ForeignKey(
        Lead,
        verbose_name=_("lead"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="filing_entries",
    )
    claim = models.ForeignKey(
        OwnershipClaim,
        verbose_name=_("claim"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=FilingOutcome.choices, blank=True
    )

    class Meta:
        verbose_name = _("filing entry")
        verbose_name_plural = _("filing entries")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["filing", "phone"], name="filingentry_phone_once"),
        ]

    def __str__(self) -> str:
        return f"{self.customer_name} · {self.community}{self.building}"
