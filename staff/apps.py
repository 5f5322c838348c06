from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    name = "staff"
    verbose_name = _("Staff")

    def ready(self) -> None:
        from . import roles

        # Permissions of every app exist only once post_migrate has reached the last app, so the
        # role → permission table is applied then (like Django's own create_permissions). It is
        # declarative configuration kept in each app's roles.py, not a business workflow.
        post_migrate.connect(roles.sync_after_migrate, dispatch_uid="staff-role-permissions")
