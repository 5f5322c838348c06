"""The dispatch dashboard and its actions over HTTP: access per role, htmx answers, refusals,
and a query count that does not grow with the number of designers or leads."""

import pytest
from django.urls import reverse

from dispatch.models import Assignment
from leads.models import LeadState
from staff.models import Role
from tests.dispatch.factories import AssignmentFactory, DesignerFactory, ReadyLeadFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

INDEX = reverse("dispatch:index")
HTMX = {"HTTP_HX_REQUEST": "true"}
BOARD_ROLES = {Role.CUSTOMER_MANAGER, Role.DESIGN_MANAGER, Role.GM}


def url(name: str, lead) -> str:
    return reverse(f"dispatch:{name}", args=[lead.pk])


@pytest.mark.parametrize("persona", list(Role), indirect=True)
def test_sec1_dashboard_only_for_managers_of_dispatch(login, persona):
    role = next(iter(persona.role_codes))
    expected = 200 if role in BOARD_ROLES else 403
    assert login(persona).get(INDEX).status_code == expected


@pytest.mark.parametrize("persona", [r for r in Role if r != Role.CUSTOMER_MANAGER], indirect=True)
def test_sec1_only_the_customer_manager_dispatches_or_forces(login, persona, make_designer):
    make_designer()
    lead = ReadyLeadFactory()
    client = login(persona)
    assert client.post(url("dispatch", lead), **HTMX).status_code == 403
    assert client.post(url("force", lead), {"reason": "x"}, **HTMX).status_code == 403
    assert client.post(url("confirm_levels", lead), **HTMX).status_code == 403
    lead.refresh_from_db()
    assert lead.state == LeadState.NEW


@pytest.mark.parametrize(
    ("persona", "status"),
    [(Role.DESIGN_MANAGER, 200), (Role.DESIGNER, 403), (Role.GM, 403)],
    indirect=["persona"],
)
def test_sec1_decline_recorded_by_customer_or_design_manager(login, persona, status):
    assignment = AssignmentFactory(designer=DesignerFactory(employee_no="101"))
    DesignerFactory(employee_no="102")
    response = login(persona).post(url("decline", assignment.lead), {"reason": "档期满"}, **HTMX)
    assert response.status_code == status


def test_queue_shows_ready_leads_oldest_first_and_selects_the_oldest(
    login, customer_manager, make_designer
):
    make_designer()
    older, newer = (
        ReadyLeadFactory(customer_name="老客户"),
        ReadyLeadFactory(customer_name="新客户"),
    )
    response = login(customer_manager).get(INDEX)
    assert [lead.pk for lead in response.context["rows"]] == [older.pk, newer.pk]
    assert response.context["lead"] == older
    assert response.context["counts"] == {"ready": 2, "waiting": 0, "dispatched": 0}


def test_disp2_not_ready_tab_says_what_is_missing(login, customer_manager):
    lead = ReadyLeadFactory(budget=None, size_class="", levels_introduced=False)
    response = login(customer_manager).get(INDEX, {"tab": "waiting"})
    (row,) = response.context["rows"]
    assert row.blockers == [
        "The budget is not known.",
        "The customer manager has not confirmed that the designer levels were introduced to "
        "the customer.",
    ]
    assert f'data-testid="confirm-levels-{lead.pk}"' in response.content.decode()


def test_disp5_panel_ranks_candidates_and_explains_skips(login, customer_manager, make_designer):
    first = make_designer(employee_no="101")
    full = make_designer(employee_no="102")
    chief = make_designer(employee_no="103", tier="CHIEF")
    AssignmentFactory(designer=full)
    AssignmentFactory(designer=full)
    lead = ReadyLeadFactory()
    response = login(customer_manager).get(url("panel", lead), **HTMX)
    assert response.status_code == 200
    assert [row.designer_id for row in response.context["eligible"]] == [first.pk]
    reasons = {row.designer_id: str(row.decision.message) for row in response.context["skipped"]}
    assert reasons == {full.pk: "Daily cap reached (2/2)"}
    (other,) = response.context["other_tiers"]
    assert (other.designer_id, other.decision.message) == (
        chief.pk,
        "Tier does not take leads of this size",
    )
    body = response.content.decode()
    assert "<html" not in body
    assert 'data-testid="dispatch-auto"' in body


