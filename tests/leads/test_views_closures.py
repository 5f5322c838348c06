"""Closure pages: proposing, the two signers' queues, deciding, reopening, the printable form
and the reason analysis page (CLOSE-1..5)."""

import pytest
from django.urls import reverse
from django.utils import translation

from leads.models import Closure, ClosureStatus, LeadState
from leads.services import closures
from tests.leads.factories import LeadFactory
from tests.leads.lifecycle_factories import ClosureFactory, measured_lead

pytestmark = pytest.mark.django_db

LIST = reverse("leads:closures")


def proposal_form(**overrides) -> dict:
    return {
        "reason": "UNREACHABLE",
        "customer_words": "电话一直无人接听",
        "explanation": "连续三天回访无人接听",
        **overrides,
    }


def test_close2_customer_manager_proposes_on_the_page(login, customer_manager, design_manager):
    lead = LeadFactory()
    response = login(customer_manager).post(
        reverse("leads:closure_propose", args=[lead.pk]), proposal_form()
    )
    closure = Closure.objects.get()
    assert response.url == closure.get_absolute_url()
    assert (closure.kind, closure.status, closure.customer_words) == (
        "INVALID",
        "PROPOSED",
        "电话一直无人接听",
    )


def test_close1_proposal_form_offers_only_the_reasons_of_the_kind(
    login, customer_manager, designer
):
    lead = measured_lead(designer=designer, by=customer_manager)
    page = login(customer_manager).get(reverse("leads:closure_propose", args=[lead.pk]))
    html = page.content.decode()
    assert 'value="PRICE"' in html and 'value="REFUND"' in html
    assert 'value="UNREACHABLE"' not in html


@pytest.mark.parametrize(
    ("persona", "status"),
    [("CUSTOMER_MANAGER", 200), ("CS_AGENT", 403), ("DESIGN_MANAGER", 403), ("DESIGNER", 403)],
    indirect=["persona"],
)
def test_close2_who_may_propose_an_invalid_lead(login, persona, status, design_manager):
    lead = LeadFactory()
    url = reverse("leads:closure_propose", args=[lead.pk])
    assert login(persona).get(url).status_code == status


def test_close2_design_manager_queue_lists_proposals_awaiting_them(
    login, customer_manager, design_manager
):
    waiting = ClosureFactory(proposed_by=customer_manager)
    ClosureFactory(status=ClosureStatus.REJECTED, decision_note="继续跟进")
    page = login(design_manager).get(LIST).content.decode()
    assert page.count('data-testid="closure-row"') == 1
    assert waiting.lead.customer_name in page
    assert 'data-testid="awaiting-count">1<' in page


def test_close2_proposer_queue_lists_their_own_proposals(login, customer_manager, cs_agent):
    mine = ClosureFactory(proposed_by=customer_manager)
    ClosureFactory(proposed_by=cs_agent)
    page = login(customer_manager).get(LIST).content.decode()
    assert page.count('data-testid="closure-row"') == 1
    assert mine.lead.customer_name in page


@pytest.mark.parametrize("rows", [5, 50])
def test_closure_queue_query_count_is_fixed(login, design_manager, django_assert_num_queries, rows):
    ClosureFactory.create_batch(rows)
    client = login(design_manager)
    client.get(LIST)
    with django_assert_num_queries(6):
        assert client.get(LIST).status_code == 200


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("CUSTOMER_MANAGER", 200),
        ("CS_AGENT", 200),
        ("DESIGN_MANAGER", 200),
        ("GM", 200),
        ("FRONT_DESK", 403),
        ("HR", 403),
    ],
    indirect=["persona"],
)
def test_closure_queue_per_role(login, persona, status):
    assert login(persona).get(LIST).status_code == status


def test_close2_design_manager_confirms_on_the_record(login, customer_manager, design_manager, gm):
    lead = LeadFactory()
    closure = closures.propose_closure(
        lead=lead, reason="NO_PLAN", customer_words="明年再说", by=customer_manager
    )
    response = login(design_manager).post(
        reverse("leads:closure_decide", args=[closure.pk]),
        {"decide-decision": "confirm", "decide-note": "二次回访属实"},
        follow=True,
    )
    lead.refresh_from_db()
    assert lead.state == LeadState.INVALID
    assert "Confirmed: the lead is closed and the GM office told." in response.content.decode()


