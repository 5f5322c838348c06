"""The navigation menu, assembled from each app's `navigation.py`.

An app lists its pages as `NAV_ITEMS`; an item is shown to a user who holds one of its roles (or
its permission). Superusers see everything. Templates get plain data and never test role codes.
"""

from dataclasses import dataclass, field
from importlib import import_module

from django.apps import apps
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import Role

ALL_ROLES: tuple[str, ...] = tuple(Role.values)
MANAGERS: tuple[str, ...] = (
    Role.CUSTOMER_MANAGER,
    Role.DESIGN_MANAGER,
    Role.STORE_MANAGER,
    Role.MARKETING_MANAGER,
    Role.HR,
    Role.GM,
)


@dataclass(frozen=True)
class NavItem:
    label: Promise | str
    url_name: str
    roles: tuple[str, ...] = ()
    perm: str = ""
    everyone: bool = False  # every signed-in person, with or without a role
    description: Promise | str = ""
    order: int = 100
    children: tuple = field(default=())

    def visible_to(self, user) -> bool:
        if not user.is_authenticated:
            return False
        if user.is_superuser or self.everyone:
            return True
        if self.roles and user.has_role(*self.roles):
            return True
        return bool(self.perm) and user.has_perm(self.perm)

    @property
    def url(self) -> str:
        return reverse(self.url_name)


NAV_ITEMS = [
    NavItem(_("Home"), "home", everyone=True, order=0, description=_("Your day at a glance")),
    NavItem(
        _("Staff"),
        "staff:list",
        perm="staff.view_staff",
        order=90,
        description=_("Staff directory, supervisors and delegations"),
    ),
    NavItem(
        _("Delegations"),
        "staff:delegations",
        roles=MANAGERS,
        perm="staff.view_delegation",
        order=91,
        description=_("Name a delegate who signs for you while you are away (工作联络单)"),
    ),
    NavItem(
        _("Requests for instructions"),
        "staff:reports",
        roles=ALL_ROLES,
        order=92,
        description=_("Report a serious matter up the supervisor chain and record the instruction"),
    ),
    NavItem(
        _("Faults"),
        "staff:faults",
        perm="staff.view_fault",
        order=93,
        description=_("Fault slips (过失单) and their deductions"),
    ),
]


def all_items() -> list[NavItem]:
    items: list[NavItem] = []
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.navigation")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.navigation":
                raise
            continue
        items.extend(getattr(module, "NAV_ITEMS", []))
    return sorted(items, key=lambda item: item.order)


def items_for(user) -> list[NavItem]:
    return [item for item in all_items() if item.visible_to(user)]
