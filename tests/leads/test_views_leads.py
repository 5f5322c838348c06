"""The lead list, the lead page and its actions, seen by each role."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from leads.models import (
    Channel,
    ClaimBasis,
    ClaimSource,
    LeadEvent,
    LeadState,
    RulingKind,
)
from leads.services.claims import add_claim
from staff.models import ExportRecord, Role
from tests.leads.factories import LeadFactory, SlipFactory

pytestmark = pytest.mark.django_db
LIST = reverse("leads:index")


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        (Role.FRONT_DESK, 200),
        (Role.DESIGNER, 200),
        (Role.MARKETING_SALES, 200),
        (Role.GM, 200),
        (Role.HR, 403),
    ],
    indirect=["persona"],
)
def test_sec1_lead_list_per_role(login, persona, status):
    assert login(persona).get(LIST).status_code == status


def test_sec1_outsider_cannot_open_leads(login, outsider):
    assert login(outsider).get(LIST).status_code == 403


def test_sec1_lead_list_masks_phones_for_the_gm(login, gm):
    LeadFactory(phone="13812345678")
    body = login(gm).get(LIST).content.decode()
    assert "138****5678" in body
    assert "13812345678" not in body


def test_sec1_designer_cannot_open_another_designers_lead(login, designer):
    lead = LeadFactory(state=LeadState.DISPATCHED)
    assert login(designer).get(lead.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("rows", [5, 50])
def test_lead_list_query_count_is_fixed(login, customer_manager, django_assert_num_queries, rows):
    for n in range(rows):
        LeadFactory(channel=Channel.MARKETING if n % 2 else Channel.WALK_IN)
    client = login(customer_manager)
    client.get(LIST)
    # 3 to sign in; the count, the page, the owners, the community suggestions.
    with django_assert_num_queries(7):
        assert client.get(LIST).status_code == 200


@pytest.mark.parametrize("rows", [5, 50])
def test_lead_page_query_count_is_fixed(
    login, customer_manager, marketing_sales, django_assert_num_queries, rows, sign_fully
):
    slip = sign_fully(SlipFactory(salesperson=marketing_sales))
    lead = slip.lead
    for _n in range(rows):
        add_claim(
            lead=lead,
            basis=ClaimBasis.FIRST_CONTACT,
            claimant=marketing_sales,
            by=customer_manager,
            source=ClaimSource.INTAKE,
            has_complete_details=True,
        )
    client = login(customer_manager)
    client.get(lead.get_absolute_url())
    # 3 to sign in, 4 for the lead (with its slip and signatures, measurement, latest ruling,
    # policy), claims, timeline and findings; 3 for its lifecycle (contracts with commission,
    # closures, callbacks); the page's staff; its history (tests/leads/test_lead_page_queries.py).
    with django_assert_num_queries(12):
        assert client.get(lead.get_absolute_url()).status_code == 200


def test_lead_page_shows_claims_owner_and_deciding_rule(login, customer_manager, marketing_sales):
    lead = LeadFactory()
    add_claim(
        lead=lead,
        basis=ClaimBasis.FIRST_CONTACT,
        claimant=marketing_sales,
        by=marketing_sales,
        source=ClaimSource.INTAKE,
        has_complete_details=False,
    )
    body = login(customer_manager).get(lead.get_absolute_url()).content.decode()
    assert "A first-contact claim needs the complete details" in body
    assert "No valid claim: the company" in body
    assert 'data-testid="ruling-form"' in body


def test_attr5_only_the_customer_manager_sees_the_ruling_form(login, front_desk):
    lead = LeadFactory()
    body = login(front_desk).get(lead.get_absolute_url()).content.decode()
    assert 'data-testid="ruling-form"' not in body


def test_attr5_ruling_view_requires_reason(login, customer_manager):
    lead = LeadFactory()
    response = login(customer_manager).post(
        reverse("leads:rule", args=[lead.pk]), {"winner": "company", "reason": ""}
    )
    assert response.status_code == 302
    assert messages_of(response) == ["Choose the owner and write the reason for the ruling."]
    assert not lead.rulings.filter(kind=RulingKind.MANUAL).exists()


def test_attr5_ruling_view_records_the_ruling(login, customer_manager):
    lead = LeadFactory()
    login(customer_manager).post(
        reverse("leads:rule", args=[lead.pk]), {"winner": "company", "reason": "自然到店"}
    )
    ruling = lead.rulings.first()
    assert (ruling.kind, ruling.reason, ruling.ruled_by) == (
        RulingKind.MANUAL,
        "自然到店",
        customer_manager,
    )


def test_attr5_ruling_view_forbidden_to_front_desk(login, front_desk):
    lead = LeadFactory()
    response = login(front_desk).post(
        reverse("leads:rule", args=[lead.pk]), {"winner": "company", "reason": "x"}
    )
    assert response.status_code == 403


def test_attr6_private_contact_view(login, customer_manager, designer):
    lead = LeadFactory()
    login(customer_manager).post(
        reverse("leads:private_contact", args=[lead.pk]),
        {"designer": designer.pk, "description": "私下联系"},
    )
    assert lead.private_contacts.get().designer == designer


def test_lead2_record_visit_from_the_lead_page(login, front_desk):
    lead = LeadFactory()
    response = login(front_desk).post(
        reverse("leads:record_visit", args=[lead.pk]), {"visit-note": "再次到店"}
    )
    assert response.status_code == 302
    assert lead.events.get().text == "再次到店"


def test_lead2_record_visit_from_htmx_redirects_the_page(login, front_desk):
    lead = LeadFactory()
    response = login(front_desk).post(
        reverse("leads:record_visit", args=[lead.pk]), {}, HTTP_HX_REQUEST="true"
    )
    assert (response.status_code, response["HX-Redirect"]) == (204, lead.get_absolute_url())
    assert lead.events.get().kind == LeadEvent.Kind.VISIT


def test_lead1_correct_details(login, front_desk):
    lead = LeadFactory(budget=Decimal(20000))
    response = login(front_desk).post(
        reverse("leads:edit", args=[lead.pk]),
        {
            "customer_name": "改名",
            "community": lead.community,
            "building": lead.building,
            "area_m2": "100",
            "budget": "60000",
            "planned_decoration_date": "",
            "notes": "",
        },
    )
    assert response.status_code == 302
    lead.refresh_from_db()
    assert (lead.customer_name, lead.size_class) == ("改名", "LARGE")


def test_lead1_designer_cannot_correct_details(login, designer):
    lead = LeadFactory(designer=designer, state=LeadState.DISPATCHED)
    assert login(designer).get(reverse("leads:edit", args=[lead.pk])).status_code == 403


def test_sec2_export_is_for_managers_and_logged(login, customer_manager, front_desk):
    LeadFactory.create_batch(3)
    assert login(front_desk).get(reverse("leads:export")).status_code == 403
    response = login(customer_manager).get(
        reverse("leads:export"), {"format": "csv", "channel": ""}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    record = ExportRecord.objects.get()
    assert (record.by, record.what, record.row_count) == (customer_manager, "leads", 3)


def test_sec1_gm_export_masks_phones(login, gm):
    LeadFactory(phone="13812345678")
    content = login(gm).get(reverse("leads:export"), {"format": "csv"}).content.decode()
    assert "138****5678" in content
    assert "13812345678" not in content


def test_slip5_lead_page_says_no_slip_no_credit(login, customer_manager):
    lead = LeadFactory(channel=Channel.MARKETING)
    body = login(customer_manager).get(lead.get_absolute_url()).content.decode()
    assert (
        "No transfer slip: the salesperson gets no performance credit or commission for this lead."
        in body
    )
