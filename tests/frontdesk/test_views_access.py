"""SEC-1 for the front desk pages: who may open what, and who sees full phone numbers."""

import pytest

from staff.models import Role
from tests.frontdesk.factories import PhoneConsultationFactory, ReceptionEntryFactory

pytestmark = pytest.mark.django_db

FD, CS, CM, GM = Role.FRONT_DESK, Role.CS_AGENT, Role.CUSTOMER_MANAGER, Role.GM
OTHERS = [Role.DESIGNER, Role.MARKETING_SALES, Role.HR, Role.ENGINEERING]

# page -> roles that may open it (everyone else gets 403)
ACCESS = {
    "/frontdesk/": {FD, CS, CM, GM},
    "/frontdesk/reception/": {FD, CS, CM, GM},
    "/frontdesk/reception/new/": {FD, CM},
    "/frontdesk/calls/": {FD, CS, CM, GM},
    "/frontdesk/calls/new/": {FD, CS, CM},
    "/frontdesk/appointments/": {FD, CS, CM, GM},
    "/frontdesk/appointments/week/": {FD, CS, CM, GM},
    "/frontdesk/appointments/new/": {FD, CS, CM},
    "/frontdesk/handover/": {FD, CS, CM, GM},
    "/frontdesk/handover/new/": {FD, CS, CM},
    "/frontdesk/quality/": {CM, GM},
    "/frontdesk/quality/calls/import/": {CM},
    "/frontdesk/good-cases/": {CM, GM},
    "/frontdesk/documents/": {FD, CM, GM},
    "/frontdesk/documents/new/": {FD, CM},
}
ROLES = [FD, CS, CM, GM, *OTHERS]


@pytest.mark.parametrize("persona", ROLES, indirect=True)
@pytest.mark.parametrize("url", list(ACCESS))
def test_sec1_frontdesk_pages_per_role(login, persona, url):
    role = next(iter(persona.role_codes))
    expected = 200 if role in ACCESS[url] else 403
    assert login(persona).get(url).status_code == expected


def test_sec1_outsider_gets_403(login, outsider):
    assert login(outsider).get("/frontdesk/").status_code == 403


@pytest.mark.parametrize(
    ("persona", "shown"),
    [(FD, "13812345678"), (CS, "13812345678"), (CM, "13812345678"), (GM, "138****5678")],
    indirect=["persona"],
)
def test_sec1_log_phones_are_masked_for_roles_that_do_not_call(login, persona, shown):
    ReceptionEntryFactory(phone="13812345678")
    PhoneConsultationFactory(phone="13812345678")
    client = login(persona)
    for url in ("/frontdesk/reception/", "/frontdesk/calls/"):
        body = client.get(url).content.decode()
        assert shown in body
        if "*" in shown:
            assert "13812345678" not in body


def test_fd7_agent_sees_own_figures_not_a_colleagues(login, cs_agent):
    from tests.factories import StaffFactory

    colleague = StaffFactory(roles=[CS])
    client = login(cs_agent)
    assert client.get(f"/frontdesk/quality/agents/{cs_agent.pk}/").status_code == 200
    assert client.get(f"/frontdesk/quality/agents/{colleague.pk}/").status_code == 403
