"""LIFE-1/2 as pure rules: when a lead may be measured and a contract recorded."""

from datetime import date
from decimal import Decimal

import pytest

from leads.rules.lifecycle import LifeRefusal, check_contract, check_measurement
from leads.rules.states import LeadState

TODAY = date(2026, 5, 20)
DISPATCHED_ON = date(2026, 5, 10)


def test_life1_dispatched_lead_is_measured_between_dispatch_and_today():
    assert check_measurement(LeadState.DISPATCHED, date(2026, 5, 12), DISPATCHED_ON, TODAY)
    assert check_measurement(LeadState.DISPATCHED, DISPATCHED_ON, DISPATCHED_ON, TODAY)
    assert check_measurement(LeadState.DISPATCHED, TODAY, DISPATCHED_ON, TODAY)


@pytest.mark.parametrize(
    ("state", "measured_on", "reason"),
    [
        (LeadState.NEW, TODAY, LifeRefusal.NOT_DISPATCHED),
        (LeadState.MEASURED, TODAY, LifeRefusal.NOT_DISPATCHED),
        (LeadState.INVALID, TODAY, LifeRefusal.NOT_DISPATCHED),
        (LeadState.DISPATCHED, date(2026, 5, 21), LifeRefusal.IN_THE_FUTURE),
        (LeadState.DISPATCHED, date(2026, 5, 9), LifeRefusal.BEFORE_DISPATCH),
    ],
)
def test_life1_measurement_refusals(state, measured_on, reason):
    decision = check_measurement(state, measured_on, DISPATCHED_ON, TODAY)
    assert decision.allowed is False
    assert decision.reason == reason


@pytest.mark.parametrize("state", [LeadState.MEASURED, LeadState.SIGNED])
def test_life2_contract_on_measured_or_signed_lead(state):
    assert check_contract(state, Decimal(1), TODAY, date(2026, 5, 12), TODAY)


@pytest.mark.parametrize(
    ("state", "amount", "signed_on", "reason"),
    [
        (LeadState.DISPATCHED, Decimal(50000), TODAY, LifeRefusal.NOT_MEASURED),
        (LeadState.DEAD, Decimal(50000), TODAY, LifeRefusal.NOT_MEASURED),
        (LeadState.MEASURED, Decimal(0), TODAY, LifeRefusal.AMOUNT_NOT_POSITIVE),
        (LeadState.MEASURED, Decimal(-5), TODAY, LifeRefusal.AMOUNT_NOT_POSITIVE),
        (LeadState.MEASURED, Decimal(50000), date(2026, 5, 21), LifeRefusal.IN_THE_FUTURE),
        (LeadState.MEASURED, Decimal(50000), date(2026, 5, 11), LifeRefusal.BEFORE_MEASUREMENT),
    ],
)
def test_life2_contract_refusals(state, amount, signed_on, reason):
    decision = check_contract(state, amount, signed_on, date(2026, 5, 12), TODAY)
    assert decision.allowed is False
    assert decision.reason == reason
