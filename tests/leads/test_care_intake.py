"""CARE-5 at intake: a referral lead names its referring customer, chosen by phone, in the same
transaction as the registration; a bad or unknown phone is a form error."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from leads.models import Channel, Lead, Referral
from leads.services.errors import LeadError
from leads.services.intake import IntakeData, register_lead
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db
INTAKE = reverse("leads:intake")


def form(**overrides) -> dict:
    return {
        "phone": "13812345678",
        "customer_name": "王先生",
        "channel": Channel.REFERRAL,
        "community": "阳光小区",
        "building": "3-2-501",
        "consultation_date": timezone.localdate().isoformat(),
        **overrides,
    }


@pytest.fixture
def referrer(db):
    return LeadFactory(phone="13911112222", customer_name="老客户王", state="SIGNED")


def test_care5_intake_records_the_referrer_found_by_phone(login, front_desk, referrer):
    response = login(front_desk).post(INTAKE, form(referrer_phone="139 1111 2222"))
    assert response.status_code == 302
    referral = Referral.objects.get(lead__phone="13812345678")
    assert (referral.referrer_lead, referral.referrer_name) == (referrer, "老客户王")
    assert referral.recorded_by == front_desk


def test_care5_intake_unknown_referrer_phone_is_a_form_error(login, front_desk, referrer):
    with translation.override("en"):
        response = login(front_desk).post(INTAKE, form(referrer_phone="13700000000"))
    assert response.status_code == 200
    assert response.context["form"].errors["referrer_phone"] == [
        "No customer with this phone number; check the number."
    ]
    assert not Lead.objects.filter(phone="13812345678").exists()


def test_care5_intake_malformed_referrer_phone_is_a_form_error(login, front_desk, referrer):
    response = login(front_desk).post(INTAKE, form(referrer_phone="12ab"))
    assert response.status_code == 200
    assert "referrer_phone" in response.context["form"].errors
    assert Lead.objects.count() == 1  # only the referrer


def test_care5_referrer_is_optional_and_ignored_for_other_channels(login, front_desk, referrer):
    client = login(front_desk)
    assert client.post(INTAKE, form()).status_code == 302
    other = form(
        phone="13812340000",
        building="9-1-101",
        channel=Channel.WALK_IN,
        referrer_phone="13911112222",
    )
    assert client.post(INTAKE, other).status_code == 302
    assert Lead.objects.count() == 3
    assert not Referral.objects.exists()


def test_care5_unknown_referrer_undoes_the_registration_in_the_service(front_desk, referrer):
    data = IntakeData(
        customer_name="王先生",
        phone="13812345678",
        channel=Channel.REFERRAL,
        consultation_date=timezone.localdate(),
        referrer_phone="13700000000",
    )
    with pytest.raises(LeadError):
        register_lead(data=data, by=front_desk)
    assert not Lead.objects.filter(phone="13812345678").exists()


def test_care5_referrer_field_hidden_unless_referral_channel(login, front_desk):
    client = login(front_desk)
    tag = re.compile(r'<div[^>]*id="referrer-field"[^>]*>')
    assert "d-none" in tag.search(client.get(INTAKE).content.decode()).group()
    bound = client.post(INTAKE, form(referrer_phone="13700000000")).content.decode()
    assert "d-none" not in tag.search(bound).group()
