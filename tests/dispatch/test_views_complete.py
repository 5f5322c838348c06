"""The dashboard's in-place completion over HTTP (DISP-2): the 未就绪 row and the panel carry a
form with just the missing fields; saving moves a ready lead to the ready tab, selected."""

import pytest
from django.urls import reverse

from leads.models import Lead
from tests.dispatch.factories import ReadyLeadFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

INDEX = reverse("dispatch:index")
HTMX = {"HTTP_HX_REQUEST": "true"}


def complete_url(lead) -> str:
    return reverse("dispatch:complete", args=[lead.pk])


def test_disp2_not_ready_row_has_a_form_with_just_the_missing_fields(login, customer_manager):
    lead = ReadyLeadFactory(planned_decoration_date=None, area_m2=None)
    body = login(customer_manager).get(INDEX, {"tab": "waiting"}).content.decode()
    assert f'data-testid="complete-row-{lead.pk}"' in body
    assert f'data-testid="complete-date-{lead.pk}"' in body
    assert f'data-testid="complete-area-{lead.pk}"' in body
    assert f'data-testid="complete-budget-{lead.pk}"' not in body


def test_disp2_panel_of_a_not_ready_lead_has_the_form(login, customer_manager):
    lead = ReadyLeadFactory(budget=None, size_class="")
    body = login(customer_manager).get(INDEX, {"tab": "waiting", "lead": lead.pk})
    assert f'data-testid="complete-panel-{lead.pk}"' in body.content.decode()


def test_disp2_saving_the_missing_field_moves_the_lead_to_ready_selected(
    login, customer_manager, make_designer
):
    make_designer()
    lead = ReadyLeadFactory(customer_name="王先生", planned_decoration_date=None)
    response = login(customer_manager).post(
        complete_url(lead), {"planned_decoration_date": "2026-09-01"}, **HTMX
    )
    assert response.status_code == 200
    assert response.context["tab"] == "ready"
    assert response.context["lead"].pk == lead.pk
    assert response.context["flash"] == "Saved: 王先生 is ready to dispatch."
    assert 'data-testid="dispatch-auto"' in response.content.decode()


def test_disp2_saving_part_says_what_is_still_missing(login, customer_manager):
    lead = ReadyLeadFactory(planned_decoration_date=None, budget=None, size_class="")
    response = login(customer_manager).post(complete_url(lead), {"budget": "30000"}, **HTMX)
    assert response.context["tab"] == "waiting"
    assert response.context["flash"] == (
        "Saved. Still needed before dispatch: Planned decoration date"
    )


def test_disp2_a_bad_value_comes_back_with_its_field(login, customer_manager):
    lead = ReadyLeadFactory(area_m2=None)
    response = login(customer_manager).post(complete_url(lead), {"area_m2": "0"}, **HTMX)
    assert response.status_code == 422
    assert response.context["error"].startswith("House area (m²): ")
    assert Lead.objects.get(pk=lead.pk).area_m2 is None


def test_sec1_only_the_customer_manager_completes_in_place(login, front_desk):
    lead = ReadyLeadFactory(planned_decoration_date=None)
    response = login(front_desk).post(
        complete_url(lead), {"planned_decoration_date": "2026-09-01"}, **HTMX
    )
    assert response.status_code == 403
