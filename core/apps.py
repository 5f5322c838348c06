from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Installed so its templates and tags are found; its models are abstract (no tables)."""

    name = "core"
    verbose_name = _("Shared core")

    def ready(self) -> None:
        from . import collation  # noqa: F401 - registers the pinyin collation's database check
