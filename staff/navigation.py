"""The navigation menu, assembled from each app's `navigation.py`.

An app lists its pages as `NAV_ITEMS`; an item is shown to a user who holds one of its roles (or
its permission). Superusers see everything. Templates get plain data and never test role codes.
"""

from dataclasses import dataclass, field
from itertools import groupby

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.discovery import app_modules

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


# The sidebar's groups (UI.md "Shell": at most 8), in menu order. An item names its group by key.
GROUPS: dict[str, Promise | str] = {
    "workbench": pgettext_lazy("menu group", "Workbench"),
    "customers": pgettext_lazy("menu group", "Customers"),
    "dispatch": pgettext_lazy("menu group", "Dispatch"),
    "complaints": pgettext_lazy("menu group", "Complaints"),
    "frontdesk": pgettext_lazy("menu group", "Front desk"),
    "attendance": pgettext_lazy("menu group", "Attendance and pay"),
    "reports": pgettext_lazy("menu group", "Reports"),
    "admin": pgettext_lazy("menu group", "Management"),
}
GROUP_ORDER = {key: index for index, key in enumerate(GROUPS)}


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
    group: str = "workbench"  # a key of GROUPS: the sidebar group the item is listed under

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
        group="admin",
        description=_("Staff directory, supervisors and delegations"),
    ),
    NavItem(
        _("Delegations"),
        "staff:delegations",
        roles=MANAGERS,
        perm="staff.view_delegation",
        order=91,
        group="admin",
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
        group="admin",
        description=_("Fault slips (过失单) and their deductions"),
    ),
]


def all_items() -> list[NavItem]:
    items: list[NavItem] = []
    for _config, module in app_modules("navigation"):
        items.extend(getattr(module, "NAV_ITEMS", []))
    return sorted(items, key=lambda item: (GROUP_ORDER.get(item.group, len(GROUPS)), item.order))


def items_for(user) -> list[NavItem]:
    return [item for item in all_items() if item.visible_to(user)]


@dataclass(frozen=True)
class MenuLink:
    item: NavItem
    url: str
    active: bool


@dataclass(frozen=True)
class MenuGroup:
    key: str
    label: Promise | str
    links: list[MenuLink]
    active: bool


ADMIN_ITEM = NavItem(_("Administration"), "admin:index", everyone=True, order=999, group="admin")


def menu(items: list[NavItem], path: str, *, admin: bool = False) -> list[MenuGroup]:
    """The sidebar: `items` (as `items_for` orders them) under their groups, with the current
    page marked; `admin` adds the Django admin (SEC-5: only for those it opens to). The current
    page is the item whose address is the longest prefix of `path` (a lead's page marks 客户来单);
    the home page only marks itself."""
    if admin:
        items = [*items, ADMIN_ITEM]
    urls = [item.url for item in items]
    matches = [url for url in urls if path == url or (url != "/" and path.startswith(url))]
    current = max(matches, key=len, default="")
    groups = []
    for key, members in groupby(zip(items, urls, strict=True), key=lambda pair: pair[0].group):
        links = [MenuLink(item, url, url == current) for item, url in members]
        label = GROUPS.get(key, key)
        groups.append(MenuGroup(key, label, links, any(link.active for link in links)))
    return groups
