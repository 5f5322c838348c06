"""Lists and their files: the export log, the import column presets, saved views."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .people import Staff


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
