"""Staff, their roles, delegations (工作联络单) and in-app notifications."""

from decimal import Decimal

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Role(models.TextChoices):
    """Roles from DOMAIN.md; each is a Django group whose name is the code."""

    FRONT_DESK = "FRONT_DESK", _("Front desk clerk")
    CS_AGENT = "CS_AGENT", _("Customer-service agent")
    CUSTOMER_MANAGER = "CUSTOMER_MANAGER", _("Customer manager")
    DESIGNER = "DESIGNER", _("Designer")
    DESIGN_MANAGER = "DESIGN_MANAGER", _("Design department manager")
    STORE_MANAGER = "STORE_MANAGER", _("Store manager")
    MARKETING_SALES = "MARKETING_SALES", _("Marketing salesperson")
    MARKETING_MANAGER = "MARKETING_MANAGER", _("Marketing manager")
    ENGINEERING = "ENGINEERING", _("Engineering staff")
    HR = "HR", _("Human resources")
    GM = "GM", _("General manager")


class Department(models.TextChoices):
    CUSTOMER_SERVICE = "CUSTOMER_SERVICE", _("Customer service")
    DESIGN = "DESIGN", _("Design")
    MARKETING = "MARKETING", _("Marketing")
    ENGINEERING = "ENGINEERING", _("Engineering")
    STORE = "STORE", _("Store")
    HR = "HR", _("Human resources")
    GM_OFFICE = "GM_OFFICE", _("General manager's office")


class DesignerTier(models.TextChoices):
    """Designer tiers, lowest first (the order matters for display)."""

    DESIGNER = "DESIGNER", _("Designer")
    DEPUTY_DIRECTOR = "DEPUTY_DIRECTOR", _("Deputy director designer")
    DIRECTOR = "DIRECTOR", _("Director designer")
    CHIEF = "CHIEF", _("Chief designer")


class StaffManager(UserManager):
    def with_roles(self) -> models.QuerySet:
        return self.get_queryset().prefetch_related("groups")


class Staff(AbstractUser):
    """A member of staff. Logs in with `username`; `employee_no` is the firm's own number."""

    employee_no = models.CharField(_("employee number"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=50)
    department = models.CharField(
        _("department"), max_length=20, choices=Department.choices, db_index=True
    )
    phone = models.CharField(_("phone"), max_length=24, blank=True)
    supervisor = models.ForeignKey(
        "self",
        verbose_name=_("direct supervisor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
    )
    base_salary = models.DecimalField(
        _("base monthly salary"),
        max_digits=9,
        decimal_places=0,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    designer_tier = models.CharField(
        _("designer tier"), max_length=20, choices=DesignerTier.choices, blank=True
    )

    history = HistoricalRecords()
    objects = StaffManager()

    REQUIRED_FIELDS = ["email", "employee_no", "name"]

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")
        ordering = ["employee_no"]
        permissions = [("export_staff", _("Can export the staff roster"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(base_salary__gte=0), name="staff_base_salary_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name or self.username} ({self.employee_no})"

    def get_full_name(self) -> str:
        return self.name or self.username

    def get_short_name(self) -> str:
        return self.name or self.username

    def get_absolute_url(self) -> str:
        return reverse("staff:detail", args=[self.pk])

    @property
    def role_codes(self) -> frozenset[str]:
        """Role codes from the user's groups, read once per object (prefetch-friendly)."""
        cached = getattr(self, "_role_codes", None)
        if cached is None:
            cached = frozenset(group.name for group in self.groups.all())
            self._role_codes = cached
        return cached

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_codes.intersection(roles))

    @property
    def role_labels(self) -> list[str]:
        return [str(Role(code).label) for code in sorted(self.role_codes) if code in Role.values]


class Delegation(models.Model):
    """A manager away for some days names a delegate who signs for them (SLIP-4, 工作联络单)."""

    principal = models.ForeignKey(
        Staff,
        verbose_name=_("principal"),
        on_delete=models.PROTECT,
        related_name="delegations_given",
    )
    delegate = models.ForeignKey(
        Staff,
        verbose_name=_("delegate"),
        on_delete=models.PROTECT,
        related_name="delegations_received",
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    reason = models.CharField(_("reason"), max_length=200)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="delegation_end_after_start"
            ),
            models.CheckConstraint(
                condition=~models.Q(principal=models.F("delegate")),
                name="delegation_not_to_self",
            ),
        ]
        indexes = [
            # "Who may sign for whom today": filtered by delegate and date range.
            models.Index(fields=["delegate", "start", "end"], name="delegation_delegate_dates"),
        ]

    def __str__(self) -> str:
        return _("%(delegate)s for %(principal)s, %(start)s – %(end)s") % {
            "delegate": self.delegate.get_full_name(),
            "principal": self.principal.get_full_name(),
            "start": self.start,
            "end": self.end,
        }


class Notification(models.Model):
    """An in-app message to one person; every feature notifies through staff.services.notify."""

    recipient = models.ForeignKey(
        Staff,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    text = models.CharField(_("text"), max_length=300)
    link = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The bell: unread count per recipient.
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
