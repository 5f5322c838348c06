from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("Complaints")

    def ready(self) -> None:
        from staff.roles import sync_after_migrate

        # staff syncs the role table after its own post_migrate, before this app's permissions
        # exist; sync again once they do (idempotent).
        post_migrate.connect(sync_after_migrate, sender=self, dispatch_uid="complaints-roles")