def test_disp5_htmx_dispatch_answers_with_the_refreshed_workspace(
    login, customer_manager, make_designer
):
    designer = make_designer(name="韩雪")
    lead = ReadyLeadFactory(customer_name="王先生")
    response = login(customer_manager).post(url("dispatch", lead), **HTMX)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body
    assert response.context["flash"] == "王先生 dispatched to 韩雪 (First in rotation)."
    assert response.context["counts"]["ready"] == 0
    assert Assignment.objects.get().designer == designer


def test_disp5_chosen_designer_by_one_click(login, customer_manager, make_designer):
    make_designer(employee_no="101")
    chosen = make_designer(employee_no="102")
    lead = ReadyLeadFactory()
    login(customer_manager).post(
        url("dispatch", lead), {"designer": chosen.pk, "reason": "客户点名"}, **HTMX
    )
    assignment = Assignment.objects.get()
    assert (assignment.designer, assignment.method) == (chosen, Assignment.Method.CHOSEN)


def test_plain_post_dispatch_redirects_back_to_the_queue(login, customer_manager, make_designer):
    make_designer()
    lead = ReadyLeadFactory()
    response = login(customer_manager).post(url("dispatch", lead))
    assert response.status_code == 302
    assert response.url == f"{INDEX}?tab=ready"


def test_refusal_is_shown_in_the_workspace_with_422(login, customer_manager, make_designer):
    make_designer(tier="CHIEF")
    lead = ReadyLeadFactory()
    response = login(customer_manager).post(url("dispatch", lead), **HTMX)
    assert response.status_code == 422
    assert response.context["error"] == (
        "No designer is eligible; a forced dispatch with a reason is needed"
    )
    assert 'data-testid="refusal"' in response.content.decode()


def test_refusal_without_htmx_is_a_400_page_with_the_message(
    login, customer_manager, make_designer
):
    make_designer(tier="CHIEF")
    response = login(customer_manager).post(url("dispatch", ReadyLeadFactory()))
    assert response.status_code == 400
    assert "No designer is eligible" in response.content.decode()


def test_disp7_force_dialog_posts_reason_and_marks_dispatch(login, customer_manager, make_designer):
    designer = make_designer(name="韩雪")
    AssignmentFactory(designer=designer)
    AssignmentFactory(designer=designer)
    lead = ReadyLeadFactory(customer_name="王先生")
    client = login(customer_manager)
    panel = client.get(url("panel", lead), **HTMX).content.decode()
    assert f'data-testid="force-{designer.pk}"' in panel
    refused = client.post(url("force", lead), {"designer": designer.pk, "reason": ""}, **HTMX)
    assert refused.context["error"] == "A forced dispatch needs a reason"
    response = client.post(
        url("force", lead), {"designer": designer.pk, "reason": "客户点名"}, **HTMX
    )
    assert response.context["flash"] == "王先生 dispatched to 韩雪 (Forced dispatch (强制派单))."
    assert Assignment.objects.get(lead=lead).is_forced is True


def test_disp7_no_force_button_while_someone_is_eligible(login, customer_manager, make_designer):
    make_designer(employee_no="101")
    full = make_designer(employee_no="102")
    AssignmentFactory(designer=full)
    AssignmentFactory(designer=full)
    panel = login(customer_manager).get(url("panel", ReadyLeadFactory()), **HTMX)
    assert 'data-testid="force-' not in panel.content.decode()


def test_disp7_decline_from_dispatched_tab_goes_to_next(login, customer_manager):
    first = DesignerFactory(employee_no="101", name="韩雪")
    second = DesignerFactory(employee_no="102", name="杨帆")
    assignment = AssignmentFactory(designer=first)
    client = login(customer_manager)
    tab = client.get(INDEX, {"tab": "dispatched"}).content.decode()
    assert f'data-testid="decline-{assignment.lead.pk}"' in tab
    response = client.post(url("decline", assignment.lead), {"reason": "档期满"}, **HTMX)
    assert response.context["flash"] == "韩雪 declined; the lead now goes to 杨帆."
    assignment.lead.refresh_from_db()
    assert assignment.lead.designer == second


