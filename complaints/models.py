"""Complaints (投诉): the register (客户投诉登记表) and its handling form (投诉处理表).

One row is both documents: the register entry and the handling form share the number (CMP-3), so
"one handling form per complaint" holds by construction. Every change goes through
complaints.services and is kept in the history (SEC-3).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from staff.models import Department

from .rules import Channel as RuleChannel
from .rules import ComplaintStatus as RuleStatus
from .rules import FollowUpMethod as RuleFollowUpMethod
from .rules import Severity as RuleSeverity


class ComplaintStatus(models.TextChoices):
    REGISTERED = RuleStatus.REGISTERED, _("Registered")
    INVESTIGATED = RuleStatus.INVESTIGATED, _("Investigated")
    DECIDED = RuleStatus.DECIDED, _("Decided")
    HANDLED = RuleStatus.HANDLED, _("Handled")
    REPLIED = RuleStatus.REPLIED, _("Replied")
    CLOSED = RuleStatus.CLOSED, _("Closed")


class Channel(models.TextChoices):
    LETTER = RuleChannel.LETTER, _("Letter")
    PHONE = RuleChannel.PHONE, _("Phone")
    FAX = RuleChannel.FAX, _("Fax")
    IN_PERSON = RuleChannel.IN_PERSON, _("In person")
    ONLINE = RuleChannel.ONLINE, _("Online")


class Severity(models.TextChoices):
    MINOR = RuleSeverity.MINOR, _("Minor")
    MAJOR = RuleSeverity.MAJOR, _("Major")


class FollowUpMethod(models.TextChoices):
    PHONE = RuleFollowUpMethod.PHONE, _("By phone")
    ON_SITE = RuleFollowUpMethod.ON_SITE, _("On site")


class ComplaintEvent(models.TextChoices):
    """Why a history row was written: the step taken (kept as the history's change reason)."""

    REGISTERED = "REGISTERED", _("Registered")
    INVESTIGATED = "INVESTIGATED", _("Investigation recorded")
    DECIDED = "DECIDED", _("Decision made")
    HANDLED = "HANDLED", _("Handling recorded")
    REPLIED = "REPLIED", _("Reply to the customer recorded")
    FOLLOWED_UP = "FOLLOWED_UP", _("Follow-up visit recorded")
    CLOSED = "CLOSED", _("Closed and reported to the general manager")
    IMPORTED = "IMPORTED", _("Imported from the historical register")


# What a complaint in each status waits for (the page's "next step", the escalation text).
NEXT_STEP_LABELS = {
    ComplaintStatus.REGISTERED: _("the investigation"),
    ComplaintStatus.INVESTIGATED: _("the decision"),
    ComplaintStatus.DECIDED: _("the handling"),
    ComplaintStatus.HANDLED: _("the reply to the customer"),
    ComplaintStatus.REPLIED: _("the follow-up visit and closing"),
}

# Bootstrap colours of the status badges on the register and the complaint page.
STATUS_BADGES = {
    ComplaintStatus.REGISTERED: "secondary",
    ComplaintStatus.INVESTIGATED: "info",
    ComplaintStatus.DECIDED: "primary",
    ComplaintStatus.HANDLED: "warning",
    ComplaintStatus.REPLIED: "success",
    ComplaintStatus.CLOSED: "dark",
}

# Statuses that have a configurable deadline for the step after them (REGISTERED follows CMP-4).
DEADLINE_STATUSES = [
    (ComplaintStatus.INVESTIGATED.value, ComplaintStatus.INVESTIGATED.label),
    (ComplaintStatus.DECIDED.value, ComplaintStatus.DECIDED.label),
    (ComplaintStatus.HANDLED.value, ComplaintStatus.HANDLED.label),
    (ComplaintStatus.REPLIED.value, ComplaintStatus.REPLIED.label),
]


class ComplaintCategory(models.Model):
    """What a complaint is about (design, construction quality, delay …); managers edit the list."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    position = models.PositiveSmallIntegerField(_("position in lists"), default=0)
    is_active = models.BooleanField(
        _("in use"), default=True, help_text=_("Unused categories stay on old complaints.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("complaint category")
        verbose_name_plural = _("complaint categories")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class StepDeadline(models.Model):
    """How long a complaint may stay in a status before the next step is overdue (CMP-5)."""

    status = models.CharField(_("status"), max_length=12, choices=DEADLINE_STATUSES, unique=True)
    hours = models.PositiveIntegerField(
        _("hours allowed"),
        help_text=_("After this many hours in this status the next step is overdue and escalated."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("step deadline")
        verbose_name_plural = _("step deadlines")
        ordering = ["status"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gte=1), name="stepdeadline_hours_positive"),
        ]

    def __str__(self) -> str:
        return _("%(status)s: next step within %(hours)s hours") % {
            "status": self.get_status_display(),
            "hours": self.hours,
        }


class ComplaintCounter(models.Model):
    """The last number given out in a year; locked while a complaint is registered (CMP-2)."""

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    last_seq = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("complaint number counter")
        verbose_name_plural = _("complaint number counters")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_seq}"


class Complaint(models.Model):
    """One complaint: the register entry and its handling form, with the same number (CMP-3)."""

    # ---- register (客户投诉登记表), CMP-1/CMP-2
    number = models.CharField(_("number"), max_length=20, unique=True, editable=False)
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    seq = models.PositiveIntegerField(_("number in the year"), editable=False)
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    received_at = models.DateTimeField(_("received at"))
    customer_name = models.CharField(_("customer name"), max_length=50)
    phone = models.CharField(
        _("phone"),
        max_length=24,
        blank=True,
        help_text=_("Normalized: 13812345678 or 010-62345678"),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    lead = models.ForeignKey(
        "leads.Lead",
        verbose_name=_("lead"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
    )
    document_ref = models.CharField(
        _("document reference"),
        max_length=100,
        blank=True,
        help_text=_("Contract number, letter reference or order the complaint is about."),
    )
    category = models.ForeignKey(
        ComplaintCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    severity = models.CharField(_("severity"), max_length=8, choices=Severity.choices)
    summary = models.TextField(_("complaint"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="complaints_registered",
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    # ---- workflow (CMP-7)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ComplaintStatus.choices,
        default=ComplaintStatus.REGISTERED,
    )
    status_changed_at = models.DateTimeField(_("in this status since"))
    investigation_due_at = models.DateTimeField(_("investigation due"))

    # ---- handling form (投诉处理表): investigation, CMP-4
    findings = models.TextField(_("investigation findings"), blank=True)
    proposal = models.TextField(_("proposal"), blank=True)
    investigated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("investigated by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    investigated_at = models.DateTimeField(_("investigated at"), null=True, blank=True)

    # ---- the department manager's decision, CMP-5
    handling_method = models.TextField(_("handling method"), blank=True)
    responsible_department = models.CharField(
        _("responsible department"), max_length=20, choices=Department.choices, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    # ---- handling by the responsible department
    handling_record = models.TextField(_("handling record"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)

    # ---- reply to the customer (件件有回音)
    reply_channel = models.CharField(
        _("reply channel"), max_length=12, choices=Channel.choices, blank=True
    )
    reply_text = models.TextField(_("reply to the customer"), blank=True)
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("replied by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    # ---- follow-up visit, CMP-6
    follow_up_method = models.CharField(
        _("follow-up method"), max_length=8, choices=FollowUpMethod.choices, blank=True
    )
    follow_up_at = models.DateTimeField(_("follow-up visit at"), null=True, blank=True)
    follow_up_outcome = models.TextField(_("follow-up outcome"), blank=True)
    satisfaction = models.PositiveSmallIntegerField(_("satisfaction (1–5)"), null=True, blank=True)
    followed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("followed up by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    # ---- report to the general manager and closing
    gm_report = models.TextField(_("report to the general manager"), blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-year", "-seq"]
        permissions = [
            ("register_complaint", _("Can register complaints")),
            ("view_register", _("Can see the whole complaint register")),
            ("view_complainant_phone", _("Can see complainants' full phone numbers")),
            ("export_complaints", _("Can export the complaint register")),
            ("import_complaints", _("Can import historical complaints")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["year", "seq"], name="complaint_year_seq_unique"),
            models.CheckConstraint(condition=Q(seq__gte=1), name="complaint_seq_positive"),
            # CMP-7 at the database level: never closed without a reply.
            models.CheckConstraint(
                condition=~Q(status=ComplaintStatus.CLOSED) | ~Q(reply_text=""),
                name="complaint_closed_has_reply",
            ),
            models.CheckConstraint(
                condition=Q(satisfaction__isnull=True)
                | Q(satisfaction__gte=1, satisfaction__lte=5),
                name="complaint_satisfaction_1_to_5",
            ),
        ]
        indexes = [
            # Register filters: status, category, department, date range; overdue by status.
            models.Index(fields=["status", "-received_at"], name="complaint_status_received"),
            models.Index(fields=["category", "-received_at"], name="complaint_category_received"),
            models.Index(
                fields=["responsible_department", "status"], name="complaint_department_status"
            ),
            models.Index(fields=["-received_at"], name="complaint_received"),
            # Overdue: REGISTERED by investigation due time, later steps by time in the status.
            models.Index(fields=["status", "investigation_due_at"], name="complaint_status_due"),
            models.Index(fields=["status", "status_changed_at"], name="complaint_status_since"),
            # Search by phone, and linking a new complaint to the customer's other complaints.
            models.Index(fields=["phone"], name="complaint_phone"),
            # The GM's month card: complaints closed since a cut-off (still open then).
            models.Index(fields=["closed_at"], name="complaint_closed_at"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.customer_name}"

    def get_absolute_url(self) -> str:
        return reverse("complaints:detail", args=[self.pk])

    @property
    def is_major(self) -> bool:
        return self.severity == Severity.MAJOR

    @property
    def is_closed(self) -> bool:
        return self.status == ComplaintStatus.CLOSED

    def is_responsible(self, staff) -> bool:
        """Whether `staff` works in the department responsible for handling it (CMP-5)."""
        return bool(self.responsible_department) and staff.department == self.responsible_department

    @property
    def status_badge_class(self) -> str:
        return STATUS_BADGES.get(self.status, "secondary")

    @property
    def next_step_label(self) -> str:
        return str(NEXT_STEP_LABELS.get(self.status, ""))

    @property
    def has_reply(self) -> bool:
        return bool(self.reply_text.strip())

    @property
    def has_follow_up(self) -> bool:
        return self.follow_up_at is not None


class Escalation(models.Model):
    """A late step flagged to the department manager; at most once per complaint and status."""

    complaint = models.ForeignKey(
        Complaint,
        verbose_name=_("complaint"),
        on_delete=models.CASCADE,
        related_name="escalations",
    )
    status = models.CharField(_("late in status"), max_length=12, choices=ComplaintStatus.choices)
    due_at = models.DateTimeField(_("was due at"))
    escalated_at = models.DateTimeField(_("escalated at"))

    class Meta:
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        ordering = ["-escalated_at"]
        constraints = [
            # Idempotent escalation: the same late step is flagged (and notified) once.
            models.UniqueConstraint(
                fields=["complaint", "status"], name="escalation_once_per_step"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.complaint.number} · {self.get_status_display()}"

    @property
    def is_investigation(self) -> bool:
        return self.status == ComplaintStatus.REGISTERED
