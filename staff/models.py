"""Staff, their roles, delegations (工作联络单) and in-app notifications."""

from decimal import Decimal

from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
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


class EmailStatus(models.TextChoices):
    """A notification's e-mail (SEC-9): the row is the outbox and tasks deliver from it."""

    NONE = "", _("Not by e-mail")
    PENDING = "PENDING", _("E-mail pending")
    SENT = "SENT", _("E-mailed")
    FAILED = "FAILED", _("E-mail failed")


class Notification(models.Model):
    """An in-app message to one person; every feature notifies through staff.services.notify.

    When e-mail is on, the row also records its e-mail (SEC-9): pending until a task sends it,
    retried by a periodic job when the broker or the mail server was down."""

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
    email_status = models.CharField(
        _("e-mail"),
        max_length=10,
        choices=EmailStatus.choices,
        default=EmailStatus.NONE,
        blank=True,
    )
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(_("e-mail attempts"), default=0)
    email_error = models.CharField(_("e-mail error"), max_length=200, blank=True)
    # A to-do is tied to its object and the step it asks for; whoever completes the step marks
    # it done (staff.services.resolve_todos), so it leaves the bell and the home by itself.
    target_type = models.ForeignKey(
        ContentType,
        verbose_name=_("about (type)"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    target_id = models.PositiveBigIntegerField(_("about (id)"), null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    step = models.CharField(_("step"), max_length=40, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The bell: unread count per recipient.
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            # The outbox: the periodic job finds the few pending e-mails in a large table.
            models.Index(
                fields=["created_at"],
                condition=models.Q(email_status="PENDING"),
                name="notification_email_pending",
            ),
            # Resolving a step finds the open to-dos of one object.
            models.Index(
                fields=["target_type", "target_id", "step"],
                condition=models.Q(done_at__isnull=True),
                name="notification_open_todo",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def is_todo(self) -> bool:
        return bool(self.step)

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


# --- faults (过失单, FD-5) -----------------------------------------------------------------------


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


# --- requests for instructions (请示报告, REP-1) --------------------------------------------------


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


class ExportRecord(models.Model):
    """Who exported which personal data, when, with which filter and how many rows (SEC-2, SEC-6).

    One row per export, whether it starts on an app page or in the admin. The table keeps its
    first name (`leads_exportrecord`): the model moved here so every app, and the admin, log
    through one place.
    """

    by = models.ForeignKey(
        "staff.Staff",
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    what = models.CharField(_("what"), max_length=100)
    file_format = models.CharField(_("format"), max_length=10)
    row_count = models.PositiveIntegerField(_("rows"))
    filters = models.CharField(_("filters"), max_length=300, blank=True)

    class Meta:
        db_table = "leads_exportrecord"
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["by", "at"], name="exportrecord_by_at")]

    def __str__(self) -> str:
        return f"{self.what} · {self.at:%Y-%m-%d %H:%M}"


class ImportKind(models.TextChoices):
    CLOCK = "CLOCK", _("Time clock")
    CALLS = "CALLS", _("Phone-system calls")
    PHONE_LIST = "PHONE_LIST", _("Marketing phone list")


class ColumnPreset(models.Model):
    """The columns of a file a device or program writes, mapped to ours (issue 19).

    A new device's export is a new row here (admin), not new code: `mapping` is
    {"the file's column": "our column"}, e.g. {"考勤号码": "employee_no", "日期时间": "punch"};
    a column mapped to "" is ignored. `one_punch_per_row` files (ZKTeco) list every punch on its
    own row; the punches of a person's day become the clock-in (first) and clock-out (last).
    """

    name = models.CharField(_("preset name"), max_length=100, unique=True)
    kind = models.CharField(_("import kind"), max_length=20, choices=ImportKind.choices)
    mapping = models.JSONField(_("column mapping"), default=dict)
    date_format = models.CharField(
        _("date format"),
        max_length=40,
        blank=True,
        help_text=_("As Python writes it, e.g. %Y-%m-%d %H:%M:%S; empty for the usual formats."),
    )
    one_punch_per_row = models.BooleanField(_("one punch per row"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("column preset")
        verbose_name_plural = _("column presets")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


from .outbound import models as outbound_models  # noqa: E402, F401 - registers the outbox tables


class SavedView(models.Model):
    """A person's saved filters on a list ("我的视图"): the list's query string under a name.

    `list_key` names the list ("leads", "complaints"...); only the owner sees their views."""

    owner = models.ForeignKey(
        Staff, verbose_name=_("owner"), on_delete=models.CASCADE, related_name="saved_views"
    )
    list_key = models.CharField(_("list"), max_length=40)
    name = models.CharField(_("name"), max_length=60)
    query_string = models.CharField(_("filters"), max_length=1000, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("saved view")
        verbose_name_plural = _("saved views")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "list_key", "name"], name="savedview_owner_list_name"
            )
        ]

    def __str__(self) -> str:
        return self.name
