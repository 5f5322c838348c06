"""Over HTTP: the designer's decline page, 我的业绩 and the team view, the holds page (QG-2), the
hold beside the designer on the panel and the load board, and the override from the panel."""

import datetime

import pytest
from django.urls import reverse

from dispatch.models import Assignment, QualityHold
from leads.models import Callback, CallbackKind, LeadState
from staff.models import Notification, Role
from tests.dispatch.factories import AssignmentFactory, DesignerFactory, ReadyLeadFactory
from tests.dispatch.quality_facts import hold_for, measured_lead
from tests.dispatch.test_views_pages import count_queries
from tests.factories import StaffFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

TODAY = datetime.date(2026, 7, 15)


# --- the designer declines from their own page (DISP-7) -------------------------------------------


def test_disp7_designer_declines_from_their_lead_page(login, customer_manager):
    me = DesignerFactory(employee_no="1")
    nxt = DesignerFactory(employee_no="2")
    lead = AssignmentFactory(designer=me, dispatched_by=customer_manager).lead
    client = login(me)
    url = reverse("dispatch:my_lead", args=[lead.pk])
    assert 'data-testid="decline-form"' in client.get(url).content.decode()

    response = client.post(url, {"reason_code": "TOO_FAR", "text": "在通州，太远"})

    assert response.status_code == 302
    lead.refresh_from_db()
    assert lead.designer == nxt
    assert Notification.objects.filter(recipient=customer_manager).exists()


def test_disp7_decline_without_words_is_refused_on_the_form(login, customer_manager):
    me = DesignerFactory()
    lead = AssignmentFactory(designer=me, dispatched_by=customer_manager).lead
    url = reverse("dispatch:my_lead", args=[lead.pk])
    response = login(me).post(url, {"reason_code": "TOO_FAR", "text": ""})
    assert response.status_code == 400
    lead.refresh_from_db()
    assert lead.designer == me


def test_sec1_a_designer_cannot_open_someone_elses_lead(login):
    lead = AssignmentFactory(designer=DesignerFactory()).lead
    client = login(DesignerFactory())
    assert client.get(reverse("dispatch:my_lead", args=[lead.pk])).status_code == 404


def test_disp7_a_measured_lead_shows_no_decline(login):
    me = DesignerFactory()
    lead = AssignmentFactory(designer=me, lead__state=LeadState.MEASURED).lead
    response = login(me).get(reverse("dispatch:my_lead", args=[lead.pk]))
    assert 'data-testid="decline-form"' not in response.content.decode()


def test_disp7_my_leads_links_to_the_decline_page(login):
    me = DesignerFactory()
    lead = AssignmentFactory(designer=me).lead
    response = login(me).get(reverse("dispatch:my_leads"))
    assert reverse("dispatch:my_lead", args=[lead.pk]) in response.content.decode()


# --- 我的业绩 and the team view ------------------------------------------------------------------


def test_my_record_shows_month_quarter_tier_holds_and_callbacks(login, cs_agent):
    me, peer = DesignerFactory(), DesignerFactory()
    AssignmentFactory.create_batch(2, designer=me)
    measured_lead(me, TODAY, signed=True)
    measured_lead(me, TODAY - datetime.timedelta(days=20), signed=False)  # June: last quarter
    measured_lead(peer, TODAY, signed=False)
    hold_for(me, TODAY - datetime.timedelta(days=1), reason="Low satisfaction 2.0")
    lead = AssignmentFactory(designer=me).lead
    Callback.objects.create(
        lead=lead,
        kind=CallbackKind.AFTER_DISPATCH,
        assignee=cs_agent,
        due_at=datetime.datetime(2026, 7, 16, 10, tzinfo=datetime.UTC),
    )

    response = login(me).get(reverse("dispatch:my_record"))

    record = response.context["record"]
    # Dispatched this month: 2 and the callback's lead (measured leads came weeks before).
    assert (record.month.dispatched, record.month.measured, record.month.signed) == (3, 1, 1)
    assert (record.quarter.measured, record.quarter.signed) == (1, 1)  # Q3 opens in July
    assert (record.month.conversion, record.tier_month.conversion) == (100.0, 50.0)
    assert record.on_hold and record.hold_reason == "Low satisfaction 2.0"
    page = response.content.decode()
    assert "Low satisfaction 2.0" in page
    assert f'data-testid="callback-{lead.callbacks.get().pk}"' in page


def test_sec1_my_record_is_for_designers(login, customer_manager):
    assert login(customer_manager).get(reverse("dispatch:my_record")).status_code == 403


