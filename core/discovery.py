"""Each installed app's module of a given name, as Django's admin finds `admin.py`: how a lower
floor collects what higher apps offer (navigation, roles, search, workbench, demo data, quality
facts) without naming any of them (docs/architecture.md)."""

from collections.abc import Iterator
from importlib import import_module
from types import ModuleType

from django.apps import AppConfig, apps


def app_modules(name: str) -> Iterator[tuple[AppConfig, ModuleType]]:
    """(app, its `name` module) for every installed app that has one, in INSTALLED_APPS order.
    An error inside such a module is raised, not taken for a missing module."""
    for config in apps.get_app_configs():
        path = f"{config.name}.{name}"
        try:
            module = import_module(path)
        except ModuleNotFoundError as exc:
            if exc.name != path:
                raise
            continue
        yield config, module
