"""DISP-2 readiness as a pure rule: what is missing, in order, with a sentence each."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from dispatch.rules import Missing, check_readiness

KNOWN = {
    "planned_decoration_date": datetime.date(2026, 9, 1),
    "area_m2": Decimal("90"),
    "budget": Decimal(25000),
    "levels_introduced": True,
}


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_disp2_complete_lead_is_ready():
    readiness = check_readiness(**KNOWN)
    assert readiness.ready is True
    assert readiness.message == ""


@pytest.mark.parametrize(
    ("missing_field", "value", "missing"),
    [
        ("planned_decoration_date", None, Missing.DECORATION_DATE),
        ("area_m2", None, Missing.AREA),
        ("budget", None, Missing.BUDGET),
        ("levels_introduced", False, Missing.LEVELS_INTRODUCED),
    ],
)
def test_disp2_each_missing_item_blocks_dispatch(missing_field, value, missing):
    readiness = check_readiness(**(KNOWN | {missing_field: value}))
    assert readiness.ready is False
    assert readiness.missing == (missing,)


def test_disp2_zero_budget_is_known():
    assert check_readiness(**(KNOWN | {"budget": Decimal(0)})).ready is True


def test_disp2_message_lists_every_gap_in_order():
    readiness = check_readiness(
        planned_decoration_date=None, area_m2=None, budget=None, levels_introduced=False
    )
    assert str(readiness.message) == (
        "This lead is not ready to dispatch. The planned decoration date is not known. "
        "The house area is not known. The budget is not known. The customer manager has not "
        "confirmed that the designer levels were introduced to the customer."
    )