@pytest.mark.parametrize("role", [Role.DESIGN_MANAGER, Role.GM])
def test_team_record_for_the_design_manager_and_gm(login, role):
    DesignerFactory(name="设计师甲")
    response = login(StaffFactory(roles=[role])).get(reverse("dispatch:team_record"))
    assert response.status_code == 200
    assert "设计师甲" in response.content.decode()


def test_sec1_team_record_is_not_for_designers(login):
    assert login(DesignerFactory()).get(reverse("dispatch:team_record")).status_code == 403


def _busy_designers(count: int, first_no: int) -> list:
    people = [DesignerFactory(employee_no=str(first_no + n)) for n in range(count)]
    for person in people:
        AssignmentFactory(designer=person)
        measured_lead(person, TODAY, signed=True)
        hold_for(person, TODAY)
    return people


def test_my_record_query_count_fixed_for_5_and_50_rows(login, django_assert_num_queries):
    me = DesignerFactory()
    client = login(me)
    _busy_designers(4, 3000)
    for _n in range(5):
        measured_lead(me, TODAY, signed=True)
    hold_for(me, TODAY - datetime.timedelta(days=40), days=10)
    url = reverse("dispatch:my_record")
    client.get(url)
    small = count_queries(client, url)
    _busy_designers(45, 4000)
    for n in range(45):
        measured_lead(me, TODAY, signed=n % 2 == 0)
        hold_for(me, TODAY - datetime.timedelta(days=100 + n), days=1)
    with django_assert_num_queries(small):
        client.get(url)


def test_team_record_query_count_fixed_for_5_and_50_designers(
    login, design_manager, django_assert_num_queries
):
    client = login(design_manager)
    _busy_designers(5, 3000)
    url = reverse("dispatch:team_record")
    client.get(url)
    small = count_queries(client, url)
    _busy_designers(45, 4000)
    with django_assert_num_queries(small):
        client.get(url)


# --- QG-2 on the pages ----------------------------------------------------------------------------


def test_qg2_panel_shows_the_hold_beside_the_designer_and_offers_choose(login, customer_manager):
    held = DesignerFactory(employee_no="1")
    DesignerFactory(employee_no="2")
    hold_for(held, TODAY, reason="Complaint TS2026-0009")
    lead = ReadyLeadFactory()

    response = login(customer_manager).get(reverse("dispatch:index"), {"lead": lead.pk})

    page = response.content.decode()
    assert f'data-testid="hold-badge-{held.pk}"' in page
    assert "Held until 2026-08-13" in page and "Complaint TS2026-0009" in page
    assert f'data-testid="choose-held-{held.pk}"' in page


def test_qg2_choosing_a_held_designer_from_the_panel_with_a_reason(login, customer_manager):
    held = DesignerFactory(employee_no="1")
    DesignerFactory(employee_no="2")
    hold = hold_for(held, TODAY)
    lead = ReadyLeadFactory()
    client = login(customer_manager)
    url = reverse("dispatch:dispatch", args=[lead.pk])

    refused = client.post(url, {"designer": held.pk})
    assert refused.status_code == 400
    done = client.post(url, {"designer": held.pk, "reason": "客户点名要他"})

    assert done.status_code == 302
    assignment = Assignment.objects.get(lead=lead)
    assert (assignment.designer, assignment.overridden_hold) == (held, hold)


def test_qg3_load_board_shows_who_is_held_and_until_when(login, gm):
    held = DesignerFactory()
    hold_for(held, TODAY - datetime.timedelta(days=2), days=10)
    response = login(gm).get(reverse("dispatch:board"))
    page = response.content.decode()
    assert f'data-testid="hold-badge-{held.pk}"' in page
    assert "Held until 2026-07-22" in page


def test_qg2_holds_page_lists_lift_and_override(login, design_manager, customer_manager):
    held = DesignerFactory()
    hold = hold_for(held, TODAY)
    AssignmentFactory(designer=held, overridden_hold=hold, reason="客户点名")
    client = login(design_manager)

    page = client.get(reverse("dispatch:holds")).content.decode()
    assert "客户点名" in page and f'data-testid="lift-{hold.pk}"' in page

    response = client.post(reverse("dispatch:hold_lift", args=[hold.pk]), {"reason": "已复核"})
    assert response.status_code == 302
    hold.refresh_from_db()
    assert hold.lift_reason == "已复核"


def test_qg2_the_customer_manager_cannot_lift(login, customer_manager):
    hold = hold_for(DesignerFactory(), TODAY)
    response = login(customer_manager).post(
        reverse("dispatch:hold_lift", args=[hold.pk]), {"reason": "x"}
    )
    assert response.status_code == 403
    assert not QualityHold.objects.get(pk=hold.pk).is_lifted


def test_qg1_evaluate_now_from_the_holds_page(login, gm):
    response = login(gm).post(reverse("dispatch:holds_evaluate"))
    assert response.status_code == 302
