"""Leave requests and their level-by-level approvals (ATT-4, ATT-5)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from attendance.rules.leave import LeaveType

STAFF = settings.AUTH_USER_MODEL


# ------------------------------------------------------------------------------------------------
# ATT-4, ATT-5: leave and its approval chain
# ------------------------------------------------------------------------------------------------
LEAVE_TYPE_LABELS = {
    LeaveType.SICK: _("Sick leave"),
    LeaveType.PERSONAL: _("Personal leave"),
    LeaveType.SPECIAL_PERSONAL: _("Special personal leave"),
}
LEAVE_TYPE_CHOICES = [(code.value, label) for code, label in LEAVE_TYPE_LABELS.items()]


class LeaveStatus(models.TextChoices):
    PENDING = "PENDING", _("Awaiting approval")
    APPROVED = "APPROVED", _("Approved")
    REJECTED = "REJECTED", _("Rejected")
    CANCELLED = "CANCELLED", _("Cancelled")


STATUS_TONES = {"PENDING": "warning", "APPROVED": "success", "REJECTED": "danger"}


class DayPortion(models.TextChoices):
    FULL = "FULL", _("Full days")
    MORNING = "MORNING", _("Morning only")
    AFTERNOON = "AFTERNOON", _("Afternoon only")


class LeaveRequest(models.Model):
    """A leave request; `approvals` holds the chain fixed when it was filed, one row per level."""

    staff = models.ForeignKey(
        STAFF, verbose_name=_("employee"), on_delete=models.PROTECT, related_name="leave_requests"
    )
    filed_by = models.ForeignKey(
        STAFF, verbose_name=_("filed by"), on_delete=models.PROTECT, related_name="+"
    )
    leave_type = models.CharField(
        _("leave type"),
        max_length=20,
        choices=LEAVE_TYPE_CHOICES,
    )
    start_day = models.DateField(_("first day"))
    end_day = models.DateField(_("last day"))
    portion = models.CharField(
        _("part of the day"), max_length=10, choices=DayPortion.choices, default=DayPortion.FULL
    )
    days = models.DecimalField(_("working days"), max_digits=5, decimal_places=1)
    reason = models.CharField(_("reason"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=LeaveStatus.choices, default=LeaveStatus.PENDING
    )
    late_notice = models.BooleanField(_("filed late"), default=False)
    created_at = models.DateTimeField(_("filed at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("leave request")
        verbose_name_plural = _("leave requests")
        ordering = ["-start_day", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_day__gte=models.F("start_day")),
                name="leave_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=models.Q(days__gt=0), name="leave_lasts_more_than_zero"
            ),
            models.CheckConstraint(
                condition=models.Q(portion="FULL") | models.Q(start_day=models.F("end_day")),
                name="leave_half_day_is_one_day",
            ),
        ]
        indexes = [
            # staff_on_leave(day) and the department calendar: status + date range.
            models.Index(fields=["status", "start_day", "end_day"], name="leave_status_dates"),
            # "My requests".
            models.Index(fields=["staff", "-start_day"], name="leave_staff_start"),
        ]

    def __str__(self) -> str:
        return _("%(name)s, %(type)s, %(start)s – %(end)s") % {
            "name": self.staff.get_full_name(),
            "type": self.get_leave_type_display(),
            "start": self.start_day,
            "end": self.end_day,
        }

    def get_absolute_url(self) -> str:
        return reverse("attendance:leave-detail", args=[self.pk])

    @property
    def is_pending(self) -> bool:
        return self.status == LeaveStatus.PENDING

    @property
    def is_half_day(self) -> bool:
        return self.portion != DayPortion.FULL

    @property
    def tone(self) -> str:
        """Bootstrap colour of the status badge."""
        return STATUS_TONES.get(self.status, "secondary")


class ApprovalDecision(models.TextChoices):
    APPROVED = "APPROVED", _("Approved")
    REJECTED = "REJECTED", _("Rejected")


class LeaveApproval(models.Model):
    """One level of a request's chain: who must decide, and what they decided."""

    request = models.ForeignKey(
        LeaveRequest,
        verbose_name=_("leave request"),
        on_delete=models.CASCADE,
        related_name="approvals",
    )
    level = models.PositiveSmallIntegerField(_("level"))
    approver = models.ForeignKey(
        STAFF, verbose_name=_("approver"), on_delete=models.PROTECT, related_name="+"
    )
    # Who clicked: the approver, or a delegate signing for them (工作联络单, staff.Delegation).
    decided_by = models.ForeignKey(
        STAFF,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decision = models.CharField(
        _("decision"), max_length=10, choices=ApprovalDecision.choices, blank=True
    )
    comment = models.CharField(_("comment"), max_length=300, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("leave approval")
        verbose_name_plural = _("leave approvals")
        ordering = ["request", "level"]
        constraints = [
            models.UniqueConstraint(fields=["request", "level"], name="approval_one_per_level"),
            models.UniqueConstraint(
                fields=["request", "approver"], name="approval_one_per_approver"
            ),
        ]
        indexes = [
            # "Awaiting my approval": undecided rows for an approver.
            models.Index(fields=["approver", "decision"], name="approval_approver_open"),
        ]

    def __str__(self) -> str:
        return f"{self.request_id} L{self.level} {self.approver_id} {self.decision}"


# ------------------------------------------------------------------------------------------------
# ATT-6: business outings and the front-desk register
# ------------------------------------------------------------------------------------------------
class OutingStatus(models.TextChoices):
    PENDING = "PENDING", _("Awaiting approval")
    APPROVED = "APPROVED", _("Approved")
    REJECTED = "REJECTED", _("Rejected")
    CANCELLED = "CANCELLED", _("Cancelled")


class BusinessOuting(models.Model):
    """A business outing (外出): the supervisor approves, the front desk records out and back."""

    staff = models.ForeignKey(
        STAFF, verbose_name=_("employee"), on_delete=models.PROTECT, related_name="outings"
    )
    day = models.DateField(_("date"))
    planned_out = models.TimeField(_("planned departure"))
    planned_back = models.TimeField(_("planned return"))
    destination = models.CharField(_("destination"), max_length=120)
    purpose = models.CharField(_("purpose"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=OutingStatus.choices, default=OutingStatus.PENDING
    )
    approver = models.ForeignKey(
        STAFF,
        verbose_name=_("approver"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_comment = models.CharField(_("comment"), max_length=300, blank=True)
    out_at = models.DateTimeField(_("left at"), null=True, blank=True)
    back_at = models.DateTimeField(_("back at"), null=True, blank=True)
    registered_by = models.ForeignKey(
        STAFF,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("business outing")
        verbose_name_plural = _("business outings")
        ordering = ["-day", "planned_out", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned_out__lt=models.F("planned_back")),
                name="outing_out_before_back",
            ),
            models.CheckConstraint(
                condition=models.Q(back_at__isnull=True)
                | models.Q(out_at__isnull=False, back_at__gt=models.F("out_at")),
                name="outing_back_after_out",
            ),
        ]
        indexes = [
            # The front-desk register: a day's outings by status.
            models.Index(fields=["day", "status"], name="outing_day_status"),
            # "Awaiting my approval" and "my outings".
            models.Index(fields=["approver", "status"], name="outing_approver_status"),
            models.Index(fields=["staff", "-day"], name="outing_staff_day"),
        ]

    def __str__(self) -> str:
        return _("%(name)s to %(place)s on %(day)s") % {
            "name": self.staff.get_full_name(),
            "place": self.destination,
            "day": self.day,
        }

    @property
    def is_out(self) -> bool:
        return self.out_at is not None and self.back_at is None

    @property
    def is_pending(self) -> bool:
        return self.status == OutingStatus.PENDING

    @property
    def can_be_cancelled(self) -> bool:
        open_states = (OutingStatus.PENDING, OutingStatus.APPROVED)
        return self.status in open_states and self.out_at is None

    @property
    def tone(self) -> str:
        return STATUS_TONES.get(self.status, "secondary")
