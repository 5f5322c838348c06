"""Fill the database with a realistic demo firm. Safe to run again: existing rows are kept."""

from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create demo staff (and each app's demo data). Running it twice changes nothing."

    def handle(self, *args, **options) -> None:
        # Each app may ship a demo.py with seed(); apps run in INSTALLED_APPS order (lower first).
        for config in apps.get_app_configs():
            try:
                module = import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            created = module.seed()
            self.stdout.write(f"{config.label}: {created} created")
