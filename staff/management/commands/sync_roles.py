from django.core.management.base import BaseCommand

from staff.roles import sync_role_permissions


class Command(BaseCommand):
    help = "Set every role group's permissions to the table declared in the apps' roles.py."

    def handle(self, *args, **options) -> None:
        sync_role_permissions()
        self.stdout.write("Role permissions synced.")
