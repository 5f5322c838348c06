"""Slip pages: a salesperson's new slip, signing in order, delegates, HR's list and export
(SLIP-1..5)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from leads.models import Channel, Lead, SlipStep, TransferSlip
from leads.services.slips import record_dispatch_on_slip
from staff.models import Delegation, ExportRecord, Role
from tests.factories import StaffFactory
from tests.leads.factories import LeadFactory, SlipFactory

pytestmark = pytest.mark.django_db


def new_slip_form(**overrides) -> dict:
    return {
        "phone": "13912340000",
        "customer_name": "郑先生",
        "community": "望京花园",
        "building": "2-1-301",
        "area_m2": "120",
        "budget": "52000",
        "consultation_date": timezone.localdate().isoformat(),
        "customer_intent": "现代简约",
        **overrides,
    }


def test_slip1_salesperson_files_a_new_customer_with_slip(
    login, marketing_sales, marketing_manager
):
    response = login(marketing_sales).post(reverse("leads:slip_new"), new_slip_form())
    slip = TransferSlip.objects.get()
    assert response.url == slip.get_absolute_url()
    assert (slip.lead.channel, slip.lead.brought_by, slip.salesperson) == (
        Channel.MARKETING,
        marketing_sales,
        marketing_sales,
    )


def test_lead2_salespersons_slip_for_a_known_customer_becomes_a_claim(login, marketing_sales):
    existing = LeadFactory(phone="13912340000")
    response = login(marketing_sales).post(reverse("leads:slip_new"), new_slip_form(), follow=True)
    assert not TransferSlip.objects.exists()
    assert Lead.objects.count() == 1
    assert existing.claims.get().claimant == marketing_sales
    assert "attached to it as an ownership claim" in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "status"),
    [(Role.MARKETING_SALES, 200), (Role.MARKETING_MANAGER, 200), (Role.FRONT_DESK, 403)],
    indirect=["persona"],
)
def test_slip1_new_slip_page_per_role(login, persona, status):
    assert login(persona).get(reverse("leads:slip_new")).status_code == status


def test_slip1_fill_slip_for_own_filed_lead(login, marketing_sales):
    lead = LeadFactory(channel=Channel.MARKETING, brought_by=marketing_sales)
    body = login(marketing_sales).get(lead.get_absolute_url()).content.decode()
    assert 'data-testid="fill-slip"' in body
    response = login(marketing_sales).post(
        reverse("leads:slip_fill", args=[lead.pk]), {"customer_intent": "x"}
    )
    assert response.url == TransferSlip.objects.get(lead=lead).get_absolute_url()


def test_slip2_signing_through_the_pages(login, marketing_manager, store_manager):
    slip = SlipFactory()
    url = reverse("leads:slip_sign", args=[slip.pk])
    store = login(store_manager)
    assert 'data-testid="sign-slip"' not in store.get(slip.get_absolute_url()).content.decode()
    store.post(url)
    assert not slip.signatures.exists()
    manager = login(marketing_manager)
    assert slip in manager.get(reverse("leads:slips")).context["awaiting"]
    manager.post(url)
    assert slip in store.get(reverse("leads:slips")).context["awaiting"]
    store.post(url)
    assert list(slip.signatures.values_list("step", flat=True)) == [
        SlipStep.MARKETING_MANAGER,
        SlipStep.STORE_MANAGER,
    ]


def test_slip4_delegate_sees_and_signs_within_the_period(login, marketing_manager, store_manager):
    deputy = StaffFactory(roles=[Role.DESIGN_MANAGER], name="代理人")
    today = timezone.localdate()
    Delegation.objects.create(
        principal=store_manager,
        delegate=deputy,
        start=today,
        end=today + timedelta(days=2),
        reason="出差",
    )
    slip = SlipFactory()
    login(marketing_manager).post(reverse("leads:slip_sign", args=[slip.pk]))
    client = login(deputy)
    assert slip in client.get(reverse("leads:slips")).context["awaiting"]
    client.post(reverse("leads:slip_sign", args=[slip.pk]))
    body = client.get(slip.get_absolute_url()).content.decode()
    assert "代理人 for 店面经理陈" in body


def test_slip4_expired_delegate_sees_nothing_to_sign(login, marketing_manager, store_manager):
    deputy = StaffFactory(roles=[Role.DESIGN_MANAGER])
    today = timezone.localdate()
    Delegation.objects.create(
        principal=store_manager,
        delegate=deputy,
        start=today - timedelta(days=5),
        end=today - timedelta(days=1),
        reason="出差",
    )
    slip = SlipFactory()
    login(marketing_manager).post(reverse("leads:slip_sign", args=[slip.pk]))
    assert list(login(deputy).get(reverse("leads:slips")).context["awaiting"]) == []


def test_sec1_salesperson_sees_only_their_slips(login, marketing_sales):
    mine = SlipFactory(salesperson=marketing_sales)
    other = SlipFactory()
    client = login(marketing_sales)
    assert list(client.get(reverse("leads:slips")).context["page"]) == [mine]
    assert client.get(other.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("rows", [5, 50])
def test_slip_list_query_count_is_fixed(login, marketing_manager, django_assert_num_queries, rows):
    for _n in range(rows):
        SlipFactory()
    client = login(marketing_manager)
    client.get(reverse("leads:slips"))
    with django_assert_num_queries(9):
        client.get(reverse("leads:slips"))


def test_slip3_hr_list_shows_dispatched_slips_and_exports(
    login, hr, customer_manager, designer, sign_fully
):
    dispatched = sign_fully(SlipFactory(lead__customer_name="已派"))
    record_dispatch_on_slip(lead=dispatched.lead, designer=designer, by=customer_manager)
    SlipFactory(lead__customer_name="未派")
    client = login(hr)
    response = client.get(reverse("leads:slips_hr"))
    assert [s.lead.customer_name for s in response.context["page"]] == ["已派"]
    assert client.get(dispatched.get_absolute_url()).status_code == 200
    export = client.get(reverse("leads:slips_hr_export"), {"format": "xlsx"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    assert ExportRecord.objects.get().what == "transfer-slips"


@pytest.mark.parametrize("rows", [5, 50])
def test_slip3_hr_list_query_count_is_fixed(
    login, hr, customer_manager, designer, django_assert_num_queries, rows
):
    for _n in range(rows):
        slip = SlipFactory()
        record_dispatch_on_slip(lead=slip.lead, designer=designer, by=customer_manager)
    client = login(hr)
    client.get(reverse("leads:slips_hr"))
    with django_assert_num_queries(7):
        client.get(reverse("leads:slips_hr"))


def test_slip3_hr_list_is_for_hr(login, front_desk):
    assert login(front_desk).get(reverse("leads:slips_hr")).status_code == 403
