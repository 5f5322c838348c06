from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """The top floor: reads every app below it, and no product app imports it."""

    name = "reports"
    verbose_name = _("Reports")
