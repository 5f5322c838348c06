"""Shift handover notes (交接班, FD-6): what the next shift must know, in the source's headings."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Shift(models.TextChoices):
    MORNING = "MORNING", _("Morning shift")
    EVENING = "EVENING", _("Evening shift")
    DAY = "DAY", _("Day shift")


class HandoverNote(models.Model):
    """A shift's handover: business changes, superiors' notices, customers' suggestions,
    complaints in progress, equipment changes (客服部会议制度 1)."""

    shift_date = models.DateField(_("date"))
    shift = models.CharField(_("shift"), max_length=10, choices=Shift.choices)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    written_at = models.DateTimeField(_("written at"), auto_now_add=True)
    business_changes = models.TextField(_("business changes"), blank=True)
    notices = models.TextField(_("notices from superiors"), blank=True)
    customer_suggestions = models.TextField(_("customers' suggestions"), blank=True)
    complaints = models.TextField(_("complaints in progress"), blank=True)
    equipment = models.TextField(_("equipment changes"), blank=True)
    other = models.TextField(_("other"), blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("taken over by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    acknowledged_at = models.DateTimeField(_("taken over at"), null=True, blank=True)

    class Meta:
        verbose_name = _("shift handover note")
        verbose_name_plural = _("shift handover notes")
        ordering = ["-written_at", "-id"]
        indexes = [
            models.Index(fields=["-written_at"], name="handover_written"),
            # The notes sorted by the shift's date (a note may be written after its shift).
            models.Index(fields=["shift_date", "written_at"], name="handover_date_written"),
        ]

    def __str__(self) -> str:
        return f"{self.shift_date} {self.get_shift_display()} · {self.written_by}"

    SECTIONS = (
        "business_changes",
        "notices",
        "customer_suggestions",
        "complaints",
        "equipment",
        "other",
    )

    @property
    def sections(self) -> list[tuple[str, str]]:
        """(heading, text) of the sections written, in order."""
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in self.SECTIONS
            if getattr(self, name).strip()
        ]

    @property
    def is_acknowledged(self) -> bool:
        return self.acknowledged_at is not None
