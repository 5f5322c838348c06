"""Staff, their roles, departments and designer tiers, and delegations (工作联络单)."""

from decimal import Decimal

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.collation import Pinyin


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
        indexes = [
            # The staff directory sorted by name, in pinyin order (core.collation).
            models.Index(Pinyin("name"), models.F("employee_no"), name="staff_name_pinyin"),
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
        """Role codes from the user's groups, read once per object: from prefetched groups
        when a list prefetched them, else together with the permissions (`load_access`)."""
        cached = getattr(self, "_role_codes", None)
        if cached is None:
            if "groups" in getattr(self, "_prefetched_objects_cache", {}):
                cached = frozenset(group.name for group in self.groups.all())
            else:
                cached = self.load_access()
            self._role_codes = cached
        return cached

    def load_access(self) -> frozenset[str]:
        """Read this person's role groups and permissions in one query, and cache both on the
        object: the roles for `role_codes`, the permissions where Django's permission checks
        look for them (`_perm_cache`, see staff.backends). Returns the role codes.

        Every page checks permissions and reads the roles for the menu; Django's own backend
        spends three queries on that (direct permissions, group permissions, groups)."""
        from django.contrib.auth.models import Group, Permission

        code = ("content_type__app_label", "codename")
        groups = (
            Group.objects.filter(user=self)
            .order_by()
            .values_list("name", *(f"permissions__{field}" for field in code))
        )
        direct = (
            Permission.objects.filter(user=self)
            .order_by()
            .values_list(models.Value("", output_field=models.CharField()), *code)
        )
        roles, perms = set(), set()
        for group, app_label, codename in groups.union(direct, all=True):
            if group:
                roles.add(group)
            if codename:
                perms.add(f"{app_label}.{codename}")
        if self.is_superuser:
            perms = {f"{a}.{c}" for a, c in Permission.objects.values_list(*code)}
        self._role_codes = frozenset(roles)
        self._perm_cache = perms
        return self._role_codes

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
