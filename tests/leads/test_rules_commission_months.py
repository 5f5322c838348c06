"""COM-2/COM-4 ledger months as pure rules: which month carries an entry and its claw-back."""

from datetime import date

import pytest

from leads.rules.commission import (
    adjustment_month,
    first_unpaid_month,
    ledger_month,
    month_of,
    next_month,
)

MARCH, APRIL, MAY, JUNE = (date(2026, m, 1) for m in (3, 4, 5, 6))


def test_com2_month_of_and_next_month_across_the_year_end():
    assert month_of(date(2026, 3, 31)) == MARCH
    assert next_month(date(2026, 12, 1)) == date(2027, 1, 1)
    assert first_unpaid_month(MARCH, {MARCH, APRIL}) == MAY


def test_com2_entry_belongs_to_the_signing_month():
    assert ledger_month(date(2026, 3, 30), paid_months=set()) == MARCH


def test_com2_contract_recorded_after_its_month_was_paid_goes_to_the_next_unpaid_month():
    assert ledger_month(date(2026, 3, 30), paid_months={MARCH}) == APRIL


@pytest.mark.parametrize(
    ("voided_on", "paid", "expected"),
    [
        (date(2026, 4, 3), {MARCH}, APRIL),  # the month after the paid one
        (date(2026, 5, 20), {MARCH}, MAY),  # voided later: the month of the void
        (date(2026, 4, 3), {MARCH, APRIL}, MAY),  # never into a paid month
        (date(2026, 3, 20), {MARCH}, APRIL),  # paid early, voided within the month
    ],
)
def test_com4_void_after_payment_is_adjusted_in_the_next_unpaid_month(voided_on, paid, expected):
    assert adjustment_month(MARCH, voided_on, paid) == expected


def test_com4_adjustment_month_rolls_over_the_year_end():
    december = date(2026, 12, 1)
    assert adjustment_month(december, date(2027, 1, 5), {december}) == date(2027, 1, 1)