def test_close2_rejection_without_a_note_is_refused_on_the_page(
    login, customer_manager, design_manager
):
    closure = ClosureFactory(proposed_by=customer_manager)
    response = login(design_manager).post(
        reverse("leads:closure_decide", args=[closure.pk]),
        {"decide-decision": "reject", "decide-note": ""},
        follow=True,
    )
    closure.refresh_from_db()
    assert closure.status == ClosureStatus.PROPOSED
    assert "Say why the closure is rejected." in response.content.decode()


def test_close2_only_the_design_manager_may_post_a_decision(login, customer_manager):
    closure = ClosureFactory(proposed_by=customer_manager)
    response = login(customer_manager).post(
        reverse("leads:closure_decide", args=[closure.pk]), {"decide-decision": "confirm"}
    )
    assert response.status_code == 403


def _confirmed(customer_manager, design_manager):
    lead = LeadFactory()
    closure = closures.propose_closure(
        lead=lead, reason="LOW_VALUE", customer_words="只刷墙", by=customer_manager
    )
    closures.confirm_closure(closure=closure, by=design_manager, note="属实")
    return lead, closure


def test_close5_customer_manager_reopens_on_the_page(login, customer_manager, design_manager):
    lead, _closure = _confirmed(customer_manager, design_manager)
    page = login(customer_manager).get(lead.get_absolute_url()).content.decode()
    assert 'data-testid="reopen-submit"' in page
    login(customer_manager).post(
        reverse("leads:reopen", args=[lead.pk]), {"reopen-reason": "客户又想做全屋"}
    )
    lead.refresh_from_db()
    assert lead.state == LeadState.NEW


def test_close5_no_one_else_reopens(login, customer_manager, design_manager):
    lead, _closure = _confirmed(customer_manager, design_manager)
    assert (
        'data-testid="reopen-submit"'
        not in login(design_manager).get(lead.get_absolute_url()).content.decode()
    )
    response = login(design_manager).post(
        reverse("leads:reopen", args=[lead.pk]), {"reopen-reason": "?"}
    )
    assert response.status_code == 403


def test_close3_printable_form_is_in_chinese_with_the_record(
    login, customer_manager, design_manager
):
    lead, closure = _confirmed(customer_manager, design_manager)
    page = login(customer_manager).get(reverse("leads:closure_print", args=[closure.pk]))
    html = page.content.decode()
    with translation.override("zh-hans"):
        title = str(closure.form_title)
    assert f'data-testid="closure-print-title">{title}<' in html
    assert "只刷墙" in html and lead.phone in html


def test_close3_print_masks_the_phone_for_the_gm(login, customer_manager, design_manager, gm):
    lead, closure = _confirmed(customer_manager, design_manager)
    html = login(gm).get(reverse("leads:closure_print", args=[closure.pk])).content.decode()
    assert lead.phone not in html
    assert f"{lead.phone[:3]}****{lead.phone[-4:]}" in html


def test_close3_designer_sees_the_record_of_their_own_lead_only(
    login, customer_manager, design_manager, designer, make_designer
):
    lead = measured_lead(designer=designer, by=customer_manager)
    closure = closures.propose_closure(
        lead=lead, reason="PRICE", customer_words="太贵", by=customer_manager
    )
    url = reverse("leads:closure_detail", args=[closure.pk])
    assert login(designer).get(url).status_code == 200
    assert login(make_designer()).get(url).status_code == 404


@pytest.mark.parametrize(
    ("persona", "status"),
    [("CUSTOMER_MANAGER", 200), ("DESIGN_MANAGER", 200), ("GM", 200), ("CS_AGENT", 403)],
    indirect=["persona"],
)
def test_close4_analysis_page_per_role(login, persona, status):
    assert login(persona).get(reverse("leads:closure_analysis")).status_code == status


def test_close4_analysis_page_shows_the_counts(login, customer_manager, design_manager, gm):
    _confirmed(customer_manager, design_manager)
    _confirmed(customer_manager, design_manager)
    html = login(gm).get(reverse("leads:closure_analysis")).content.decode()
    assert "2 confirmed closure(s) in the period" in html
    assert "Invalid lead · Low value / not a target customer" in html
