"""Dispatch readiness at intake (DISP-2, issue 15 finding 8): the live box and the page after
saving say in words what dispatch still needs; saving an incomplete lead stays allowed."""

import pytest
from django.urls import reverse

from leads.models import Lead
from staff.models import Role
from tests.leads.test_views_intake import form as intake_form

pytestmark = pytest.mark.django_db
INTAKE = reverse("leads:intake")
READINESS = reverse("leads:intake_readiness")


def form(**overrides) -> dict:
    """The intake form of test_views_intake, with the planned date left empty."""
    return intake_form(**{"planned_decoration_date": "", **overrides})


def test_disp2_intake_box_lists_what_is_missing(login, front_desk):
    response = login(front_desk).get(READINESS, form(area_m2=""))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Still needed before dispatch: Planned decoration date, House area" in body
    assert 'data-testid="intake-readiness-missing"' in body


def test_disp2_intake_box_counts_a_value_that_does_not_parse_as_missing(login, front_desk):
    body = login(front_desk).get(READINESS, form(area_m2="0", budget="abc")).content.decode()
    assert "Planned decoration date, House area, Budget" in body


def test_disp2_intake_box_says_complete_when_the_details_are_given(login, front_desk):
    data = form(planned_decoration_date="2026-12-20")
    body = login(front_desk).get(READINESS, data).content.decode()
    assert 'data-testid="intake-readiness-ok"' in body
    assert "Still needed" not in body


@pytest.mark.parametrize("persona", [Role.DESIGNER, Role.HR], indirect=True)
def test_sec1_intake_box_only_for_the_intake_roles(login, persona):
    assert login(persona).get(READINESS).status_code == 403


def test_disp2_intake_page_asks_the_box_on_change(login, front_desk):
    body = login(front_desk).get(INTAKE).content.decode()
    assert f'hx-get="{READINESS}"' in body
    assert 'hx-trigger="load, change from:#intake-form"' in body


def test_disp2_incomplete_walk_in_is_saved_and_the_page_after_says_what_is_missing(
    login, front_desk
):
    response = login(front_desk).post(INTAKE, form(budget=""), follow=True)
    lead = Lead.objects.get()
    assert (lead.planned_decoration_date, lead.budget) == (None, None)
    texts = [str(m) for m in response.context["messages"]]
    assert "Still needed before dispatch: Planned decoration date, Budget" in texts


def test_disp2_complete_walk_in_gets_no_missing_message(login, front_desk):
    data = form(planned_decoration_date="2026-12-20")
    response = login(front_desk).post(INTAKE, data, follow=True)
    texts = [str(m) for m in response.context["messages"]]
    assert not [text for text in texts if "Still needed" in text]
