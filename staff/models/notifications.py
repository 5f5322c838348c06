"""In-app notifications and to-dos, and their e-mail (SEC-9)."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .people import Staff


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
            # The notification list: one person's, newest first (they pile up over the years).
            models.Index(fields=["recipient", "created_at"], name="notification_recipient_time"),
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
