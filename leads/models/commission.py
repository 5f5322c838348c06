"""The commission ledger (提成): rules per role as effective-dated rows, one entry per earner and
contract, voids and next-month adjustments, and paid ledger months (COM-1, 2, 4).

Workflows in leads.services.commission; pay statements read leads.queries.commission.month_lines.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from staff.models import Role

from ..rules.commission import VoidReason as RuleVoidReason
from .lifecycle import Contract, ContractType


class CommissionRule(models.Model):
    """What one role earns per contract from `valid_from` (COM-1). A new rate is a new row with a
    later `valid_from`: it supersedes the old one for contracts signed from then on, and old
    contracts keep the amount of the rule in force when they were signed."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    contract_type = models.CharField(
        _("contract type"),
        max_length=12,
        choices=ContractType.choices,
        blank=True,
        help_text=_("Empty: every contract type."),
    )
    amount = models.DecimalField(_("amount per contract (CNY)"), max_digits=9, decimal_places=0)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to (inclusive)"), null=True, blank=True)
    requires_design_department = models.BooleanField(
        _("only contracts signed by the design department"), default=False
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commission rule")
        verbose_name_plural = _("commission rules")
        ordering = ["role", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["role", "contract_type", "valid_from"], name="commissionrule_one_per_start"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="commissionrule_amount"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="commissionrule_period",
            ),
        ]
        indexes = [models.Index(fields=["role", "valid_from"], name="commissionrule_role_from")]

    def __str__(self) -> str:
        return _("%(role)s: ¥%(amount)s per %(type)s from %(day)s") % {
            "role": self.get_role_display(),
            "amount": self.amount,
            "type": self.get_contract_type_display() or _("contract"),
            "day": self.valid_from,
        }


class VoidReason(models.TextChoices):
    PRIVATE_CONTACT = RuleVoidReason.PRIVATE_CONTACT, _("Private contact before dispatch")
    NO_SLIP = RuleVoidReason.NO_SLIP, _("No transfer slip")
    REFUND = RuleVoidReason.REFUND, _("Refund")


class EntryKind(models.TextChoices):
    EARNING = "EARNING", _("Commission")
    ADJUSTMENT = "ADJUSTMENT", _("Adjustment")


class CommissionEntry(models.Model):
    """One ledger line (COM-2): an earning for one person on one contract under one rule, or the
    negative adjustment that claws back an earning voided after its month was paid (COM-4).

    `month` is the ledger month (its first day) whose pay statement carries the line. A voided
    earning keeps its amount and says why; it pays nothing unless its month was paid already,
    in which case its adjustment is the correction.
    """

    kind = models.CharField(
        _("kind"), max_length=10, choices=EntryKind.choices, default=EntryKind.EARNING
    )
    contract = models.ForeignKey(
        Contract,
        verbose_name=_("contract"),
        on_delete=models.PROTECT,
        related_name="commission_entries",
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("earner"),
        on_delete=models.PROTECT,
        related_name="commission_entries",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    rule = models.ForeignKey(
        CommissionRule,
        verbose_name=_("rule"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
    )
    amount = models.DecimalField(_("amount (CNY)"), max_digits=9, decimal_places=0)
    month = models.DateField(_("ledger month"))
    void_reason = models.CharField(
        _("void reason"), max_length=20, choices=VoidReason.choices, blank=True
    )
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    adjusts = models.OneToOneField(
        "self",
        verbose_name=_("adjusts"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adjustment",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commission entry")
        verbose_name_plural = _("commission entries")
        ordering = ["month", "created_at", "id"]
        permissions = [("view_all_commission", _("Can see everyone's commission"))]
        constraints = [
            # COM-2: one earning per role on a contract, however often signing is retried.
            models.UniqueConstraint(
                fields=["contract", "role"],
                condition=Q(kind="EARNING"),
                name="commissionentry_one_per_role",
            ),
            models.CheckConstraint(
                condition=(Q(kind="EARNING", amount__gt=0, adjusts__isnull=True))
                | Q(kind="ADJUSTMENT", amount__lt=0, adjusts__isnull=False),
                name="commissionentry_kind_shape",
            ),
        ]
        indexes = [
            # A person's month (pay statement, "my commission") and a month's ledger by role.
            models.Index(fields=["staff", "month"], name="commissionentry_staff_month"),
            models.Index(fields=["month", "role"], name="commissionentry_month_role"),
        ]

    def __str__(self) -> str:
        return f"{self.staff} · {self.contract.number} · ¥{self.amount}"

    @property
    def is_void(self) -> bool:
        return bool(self.void_reason)


class CommissionMonth(models.Model):
    """A ledger month marked paid with salary (by HR or the GM). Lines of a paid month never
    change; a later void becomes an adjustment in the next unpaid month (COM-4)."""

    month = models.DateField(_("month"), unique=True)
    paid_at = models.DateTimeField(_("paid at"))
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked paid by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("paid commission month")
        verbose_name_plural = _("paid commission months")
        ordering = ["-month"]
        permissions = [("mark_commission_paid", _("Can mark a commission month paid"))]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"
