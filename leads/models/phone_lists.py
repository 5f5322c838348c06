"""Marketing phone lists (小区电话资料, LEAD-5): numbers to call, marked visited or signed."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class PhoneList(models.Model):
    name = models.CharField(_("name"), max_length=100)
    community = models.CharField(_("community"), max_length=100, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("imported at"))

    class Meta:
        verbose_name = _("phone list")
        verbose_name_plural = _("phone lists")
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("leads:phone_list_detail", args=[self.pk])


class PhoneListEntry(models.Model):
    phone_list = models.ForeignKey(
        PhoneList, verbose_name=_("phone list"), on_delete=models.CASCADE, related_name="entries"
    )
    phone = models.CharField(_("phone"), max_length=24)
    customer_name = models.CharField(_("name"), max_length=50, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("phone list entry")
        verbose_name_plural = _("phone list entries")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["phone_list", "phone"], name="phonelistentry_once"),
        ]
        indexes = [
            # Marking: entries are matched against leads by phone.
            models.Index(fields=["phone"], name="phonelistentry_phone"),
        ]

    def __str__(self) -> str:
        return self.phone
