"""SEC-1/CMP-1: complaint permissions per role."""

import pytest

from complaints.roles import ROLE_PERMISSIONS
from staff.models import Role
from staff.roles import _permission_ids

PERMS = [
    "complaints.register_complaint",
    "complaints.view_register",
    "complaints.view_complainant_phone",
    "complaints.export_complaints",
    "complaints.import_complaints",
    "complaints.change_stepdeadline",
]
R, V, P, E, I, D = PERMS  # noqa: E741

TABLE = {
    Role.FRONT_DESK: {R, V},
    Role.CS_AGENT: {R, V, P},
    Role.CUSTOMER_MANAGER: {R, V, P, E, I, D},
    Role.DESIGNER: set(),
    Role.DESIGN_MANAGER: {V},
    Role.STORE_MANAGER: set(),
    Role.MARKETING_SALES: set(),
    Role.MARKETING_MANAGER: set(),
    Role.ENGINEERING: set(),
    Role.HR: set(),
    Role.GM: {V, E},
}


@pytest.mark.django_db
@pytest.mark.parametrize("persona", list(TABLE), indirect=True)
def test_cmp1_complaint_permissions_per_role(persona):
    role = next(iter(persona.role_codes))
    assert {perm for perm in PERMS if persona.has_perm(perm)} == TABLE[role]


@pytest.mark.django_db
def test_sec1_every_named_complaint_permission_exists():
    names = {perm for perms in ROLE_PERMISSIONS.values() for perm in perms}
    assert len(_permission_ids(names)) == len(names)
