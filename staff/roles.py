"""Role groups and their permissions.

Each app declares what its roles may do in `<app>/roles.py` as `ROLE_PERMISSIONS`, a mapping of
role code to "app_label.codename" strings. `sync_role_permissions` makes every role group hold
exactly the union of those declarations, so the table in code is the single source of truth.
"""

import logging

from django.apps import apps
from django.contrib.auth.models import Group, Permission

from core.discovery import app_modules

from .models import Role

logger = logging.getLogger(__name__)

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.CUSTOMER_MANAGER: [
        "staff.view_staff",
        "staff.view_delegation",
        # FD-5: the customer manager records fault slips and withdraws those made in error.
        "staff.view_fault",
        "staff.add_fault",
        "staff.change_fault",
        "staff.view_faulttype",
        "staff.add_faulttype",
        "staff.change_faulttype",
    ],
    Role.DESIGN_MANAGER: ["staff.view_staff", "staff.view_delegation"],
    Role.STORE_MANAGER: ["staff.view_staff", "staff.view_delegation"],
    Role.MARKETING_MANAGER: ["staff.view_staff", "staff.view_delegation"],
    Role.HR: [
        "staff.view_staff",
        "staff.add_staff",
        "staff.change_staff",
        "staff.export_staff",
        "staff.view_delegation",
        "staff.add_delegation",
        "staff.change_delegation",
        "staff.view_fault",  # fault deductions feed the pay statement
    ],
    Role.GM: [
        "staff.view_staff",
        "staff.export_staff",
        "staff.view_delegation",
        "staff.view_fault",
        "staff.view_exportrecord",  # SEC-6: the GM reads the export log
    ],
}


# SEC-5: what each role may do in the Django admin, per model: "view add change delete import
# export". The admin is the administrator's (superuser); a role sees only the changelists listed
# here, and each action also needs the matching model permission. Everything else in the admin —
# roles, staff flags, pay, lead state — belongs to the administrator alone.
ADMIN_ACCESS: dict[str, dict[str, str]] = {
    Role.CUSTOMER_MANAGER: {"staff.faulttype": "view add change"},
    Role.HR: {"staff.staff": "view add change export", "staff.delegation": "view add change"},
    Role.GM: {"staff.staff": "view export", "staff.exportrecord": "view"},
}


def _declarations(name: str):
    """Yield `name` from every installed app's roles module that declares it."""
    for _config, module in app_modules("roles"):
        yield from getattr(module, name, {}).items()


def declared_role_permissions() -> dict[str, set[str]]:
    """Union of ROLE_PERMISSIONS over every installed app that declares one."""
    table: dict[str, set[str]] = {code: set() for code in Role.values}
    for role, perms in _declarations("ROLE_PERMISSIONS"):
        table[str(role)].update(perms)
    return table


def declared_admin_access() -> dict[str, dict[str, frozenset[str]]]:
    """Union of ADMIN_ACCESS over every installed app: role -> model label -> admin actions."""
    table: dict[str, dict[str, frozenset[str]]] = {code: {} for code in Role.values}
    for role, models in _declarations("ADMIN_ACCESS"):
        for label, actions in models.items():
            known = table[str(role)].get(label, frozenset())
            table[str(role)][label] = known | frozenset(actions.split())
    return table


def _permission_ids(names: set[str]) -> list[int]:
    wanted = {tuple(name.split(".", 1)) for name in names}
    found = {
        (app_label, codename): pk
        for pk, app_label, codename in Permission.objects.values_list(
            "pk", "content_type__app_label", "codename"
        )
        if (app_label, codename) in wanted
    }
    missing = wanted - found.keys()
    if missing:
        labels = ", ".join(sorted(".".join(m) for m in missing))
        raise LookupError(f"Role table names permissions that do not exist: {labels}")
    return list(found.values())


def sync_role_permissions() -> None:
    """Create any missing role group and set its permissions to the declared table."""
    for code, perms in declared_role_permissions().items():
        group, _created = Group.objects.get_or_create(name=code)
        group.permissions.set(_permission_ids(perms))


def sync_after_migrate(app_config=None, **kwargs) -> None:
    # post_migrate is sent once per app that has a models module, in INSTALLED_APPS order; the
    # permissions of all apps exist only when it reaches the last of those (an app without models,
    # such as the bench tooling, gets no signal). A partial migrate (some apps unmigrated) logs a
    # warning instead of failing the migration.
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if app_config is not None and app_config != with_models[-1]:
        return
    try:
        sync_role_permissions()
    except LookupError as exc:
        logger.warning("Role permissions not synced yet: %s", exc)
