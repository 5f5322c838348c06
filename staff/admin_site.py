"""The admin site: for the administrator, and for other roles only what their tables open (SEC-5).

Installed in place of Django's default site (`staff.apps.FirmAdminConfig`), so `admin.site` and
`@admin.register` work as usual; every admin class registered on it is wrapped in the gates of
`staff.admin_access`.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .admin_access import ExportGate, ImportGate, RoleGatedAdmin, may_enter_admin
from .admin_imports import GuardedImportMixin


def gated(admin_class: type) -> type:
    """The admin class with the role gates in front of it (import and export gates if it has
    those actions; imports also get the upload limits and encodings of the app's own)."""
    bases: list[type] = [RoleGatedAdmin]
    if hasattr(admin_class, "has_import_permission"):
        bases += [ImportGate, GuardedImportMixin]
    if hasattr(admin_class, "has_export_permission"):
        bases.append(ExportGate)
    return type(admin_class.__name__, (*bases, admin_class), {"__module__": admin_class.__module__})


class FirmAdminSite(admin.AdminSite):
    site_header = site_title = _("Front office administration")

    def has_permission(self, request) -> bool:
        return may_enter_admin(request.user)

    def register(self, model_or_iterable, admin_class=None, **options) -> None:
        super().register(model_or_iterable, gated(admin_class or admin.ModelAdmin), **options)
