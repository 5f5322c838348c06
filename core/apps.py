from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Installed only so its templates and template tags are found; it has no models."""

    name = "core"
    verbose_name = _("Shared core")