def test_disp7_panel_of_a_dispatched_lead_offers_the_decline(login, design_manager):
    assignment = AssignmentFactory(designer=DesignerFactory(name="韩雪"))
    response = login(design_manager).get(url("panel", assignment.lead), **HTMX)
    assert response.context["is_dispatched"] is True
    assert 'data-testid="panel-decline"' in response.content.decode()


def test_panel_of_a_closed_lead_is_not_found(login, customer_manager):
    lead = ReadyLeadFactory(state=LeadState.INVALID)
    assert login(customer_manager).get(url("panel", lead), **HTMX).status_code == 404


def test_disp2_confirm_levels_button_makes_lead_ready(login, customer_manager, make_designer):
    make_designer()
    lead = ReadyLeadFactory(levels_introduced=False, customer_name="赵女士")
    response = login(customer_manager).post(url("confirm_levels", lead), **HTMX)
    assert response.context["flash"] == "Designer levels confirmed as introduced to 赵女士."
    assert response.context["tab"] == "ready"
    assert response.context["lead"] == lead


def test_sec1_phone_masked_for_the_gm_full_for_the_customer_manager(login, customer_manager, gm):
    lead = ReadyLeadFactory(phone="13812345678")
    assert login(customer_manager).get(url("panel", lead), **HTMX).context["phone"] == (
        "13812345678"
    )
    assert login(gm).get(url("panel", lead), **HTMX).context["phone"] == "138****5678"


def _populate(designers: int, leads: int, first_no: int = 1000) -> None:
    for n in range(designers):
        designer = DesignerFactory(employee_no=str(first_no + n), designer_tier="DESIGNER")
        if n % 3 == 0:
            AssignmentFactory(designer=designer)
    ReadyLeadFactory.create_batch(leads)


@pytest.mark.parametrize("tab", ["ready", "waiting", "dispatched"])
def test_dashboard_query_count_fixed_for_5_and_50_designers(
    login, customer_manager, django_assert_num_queries, tab
):
    client = login(customer_manager)
    _populate(designers=5, leads=5)
    client.get(INDEX, {"tab": tab})  # warm up (sessions, caches)
    small = _count(client, tab)
    _populate(designers=45, leads=40, first_no=2000)
    with django_assert_num_queries(small):
        response = client.get(INDEX, {"tab": tab})
    assert response.status_code == 200
    assert small < 30


def _count(client, tab) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get(INDEX, {"tab": tab})
    return len(ctx.captured_queries)


def test_disp6_panel_shows_why_the_preferred_designer_is_not_honoured(
    login, customer_manager, make_designer
):
    from tests.dispatch.test_services_dispatch import signed_slip

    first = make_designer(employee_no="101")
    wanted = make_designer(employee_no="102", name="秦浩")
    AssignmentFactory(designer=wanted)
    AssignmentFactory(designer=wanted)
    slip = signed_slip(preferred_designer=wanted)
    response = login(customer_manager).get(url("panel", slip.lead), **HTMX)
    assert response.context["recommended_id"] == first.pk
    assert response.context["choice"].preference.message == "Daily cap reached (2/2)"
    assert 'data-testid="preference-refused"' in response.content.decode()


def test_disp6_panel_recommends_the_eligible_preferred_designer(
    login, customer_manager, make_designer
):
    from tests.dispatch.test_services_dispatch import signed_slip

    make_designer(employee_no="101")
    wanted = make_designer(employee_no="102")
    AssignmentFactory(designer=wanted)  # not first in rotation, still eligible
    slip = signed_slip(preferred_designer=wanted)
    response = login(customer_manager).get(url("panel", slip.lead), **HTMX)
    assert response.context["recommended_id"] == wanted.pk
    assert 'data-testid="preference-refused"' not in response.content.decode()
