"""Document register (文件收发登记, FD-8): incoming and outgoing papers with a gapless serial
number per year and category, e.g. HT2026-0007."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class DocumentCategory(models.TextChoices):
    LETTER = "LETTER", _("Letter")
    FAX = "FAX", _("Fax")
    CONTRACT = "CONTRACT", _("Contract")
    NOTICE = "NOTICE", _("Notice")
    OTHER = "OTHER", _("Other")


# The letters in front of a category's numbers (信函 XH, 传真 CZ, 合同 HT, 通知 TZ, 其他 QT).
CATEGORY_PREFIXES = {
    DocumentCategory.LETTER: "XH",
    DocumentCategory.FAX: "CZ",
    DocumentCategory.CONTRACT: "HT",
    DocumentCategory.NOTICE: "TZ",
    DocumentCategory.OTHER: "QT",
}


class Direction(models.TextChoices):
    INCOMING = "INCOMING", _("Incoming")
    OUTGOING = "OUTGOING", _("Outgoing")


class DocumentCounter(models.Model):
    """The last serial given out in a year and category; locked while a document is registered."""

    year = models.PositiveSmallIntegerField(_("year"))
    category = models.CharField(_("category"), max_length=10, choices=DocumentCategory.choices)
    last_seq = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("document number counter")
        verbose_name_plural = _("document number counters")
        constraints = [
            models.UniqueConstraint(fields=["year", "category"], name="doccounter_year_category"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.category}: {self.last_seq}"


class Document(models.Model):
    """One incoming or outgoing document and where its paper is filed."""

    number = models.CharField(_("number"), max_length=20, unique=True, editable=False)
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    category = models.CharField(_("category"), max_length=10, choices=DocumentCategory.choices)
    seq = models.PositiveIntegerField(_("number in the year"), editable=False)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    document_date = models.DateField(_("date received or sent"))
    title = models.CharField(_("title"), max_length=200)
    sender = models.CharField(_("from"), max_length=100)
    recipient = models.CharField(_("to"), max_length=100)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handler"),
        on_delete=models.PROTECT,
        related_name="documents_handled",
    )
    filing_location = models.CharField(_("filed at"), max_length=100)
    summary = models.TextField(_("summary"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("registered document")
        verbose_name_plural = _("document register")
        ordering = ["-year", "category", "-seq"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "category", "seq"], name="document_year_category_seq"
            ),
            models.CheckConstraint(condition=models.Q(seq__gte=1), name="document_seq_positive"),
        ]
        indexes = [
            # The register's filters: category and year, direction, date; newest first.
            models.Index(fields=["category", "-document_date"], name="document_category_date"),
            models.Index(fields=["direction", "-document_date"], name="document_direction_date"),
            models.Index(fields=["-document_date", "-id"], name="document_date"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("frontdesk:document", args=[self.pk])
