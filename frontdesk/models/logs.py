"""The front desk's reception log (FD-1) and phone consultation log (FD-2).

An entry for a customer is tied to their lead; the lead itself is made only by the leads intake
service (LEAD-1, LEAD-2), never here.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.collation import Pinyin
from core.models import RecordedBy


class VisitPurpose(models.TextChoices):
    NEW_CUSTOMER = "NEW_CUSTOMER", _("New customer")
    EXISTING_CUSTOMER = "EXISTING_CUSTOMER", _("Existing customer")
    MANAGEMENT = "MANAGEMENT", _("Visitor for the management")
    VISIT_STAFF = "VISIT_STAFF", _("Visitor for a member of staff")
    DELIVERY = "DELIVERY", _("Delivery or post")
    OTHER = "OTHER", _("Other")


class CallTopic(models.TextChoices):
    NEW_ENQUIRY = "NEW_ENQUIRY", _("New customer enquiry")
    EXISTING_CUSTOMER = "EXISTING_CUSTOMER", _("Existing customer")
    COMPLAINT = "COMPLAINT", _("Complaint")
    MESSAGE = "MESSAGE", _("Message for a colleague")
    OTHER = "OTHER", _("Other")


class LeadLink(models.TextChoices):
    """What the entry did to the customer's lead."""

    NONE = "", _("No lead")
    CREATED = "CREATED", _("Lead created")
    ATTACHED = "ATTACHED", _("Attached to the existing lead")
    VISIT = "VISIT", _("Visit recorded on the lead")
    NOTED = "NOTED", _("Noted on the lead")


def _staff(verbose_name: str, *, optional: bool = False) -> models.ForeignKey:
    """A member of staff on a log entry; the log never reaches back from the person."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        null=optional,
        blank=optional,
        related_name="+",
    )


def _lead(related_name: str) -> models.ForeignKey:
    """The customer's lead the entry was tied to, if any (made only by leads intake)."""
    return models.ForeignKey(
        "leads.Lead",
        verbose_name=_("lead"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name=related_name,
    )


class DeskLogEntry(models.Model):
    """What the reception and phone logs share: the customer's phone, what the entry did to
    their lead, and when it was written."""

    phone = models.CharField(_("phone"), max_length=24, blank=True)
    lead_link = models.CharField(
        _("lead"), max_length=10, choices=LeadLink.choices, blank=True, default=LeadLink.NONE
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        abstract = True

    @property
    def lead_created(self) -> bool:
        return self.lead_link == LeadLink.CREATED


class ReceptionEntry(DeskLogEntry, RecordedBy):
    """来访登记: who came, why, when, and who received them (FD-1)."""

    arrived_at = models.DateTimeField(_("arrived at"))
    visitor_name = models.CharField(_("visitor"), max_length=50)
    purpose = models.CharField(_("purpose"), max_length=20, choices=VisitPurpose.choices)
    receiver = _staff(_("received by"), optional=True)
    notes = models.TextField(_("notes"), blank=True)
    lead = _lead("reception_entries")

    class Meta:
        verbose_name = _("reception log entry")
        verbose_name_plural = _("reception log")
        ordering = ["-arrived_at", "-id"]
        indexes = [
            # The log by day, newest first; the filter by purpose.
            models.Index(fields=["-arrived_at"], name="reception_arrived"),
            models.Index(fields=["purpose", "-arrived_at"], name="reception_purpose_arrived"),
            models.Index(fields=["phone"], name="reception_phone"),
            # The log sorted by visitor, in pinyin order (core.collation).
            models.Index(Pinyin("visitor_name"), models.F("id"), name="reception_visitor_pinyin"),
        ]

    def __str__(self) -> str:
        return f"{timezone.localtime(self.arrived_at):%Y-%m-%d %H:%M} {self.visitor_name}"


class PhoneConsultation(DeskLogEntry):
    """电话咨询记录: who called, about what, what they were told (FD-2)."""

    called_at = models.DateTimeField(_("call time"))
    caller_name = models.CharField(_("caller"), max_length=50)
    topic = models.CharField(_("topic"), max_length=20, choices=CallTopic.choices)
    summary = models.TextField(_("what was asked and answered"))
    message_for = _staff(_("message for"), optional=True)
    lead = _lead("phone_consultations")
    answered_by = _staff(_("answered by"))

    class Meta:
        verbose_name = _("phone consultation")
        verbose_name_plural = _("phone consultation log")
        ordering = ["-called_at", "-id"]
        indexes = [
            models.Index(fields=["-called_at"], name="phonelog_called"),
            models.Index(fields=["topic", "-called_at"], name="phonelog_topic_called"),
            models.Index(fields=["phone"], name="phonelog_phone"),
            # The log sorted by caller, in pinyin order (core.collation).
            models.Index(Pinyin("caller_name"), models.F("id"), name="phonelog_caller_pinyin"),
        ]

    def __str__(self) -> str:
        return f"{timezone.localtime(self.called_at):%Y-%m-%d %H:%M} {self.caller_name}"
