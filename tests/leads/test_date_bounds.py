"""Lead dates are bounded (issue 8): 1900, 2099 and 9999 are refused with a message, nothing is
saved; today is taken. The windows live in leads.rules.dates, the forms share one mixin."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from leads.models import Contract, DailyFiling, Lead, LeadState
from leads.rules.dates import DateWindow, check_date, date_window
from tests.leads.factories import LeadFactory
from tests.leads.lifecycle_factories import dispatched_lead, measured_lead
from tests.leads.test_views_intake import form as intake_form
from tests.leads.test_views_lifecycle import contract_form

TODAY = date(2026, 3, 15)
NOON = datetime(2026, 3, 15, 12, tzinfo=ZoneInfo("Asia/Shanghai"))
ABSURD = ["1900-01-01", "2099-06-01", "9999-12-31"]
CONSULTATION = "The consultation date should be between 2025-03-15 and 2026-03-15."
CONSULTATION_FUTURE = "The consultation date cannot be in the future."
PLANNED = "The planned decoration date should be between 2025-03 and 2031-03."


@pytest.fixture
def on_today():
    with time_machine.travel(NOON, tick=False):
        yield


# --- the windows (pure) -----------------------------------------------------------------------


def test_dates_bounded_planned_decoration_from_a_year_back_to_five_years_ahead():
    window = date_window("planned_decoration_date", TODAY)
    assert window == DateWindow(date(2025, 3, 1), date(2031, 3, 31), by_month=True)


@pytest.mark.parametrize("field", ["consultation_date", "measured_on", "signed_on"])
def test_dates_bounded_recorded_events_not_in_the_future_nor_over_a_year_back(field):
    assert date_window(field, TODAY) == DateWindow(date(2025, 3, 15), TODAY)
    assert check_date(field, TODAY, TODAY) is None


@pytest.mark.parametrize(
    "field", ["consultation_date", "planned_decoration_date", "measured_on", "signed_on"]
)
@pytest.mark.parametrize("value", ABSURD)
def test_dates_bounded_absurd_years_are_refused(field, value):
    assert check_date(field, date.fromisoformat(value), TODAY)


def test_dates_bounded_messages_name_the_window():
    assert check_date("planned_decoration_date", date(1900, 1, 1), TODAY) == PLANNED
    assert check_date("planned_decoration_date", date(9999, 12, 31), TODAY) == PLANNED
    assert check_date("consultation_date", date(1900, 1, 1), TODAY) == CONSULTATION
    assert check_date("consultation_date", date(2099, 1, 1), TODAY) == CONSULTATION_FUTURE


def test_dates_bounded_leap_day_window_starts_on_28_february():
    assert date_window("consultation_date", date(2028, 2, 29)).earliest == date(2027, 2, 28)


# --- the forms: refused with the message, nothing saved -------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("value", ABSURD)
def test_lead1_intake_refuses_absurd_planned_decoration_date(login, front_desk, on_today, value):
    response = login(front_desk).post(
        reverse("leads:intake"), intake_form(planned_decoration_date=value)
    )
    assert response.status_code == 200
    assert PLANNED in response.content.decode()
    assert not Lead.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1900-01-01", CONSULTATION),
        ("2099-06-01", CONSULTATION_FUTURE),
        ("9999-12-31", CONSULTATION_FUTURE),
    ],
)
def test_lead1_intake_refuses_absurd_consultation_date(login, front_desk, on_today, value, message):
    response = login(front_desk).post(reverse("leads:intake"), intake_form(consultation_date=value))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Lead.objects.exists()


@pytest.mark.django_db
def test_lead1_intake_takes_today_and_a_plan_five_years_ahead(login, front_desk, on_today):
    response = login(front_desk).post(
        reverse("leads:intake"),
        intake_form(consultation_date="2026-03-15", planned_decoration_date="2031-03-31"),
    )
    assert response.status_code == 302
    lead = Lead.objects.get()
    assert (lead.consultation_date, lead.planned_decoration_date) == (
        TODAY,
        date(2031, 3, 31),
    )


@pytest.mark.django_db
def test_dates_bounded_lead_edit_keeps_the_old_plan(login, customer_manager, on_today):
    lead = LeadFactory(planned_decoration_date=date(2026, 6, 1))
    response = login(customer_manager).post(
        reverse("leads:edit", args=[lead.pk]),
        {"customer_name": lead.customer_name, "planned_decoration_date": "9999-12-31"},
    )
    assert PLANNED in response.content.decode()
    lead.refresh_from_db()
    assert lead.planned_decoration_date == date(2026, 6, 1)


@pytest.mark.django_db
def test_dates_bounded_filing_entry_refuses_1900(login, marketing_sales, on_today):
    client = login(marketing_sales)
    client.post(reverse("leads:filing_today"))
    sheet = DailyFiling.objects.get()
    response = client.post(
        reverse("leads:filing_add", args=[sheet.pk]),
        {
            "customer_name": "钱先生",
            "phone": "13966667777",
            "community": "富力城",
            "consultation_date": "1900-01-01",
        },
    )
    assert response.status_code == 400
    assert CONSULTATION in response.content.decode()
    assert not sheet.entries.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1900-01-01", "The measurement date should be between 2025-03-15 and 2026-03-15."),
        ("9999-12-31", "The measurement date cannot be in the future."),
    ],
)
def test_life1_measurement_date_bounded(
    login, customer_manager, designer, on_today, value, message
):
    lead = dispatched_lead(designer=designer, by=customer_manager)
    response = login(designer).post(
        reverse("leads:measure", args=[lead.pk]), {"measured_on": value, "designer": designer.pk}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    lead.refresh_from_db()
    assert lead.state == LeadState.DISPATCHED


@pytest.mark.django_db
def test_life2_signing_date_bounded(login, customer_manager, designer, on_today):
    lead = measured_lead(designer=designer, by=customer_manager)
    response = login(designer).post(
        reverse("leads:contract_add", args=[lead.pk]), contract_form(signed_on="1900-01-01")
    )
    assert (
        "The signing date should be between 2025-03-15 and 2026-03-15." in response.content.decode()
    )
    assert not Contract.objects.exists()


@pytest.mark.django_db
def test_dates_bounded_lead_edit_leaves_an_old_unchanged_plan_alone(
    login, customer_manager, on_today
):
    lead = LeadFactory(planned_decoration_date=date(2020, 5, 1))
    response = login(customer_manager).post(
        reverse("leads:edit", args=[lead.pk]),
        {"customer_name": "新名字", "planned_decoration_date": "2020-05-01"},
    )
    assert response.status_code == 302
    lead.refresh_from_db()
    assert lead.customer_name == "新名字"
