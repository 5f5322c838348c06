"""A pick out of rotation (选派) needs a reason in the service, not only in the dialog, and the
reason is kept in the dispatch log (DISP-5, issue 15 finding 9)."""

import pytest
from django.urls import reverse

from dispatch.models import Assignment
from dispatch.services import DispatchError, dispatch_lead, force_dispatch
from leads.models import LeadState
from tests.dispatch.factories import ReadyLeadFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]
HTMX = {"HTTP_HX_REQUEST": "true"}
REFUSAL = (
    "Choosing a designer out of rotation (选派) needs a reason; it is kept in the dispatch log."
)


@pytest.mark.parametrize("reason", ["", "   "])
def test_disp5_out_of_rotation_pick_without_a_reason_is_refused(
    make_designer, customer_manager, reason
):
    make_designer(employee_no="101")
    other = make_designer(employee_no="102")
    lead = ReadyLeadFactory()
    with pytest.raises(DispatchError) as refused:
        dispatch_lead(lead=lead, by=customer_manager, designer=other, reason=reason)
    assert str(refused.value) == REFUSAL
    lead.refresh_from_db()
    assert lead.state == LeadState.NEW
    assert not Assignment.objects.exists()


def test_disp5_out_of_rotation_reason_is_kept_in_the_dispatch_log(make_designer, customer_manager):
    make_designer(employee_no="101")
    other = make_designer(employee_no="102")
    dispatch_lead(lead=ReadyLeadFactory(), by=customer_manager, designer=other, reason=" 客户点名 ")
    assignment = Assignment.objects.get()
    assert (assignment.method, assignment.reason) == (Assignment.Method.CHOSEN, "客户点名")


def test_disp5_the_next_in_rotation_needs_no_reason(make_designer, customer_manager):
    first = make_designer(employee_no="101")
    make_designer(employee_no="102")
    assignment = dispatch_lead(lead=ReadyLeadFactory(), by=customer_manager, designer=first)
    assert (assignment.designer, assignment.method) == (first, Assignment.Method.ROTATION)


def test_disp5_out_of_rotation_without_a_reason_answers_htmx_with_the_refusal(
    login, make_designer, customer_manager
):
    make_designer(employee_no="101")
    other = make_designer(employee_no="102")
    lead = ReadyLeadFactory()
    url = reverse("dispatch:dispatch", args=[lead.pk])
    response = login(customer_manager).post(url, {"designer": other.pk}, **HTMX)
    assert response.status_code == 422
    assert response.context["error"] == REFUSAL
    assert not Assignment.objects.exists()


def test_disp5_out_of_rotation_without_a_reason_plain_post_is_400(
    login, make_designer, customer_manager
):
    make_designer(employee_no="101")
    other = make_designer(employee_no="102")
    lead = ReadyLeadFactory()
    url = reverse("dispatch:dispatch", args=[lead.pk])
    assert login(customer_manager).post(url, {"designer": other.pk}).status_code == 400


def test_disp5_dispatch_log_shows_the_reason(login, make_designer, customer_manager):
    make_designer(employee_no="101")
    other = make_designer(employee_no="102")
    dispatch_lead(lead=ReadyLeadFactory(), by=customer_manager, designer=other, reason="客户点名")
    body = login(customer_manager).get(reverse("dispatch:log")).content.decode()
    assert "客户点名" in body


def test_disp7_forced_dispatch_without_a_reason_is_refused_by_the_service(
    make_designer, customer_manager
):
    designer = make_designer()
    with pytest.raises(DispatchError, match="A forced dispatch needs a reason"):
        force_dispatch(lead=ReadyLeadFactory(), designer=designer, by=customer_manager, reason="")
