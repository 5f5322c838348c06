"""The outbox of outbound events and their deliveries (SEC-9), and the targets they go to.

An `OutboundEvent` is written by a service inside its own transaction; after commit it is fanned
out into one `Delivery` per matching active target, and each delivery is sent (and retried) from
its row, so a broker or receiver outage loses nothing.
"""

import uuid

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    LEAD_CREATED = "lead.created", _("Lead registered")
    LEAD_DISPATCHED = "lead.dispatched", _("Lead dispatched")
    LEAD_MEASURED = "lead.measured", _("Lead measured")
    LEAD_SIGNED = "lead.signed", _("Contract signed")
    LEAD_CLOSED = "lead.closed", _("Lead closed")
    COMPLAINT_REGISTERED = "complaint.registered", _("Complaint registered")
    COMPLAINT_CLOSED = "complaint.closed", _("Complaint closed")
    COMPLAINT_OVERDUE = "complaint.overdue", _("Complaint step overdue")
    LEAVE_PENDING = "leave.pending", _("Leave waiting for approval")


class RobotKind(models.TextChoices):
    WECOM = "WECOM", _("WeCom group robot (企业微信)")
    DINGTALK = "DINGTALK", _("DingTalk custom robot (钉钉)")


class DeliveryStatus(models.TextChoices):
    PENDING = "PENDING", _("Pending")
    DELIVERED = "DELIVERED", _("Delivered")
    FAILED = "FAILED", _("Given up")


class Target(models.Model):
    """What a subscription and a robot channel share: a name, the event kinds, on or off."""

    name = models.CharField(_("name"), max_length=100)
    event_kinds = models.JSONField(
        _("event kinds"), default=list, blank=True, help_text=_("The events sent here.")
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name


class WebhookSubscription(Target):
    """Another system (the ERP, a BI tool) that receives signed JSON events."""

    url = models.URLField(_("URL"), max_length=500)
    secret = models.CharField(
        _("signing secret"),
        max_length=200,
        help_text=_("Shared with the receiver, which checks the X-Frontoffice-Signature header."),
    )
    trusted = models.BooleanField(
        _("trusted"),
        default=False,
        help_text=_("Trusted receivers get customers' full phone numbers; others get them masked."),
    )

    class Meta:
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")
        ordering = ["name"]


class RobotChannel(Target):
    """A 企业微信 or 钉钉 group robot: short Chinese markdown, customer phones always masked."""

    kind = models.CharField(_("robot"), max_length=10, choices=RobotKind.choices)
    webhook_url = models.URLField(_("robot webhook URL"), max_length=500)
    secret = models.CharField(
        _("signing secret"),
        max_length=200,
        blank=True,
        help_text=_("DingTalk's 加签 secret (SEC…); leave blank for WeCom."),
    )

    class Meta:
        verbose_name = _("robot channel")
        verbose_name_plural = _("robot channels")
        ordering = ["name"]


class OutboundEvent(models.Model):
    """One thing that happened, recorded in the transaction that made it happen (the outbox row).

    `payload` holds the full data, customer phones included; they are masked per target when a
    delivery is sent (robots and untrusted subscriptions)."""

    event_id = models.UUIDField(_("event id"), default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices)
    payload = models.JSONField(_("payload"), encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(_("occurred at"), auto_now_add=True)
    fanned_out_at = models.DateTimeField(_("fanned out at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outbound event")
        verbose_name_plural = _("outbound events")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(fanned_out_at__isnull=True),
                name="outboundevent_unfanned",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} · {self.event_id}"


class Delivery(models.Model):
    """One event to one target, sent and retried from this row (at least once)."""

    event = models.ForeignKey(
        OutboundEvent,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    subscription = models.ForeignKey(
        WebhookSubscription,
        verbose_name=_("webhook subscription"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deliveries",
    )
    robot = models.ForeignKey(
        RobotChannel,
        verbose_name=_("robot channel"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deliveries",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(
        _("last status code"), null=True, blank=True
    )
    last_response = models.CharField(_("last response"), max_length=500, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(subscription__isnull=True, robot__isnull=False)
                | Q(subscription__isnull=False, robot__isnull=True),
                name="delivery_one_target",
            ),
            # Fan-out may run twice (on-commit task and periodic job): one row per target.
            models.UniqueConstraint(
                fields=["event", "subscription"],
                condition=Q(subscription__isnull=False),
                name="delivery_event_subscription",
            ),
            models.UniqueConstraint(
                fields=["event", "robot"],
                condition=Q(robot__isnull=False),
                name="delivery_event_robot",
            ),
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=Q(status="PENDING"),
                name="delivery_pending_due",
            )
        ]

    def __str__(self) -> str:
        return f"{self.event.kind} → {self.target}"

    @property
    def target(self) -> WebhookSubscription | RobotChannel | None:
        return self.subscription or self.robot
