"""Forced dispatch and decline over HTTP: a post of the wrong shape is refused with the form's
reason and changes nothing (the views no longer ignore what `is_valid` says)."""

import pytest
from django.urls import reverse

from dispatch.models import Assignment
from leads.models import LeadState
from tests.dispatch.factories import AssignmentFactory, DesignerFactory, ReadyLeadFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

HTMX = {"HTTP_HX_REQUEST": "true"}
TOO_LONG = "太" * 501


def test_disp7_force_with_an_overlong_reason_is_refused(login, customer_manager):
    lead = ReadyLeadFactory()
    designer = DesignerFactory()
    response = login(customer_manager).post(
        reverse("dispatch:force", args=[lead.pk]),
        {"designer": designer.pk, "reason": TOO_LONG},
        **HTMX,
    )
    assert response.status_code == 422
    assert "at most 500 characters" in response.context["error"]
    assert not Assignment.objects.filter(lead=lead).exists()


def test_disp7_decline_with_an_overlong_reason_is_refused(login, customer_manager):
    assignment = AssignmentFactory(designer=DesignerFactory())
    response = login(customer_manager).post(
        reverse("dispatch:decline", args=[assignment.lead.pk]), {"reason": TOO_LONG}
    )
    assert response.status_code == 400
    assignment.lead.refresh_from_db()
    assert assignment.lead.state == LeadState.DISPATCHED
    assert assignment.lead.designer_id == assignment.designer_id
