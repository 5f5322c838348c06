"""A dispatch judges the lead's transfer slip once, under the lead's lock (SLIP-2): the engine
checks it while the lead waits, and leads' `write_dispatch` is told so instead of asking again."""

from decimal import Decimal

import pytest
from django.utils import timezone

from dispatch.services import dispatch_lead
from leads.models import Channel, SizeClass, SlipSignature, SlipStep
from leads.services import slip_checks
from tests.leads.factories import SlipFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]


@pytest.fixture
def slip_checks_made(monkeypatch) -> list:
    """Every `slip_refusal` call, wherever it was imported."""
    calls: list = []
    original = slip_checks.slip_refusal

    def counted(lead):
        calls.append(lead.pk)
        return original(lead)

    monkeypatch.setattr("dispatch.services.dispatching.slip_refusal", counted)
    monkeypatch.setattr("leads.services.states.slip_refusal", counted)
    return calls


def signed_marketing_lead():
    slip = SlipFactory(
        lead__channel=Channel.MARKETING,
        lead__levels_introduced=True,  # ready (DISP-2)
        lead__size_class=SizeClass.SMALL,
        lead__budget=Decimal(25000),
    )
    for step in (SlipStep.MARKETING_MANAGER, SlipStep.STORE_MANAGER):
        SlipSignature.objects.create(
            slip=slip, step=step, signer=slip.salesperson, signed_at=timezone.now()
        )
    return slip.lead


def test_slip2_dispatch_judges_the_slip_once(make_designer, customer_manager, slip_checks_made):
    make_designer()
    lead = signed_marketing_lead()
    dispatch_lead(lead=lead, by=customer_manager)
    assert slip_checks_made == [lead.pk]
