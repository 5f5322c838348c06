"""The one DISP-2 readiness rule, asked at intake as well as at dispatch (no database)."""

from datetime import date
from decimal import Decimal

from leads.rules.readiness import (
    Missing,
    missing_details,
    missing_for_dispatch,
    still_needed_text,
)

KNOWN = {
    "planned_decoration_date": date(2026, 10, 1),
    "area_m2": Decimal("88"),
    "budget": Decimal("20000"),
    "levels_introduced": True,
}


def test_disp2_nothing_missing_when_every_prerequisite_is_known():
    assert missing_for_dispatch(**KNOWN) == ()


def test_disp2_missing_items_come_in_the_order_shown():
    missing = missing_for_dispatch(
        planned_decoration_date=None, area_m2=None, budget=None, levels_introduced=False
    )
    assert missing == (
        Missing.DECORATION_DATE,
        Missing.AREA,
        Missing.BUDGET,
        Missing.LEVELS_INTRODUCED,
    )


def test_disp2_a_zero_budget_is_known_not_missing():
    assert missing_for_dispatch(**{**KNOWN, "budget": Decimal(0)}) == ()


def test_disp2_the_details_leave_out_the_managers_confirmation():
    missing = (Missing.AREA, Missing.LEVELS_INTRODUCED)
    assert missing_details(missing) == [Missing.AREA]


def test_disp2_still_needed_says_it_in_words():
    text = still_needed_text([Missing.DECORATION_DATE, Missing.AREA])
    assert text == "Still needed before dispatch: Planned decoration date, House area"


def test_disp2_still_needed_is_empty_when_nothing_is_missing():
    assert still_needed_text([]) == ""
