"""The intake page and its as-you-type duplicate check (LEAD-1, LEAD-2)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from leads.models import Channel, Lead, LeadState
from staff.models import Role
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db
INTAKE = reverse("leads:intake")
CHECK = reverse("leads:phone_check")


def form(**overrides) -> dict:
    return {
        "phone": "13812345678",
        "customer_name": "王先生",
        "channel": Channel.WALK_IN,
        "in_person": "on",
        "community": "阳光小区",
        "building": "3-2-501",
        "area_m2": "96",
        "budget": "45000",
        "consultation_date": timezone.localdate().isoformat(),
        **overrides,
    }


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        (Role.FRONT_DESK, 200),
        (Role.CS_AGENT, 200),
        (Role.CUSTOMER_MANAGER, 200),
        (Role.DESIGNER, 403),
        (Role.MARKETING_SALES, 403),
        (Role.HR, 403),
    ],
    indirect=["persona"],
)
def test_sec1_intake_page_per_role(login, persona, status):
    assert login(persona).get(INTAKE).status_code == status


def test_lead1_phone_comes_first_and_the_check_is_wired(login, front_desk):
    body = login(front_desk).get(INTAKE).content.decode()
    assert body.index('name="phone"') < body.index('name="customer_name"')
    assert f'hx-get="{CHECK}"' in body
    assert "autofocus" in body


def test_lead1_walk_in_is_registered(login, front_desk):
    response = login(front_desk).post(INTAKE, form())
    lead = Lead.objects.get()
    assert response.status_code == 302
    assert response.url == lead.get_absolute_url()
    assert (lead.phone, lead.channel, lead.created_by) == ("13812345678", "WALK_IN", front_desk)


def test_lead1_channel_is_required(login, front_desk):
    response = login(front_desk).post(INTAKE, form(channel=""))
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Lead.objects.exists()


def test_lead1_bad_phone_is_shown_on_the_form(login, front_desk):
    response = login(front_desk).post(INTAKE, form(phone="62345678"))
    assert "A landline number needs its area code" in response.content.decode()


def test_lead2_same_phone_again_is_told_the_lead_exists(login, front_desk):
    client = login(front_desk)
    client.post(INTAKE, form())
    response = client.post(INTAKE, form(customer_name="王太太"), follow=True)
    lead = Lead.objects.get()
    assert Lead.objects.count() == 1
    assert (
        f"This customer is already registered (lead No. {lead.pk}). Your entry was recorded on it."
        in response.content.decode()
    )


def test_lead2_check_says_new_customer(login, front_desk):
    body = login(front_desk).get(CHECK, {"phone": "139 0000 1111"}).content.decode()
    assert 'data-testid="phone-check-new"' in body


def test_lead2_check_says_nothing_while_typing(login, front_desk):
    assert login(front_desk).get(CHECK, {"phone": "139"}).content.decode().strip() == ""


def test_lead2_check_shows_the_existing_lead_to_the_front_desk(login, front_desk):
    lead = LeadFactory(phone="13900001111", customer_name="李女士")
    body = login(front_desk).get(CHECK, {"phone": "13900001111"}).content.decode()
    assert 'data-testid="phone-check-exists"' in body
    assert f"Lead No. {lead.pk}: 李女士" in body
    assert 'data-testid="record-visit"' in body


def test_lead2_check_hides_the_lead_from_a_salesperson(login, marketing_sales):
    LeadFactory(phone="13900001111", customer_name="李女士")
    body = login(marketing_sales).get(CHECK, {"phone": "13900001111"}).content.decode()
    assert "This customer is already registered." in body
    assert "李女士" not in body
    assert "your entry is attached to the existing lead as an ownership claim" in body


def test_lead2_check_mentions_a_closed_earlier_lead(login, front_desk):
    old = LeadFactory(phone="13900001111", state=LeadState.INVALID)
    body = login(front_desk).get(CHECK, {"phone": "13900001111"}).content.decode()
    assert f"An earlier lead (No. {old.pk}) was closed as Invalid." in body


def test_lead1_check_explains_a_bad_number(login, front_desk):
    body = login(front_desk).get(CHECK, {"phone": "12345678901"}).content.decode()
    assert "A mobile number has 11 digits and starts with 13-19." in body
