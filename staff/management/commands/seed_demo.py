"""Fill the database with a realistic demo firm. Safe to run again: existing rows are kept."""

from django.core.management.base import BaseCommand

from core.discovery import app_modules


class Command(BaseCommand):
    help = "Create demo staff (and each app's demo data). Running it twice changes nothing."

    def handle(self, *args, **options) -> None:
        # Each app may ship a demo.py with seed(); apps run in INSTALLED_APPS order (lower first).
        for config, module in app_modules("demo"):
            created = module.seed()
            self.stdout.write(f"{config.label}: {created} created")
