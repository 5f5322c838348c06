"""One formatting rule everywhere (issue 15, UI.md "Numbers, dates, names"): money ¥1,234.56
(whole yuan ¥25,000), counts 1,234, percentages 33.3%, dates 2026-12-07, times 09:56 Beijing.
The GM report's pay block is rounded in the query and written with the rule."""

from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest
from django.template import Context, Template

from core import formatting as fmt

D = Decimal


# ---------------------------------------------------------------- pure functions


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (D("1234.56"), "¥1,234.56"),
        (D("154207.130000000"), "¥154,207.13"),  # what SQLite's float sum used to print
        (D("402.870000000000"), "¥402.87"),
        (25000, "¥25,000.00"),
        (0, "¥0.00"),
        (D("0.005"), "¥0.01"),  # half up, to the fen
        (D("-402.87"), "-¥402.87"),
        (D("-0.001"), "¥0.00"),  # never "-¥0.00"
        ("1234567.8", "¥1,234,567.80"),
        (1234.5, "¥1,234.50"),
        (None, "–"),
        ("", "–"),
        ("abc", "–"),
    ],
)
def test_money_is_yuan_with_separators_and_two_decimals(value, text):
    assert fmt.yuan(value) == text


def test_whole_yuan_fields_have_no_decimals():
    assert fmt.yuan(D("25000"), whole=True) == "¥25,000"
    assert fmt.yuan(D("30000.50"), whole=True) == "¥30,001"


@pytest.mark.parametrize(
    ("value", "text"),
    [(1234, "1,234"), (0, "0"), (1234567, "1,234,567"), (D("12.0"), "12"), (None, "–")],
)
def test_counts_have_thousands_separators(value, text):
    assert fmt.count(value) == text


@pytest.mark.parametrize(
    ("value", "ratio", "text"),
    [
        (33.333, False, "33.3%"),
        (D("66.65"), False, "66.7%"),
        (0, False, "0.0%"),
        (100, False, "100.0%"),
        (1 / 3, True, "33.3%"),
        (None, False, "–"),
    ],
)
def test_percentages_have_one_decimal(value, ratio, text):
    assert fmt.percent(value, ratio=ratio) == text


def test_amount_and_decimal_without_currency():
    assert fmt.amount(D("154207.13")) == "154,207.13"
    assert fmt.decimal(D("2.25")) == "2.3"
    assert fmt.decimal(None) == "–"


def test_dates_and_times_in_beijing_time():
    utc = datetime(2026, 12, 7, 1, 56, tzinfo=UTC)  # 09:56 in Beijing
    assert fmt.day(date(2026, 12, 7)) == "2026-12-07"
    assert fmt.day(datetime(2026, 12, 6, 17, 30, tzinfo=UTC)) == "2026-12-07"
    assert fmt.clock(utc) == "09:56"
    assert fmt.clock(time(9, 5)) == "09:05"
    assert fmt.moment(utc) == "2026-12-07 09:56"
    assert (fmt.day(None), fmt.clock(None)) == ("–", "–")


def test_money_cents_rounds_half_up():
    assert fmt.money_cents("402.874999") == D("402.87")
    assert fmt.money_cents("402.875") == D("402.88")
    assert fmt.money_cents(None) is None


# ---------------------------------------------------------------- the template filters


def test_template_filters_apply_the_same_rule():
    template = Template(
        "{% load numbers %}{{ a|yuan }} {{ b|yuan:'whole' }} {{ n|count }} {{ p|percent }} "
        "{{ r|percent:'ratio' }} {{ d|day }} {{ d|decimal:1 }}"
    )
    text = template.render(
        Context(
            {"a": D("1234.5"), "b": 25000, "n": 1234, "p": 33.33, "r": 0.5, "d": date(2026, 1, 2)}
        )
    )
    assert text == "¥1,234.50 ¥25,000 1,234 33.3% 50.0% 2026-01-02 –"


# ---------------------------------------------------------------- the GM report's pay block


@pytest.fixture
def march_pay(db):
    """Three statements whose deductions sum to 402.87 and totals to 154,207.13 — the sums that
    SQLite returned as floats (402.870000000000)."""
    from attendance.models import PayMonth, PayStatement
    from tests.factories import StaffFactory

    month = PayMonth.objects.create(month=date(2026, 3, 1))
    amounts = [("100.29", "51402.71"), ("150.29", "51402.21"), ("152.29", "51402.21")]
    for i, (deduction, total) in enumerate(amounts):
        PayStatement.objects.create(
            pay_month=month,
            staff=StaffFactory(name=f"员工{i}"),
            base_salary=D("5000"),
            daily_rate=D("200"),
            violation_rate=D("50"),
            attendance_deduction=D(deduction),
            total=D(total),
        )
    return month


def test_pay_totals_are_rounded_to_the_fen_in_the_query(march_pay):
    from attendance.queries.pay import pay_totals

    totals = pay_totals(date(2026, 3, 1))
    assert totals["attendance_deduction"] == D("402.87")
    assert str(totals["attendance_deduction"]) == "402.87"
    assert str(totals["total"]) == "154207.13"
    assert totals["people"] == 3


def test_gm_report_pay_block_prints_yuan(march_pay, login, gm):
    from django.urls import reverse

    html = login(gm).get(reverse("reports:monthly") + "?month=2026-03").content.decode()
    block = html[html.index('data-testid="section-pay"') :]
    assert "¥402.87" in block
    assert "¥154,207.13" in block
    assert "402.870000" not in block and "154207.13" not in block
