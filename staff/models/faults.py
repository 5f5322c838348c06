"""Faults (过失单, FD-5): the kinds with their usual deduction, and the slips."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .people import Staff


class FaultType(models.Model):
    """A kind of fault from the front desk's rules, with the deduction it usually carries.

    The list and the amounts are data: the customer manager edits them in the admin.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    default_deduction = models.DecimalField(
        _("default deduction (CNY)"),
        max_digits=7,
        decimal_places=0,
        validators=[MinValueValidator(Decimal(0))],
    )
    is_active = models.BooleanField(_("in use"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fault type")
        verbose_name_plural = _("fault types")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(default_deduction__gte=0),
                name="faulttype_deduction_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Fault(models.Model):
    """A fault slip (过失单) recorded against a person; its deduction feeds the month's pay.

    A fault recorded in error is withdrawn (kept, with who and why), never deleted.
    """

    staff = models.ForeignKey(
        Staff, verbose_name=_("employee"), on_delete=models.PROTECT, related_name="faults"
    )
    fault_type = models.ForeignKey(
        FaultType, verbose_name=_("fault"), on_delete=models.PROTECT, related_name="faults"
    )
    occurred_on = models.DateField(_("date of the fault"))
    deduction = models.DecimalField(
        _("deduction (CNY)"),
        max_digits=7,
        decimal_places=0,
        validators=[MinValueValidator(Decimal(0))],
    )
    note = models.TextField(_("what happened"))
    recorded_by = models.ForeignKey(
        Staff, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        Staff,
        verbose_name=_("withdrawn by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    withdraw_reason = models.CharField(_("reason for withdrawal"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fault")
        verbose_name_plural = _("faults")
        ordering = ["-occurred_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(deduction__gte=0), name="fault_deduction_not_negative"
            ),
        ]
        indexes = [
            # A person's faults by month (staff page, pay statement).
            models.Index(fields=["staff", "occurred_on"], name="fault_staff_day"),
            # The faults list filtered by month.
            models.Index(fields=["occurred_on"], name="fault_day"),
        ]

    def __str__(self) -> str:
        return f"{self.staff.get_full_name()} · {self.fault_type.name} · {self.occurred_on}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None
