"""Showroom appointments (预约参观样板房, FD-3) and the sample houses they visit."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class SampleHouse(models.Model):
    """A sample house (样板房) customers can visit; data the customer manager keeps."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    community = models.CharField(_("community"), max_length=100)
    address = models.CharField(_("address"), max_length=200, blank=True)
    style = models.CharField(_("style"), max_length=100, blank=True)
    area_m2 = models.DecimalField(
        _("area (m²)"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    is_active = models.BooleanField(_("open for visits"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("sample house")
        verbose_name_plural = _("sample houses")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class AppointmentStatus(models.TextChoices):
    BOOKED = "BOOKED", _("Booked")
    CAME = "CAME", _("Came")
    NO_SHOW = "NO_SHOW", _("Did not come")
    CANCELLED = "CANCELLED", _("Cancelled")


class Appointment(models.Model):
    """A customer's booked visit to a sample house, with their wishes (FD-3).

    `created_at` is the appointment record's time: when the customer comes, it is the evidence of
    an APPOINTMENT claim for `invited_by` (ATTR-2), which must predate the visit.
    """

    sample_house = models.ForeignKey(
        SampleHouse,
        verbose_name=_("sample house"),
        on_delete=models.PROTECT,
        related_name="appointments",
    )
    starts_at = models.DateTimeField(_("date and time"))
    customer_name = models.CharField(_("customer name"), max_length=50)
    phone = models.CharField(_("phone"), max_length=24)
    lead = models.ForeignKey(
        "leads.Lead",
        verbose_name=_("lead"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointments",
    )
    wishes = models.TextField(_("customer's wishes"), blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointments_invited",
        help_text=_("The colleague who arranged the visit; the visit is their ownership claim."),
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("booked by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AppointmentStatus.choices,
        default=AppointmentStatus.BOOKED,
    )
    outcome_at = models.DateTimeField(_("outcome recorded at"), null=True, blank=True)
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("outcome recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    outcome_note = models.CharField(_("note"), max_length=300, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    customer_reminded_at = models.DateTimeField(_("customer reminded at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("showroom appointment")
        verbose_name_plural = _("showroom appointments")
        ordering = ["starts_at", "id"]
        indexes = [
            # Day and week views; the reminder job (booked, tomorrow, not yet reminded).
            models.Index(fields=["starts_at"], name="appointment_starts"),
            models.Index(fields=["status", "starts_at"], name="appointment_status_starts"),
            models.Index(fields=["sample_house", "starts_at"], name="appointment_house_starts"),
            models.Index(fields=["phone"], name="appointment_phone"),
        ]

    def __str__(self) -> str:
        when = timezone.localtime(self.starts_at)
        return f"{when:%Y-%m-%d %H:%M} {self.customer_name} · {self.sample_house}"

    @property
    def is_booked(self) -> bool:
        return self.status == AppointmentStatus.BOOKED

    @property
    def status_badge(self) -> str:
        return {
            AppointmentStatus.BOOKED: "primary",
            AppointmentStatus.CAME: "success",
            AppointmentStatus.NO_SHOW: "danger",
        }.get(self.status, "secondary")
