"""Role groups and a table of role × sample permission."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group

from staff import roles
from staff.models import Role
from staff.roles import declared_role_permissions, sync_role_permissions

SAMPLES = ["staff.view_staff", "staff.change_staff", "staff.export_staff", "staff.add_delegation"]
TABLE = {
    Role.FRONT_DESK: set(),
    Role.CS_AGENT: set(),
    Role.CUSTOMER_MANAGER: {"staff.view_staff"},
    Role.DESIGNER: set(),
    Role.DESIGN_MANAGER: {"staff.view_staff"},
    Role.STORE_MANAGER: {"staff.view_staff"},
    Role.MARKETING_SALES: set(),
    Role.MARKETING_MANAGER: {"staff.view_staff"},
    Role.ENGINEERING: set(),
    Role.HR: {
        "staff.view_staff",
        "staff.change_staff",
        "staff.export_staff",
        "staff.add_delegation",
    },
    Role.GM: {"staff.view_staff", "staff.export_staff"},
}


@pytest.mark.django_db
def test_sec1_every_role_has_a_group_from_the_migration():
    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", list(TABLE), indirect=True)
def test_sec1_role_permission_table(persona):
    role = next(iter(persona.role_codes))
    granted = {perm for perm in SAMPLES if persona.has_perm(perm)}
    assert granted == TABLE[role]


@pytest.mark.django_db
def test_sec1_declared_permissions_all_exist():
    sync_role_permissions()  # raises LookupError naming any permission that does not exist
    declared = declared_role_permissions()
    for code, perms in declared.items():
        group = Group.objects.get(name=code)
        assert group.permissions.count() == len(perms)


@pytest.mark.django_db
def test_sec1_sync_removes_permissions_not_in_the_table():
    group = Group.objects.get(name=Role.DESIGNER)
    from django.contrib.auth.models import Permission

    group.permissions.add(Permission.objects.get(codename="delete_staff"))
    sync_role_permissions()
    assert not group.permissions.filter(codename="delete_staff").exists()


def test_roles_sync_after_the_last_app_with_models_even_if_a_tooling_app_comes_last(monkeypatch):
    """post_migrate is not sent for an app without models (bench, installed last by
    DJANGO_BENCH=1): the permissions are synced on the last app that has models."""
    with_models = SimpleNamespace(label="api", models_module=object())
    tooling = SimpleNamespace(label="bench", models_module=None)
    monkeypatch.setattr(roles.apps, "get_app_configs", lambda: [with_models, tooling])
    synced = []
    monkeypatch.setattr(roles, "sync_role_permissions", lambda: synced.append(True))
    roles.sync_after_migrate(app_config=tooling)
    assert synced == []
    roles.sync_after_migrate(app_config=with_models)
    assert synced == [True]
