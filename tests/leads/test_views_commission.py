"""My commission and the ledger (COM-1, 2, 4): each earner sees theirs; the customer manager,
HR and the GM see everyone's; HR or the GM mark a month paid."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from leads.models import CommissionMonth
from tests.leads.lifecycle_factories import CommissionEntryFactory

pytestmark = pytest.mark.django_db

MINE = reverse("leads:commission")
LEDGER = reverse("leads:commission_ledger")


def this_month() -> date:
    return timezone.localdate().replace(day=1)


def test_com2_earner_sees_their_own_lines_and_total(login, designer):
    CommissionEntryFactory(staff=designer, amount=300)
    CommissionEntryFactory(staff=designer, amount=200, void_reason="PRIVATE_CONTACT")
    CommissionEntryFactory(amount=999)  # someone else's
    response = login(designer).get(MINE)
    assert len(response.context["page"]) == 2
    assert response.context["summary"].total == 300
    assert 'data-testid="month-total">¥300<' in response.content.decode()


def test_com2_earner_cannot_look_at_someone_elses(login, designer, make_designer):
    other = make_designer()
    CommissionEntryFactory(staff=other)
    response = login(designer).get(MINE, {"staff": other.pk})
    assert response.context["earner"] == designer


def test_com2_customer_manager_opens_anyones_month(login, customer_manager, designer):
    CommissionEntryFactory(staff=designer, amount=300)
    response = login(customer_manager).get(MINE, {"staff": designer.pk})
    assert (response.context["earner"], response.context["summary"].total) == (designer, 300)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("DESIGNER", 200),
        ("FRONT_DESK", 200),
        ("MARKETING_SALES", 200),
        ("CUSTOMER_MANAGER", 200),
        ("HR", 200),
        ("CS_AGENT", 403),
        ("STORE_MANAGER", 403),
    ],
    indirect=["persona"],
)
def test_com2_my_commission_page_per_role(login, persona, status):
    assert login(persona).get(MINE).status_code == status


@pytest.mark.parametrize(
    ("persona", "status"),
    [("CUSTOMER_MANAGER", 200), ("HR", 200), ("GM", 200), ("DESIGNER", 403), ("FRONT_DESK", 403)],
    indirect=["persona"],
)
def test_com2_ledger_per_role(login, persona, status):
    assert login(persona).get(LEDGER).status_code == status


def test_com2_ledger_totals_per_earner(login, hr, designer, make_designer):
    CommissionEntryFactory(staff=designer, amount=300)
    CommissionEntryFactory(staff=designer, amount=200)
    CommissionEntryFactory(staff=make_designer(), amount=100, void_reason="REFUND")
    totals = login(hr).get(LEDGER).context["totals"]
    assert [(row["staff"], row["lines"], row["total"]) for row in totals][0] == (
        designer.pk,
        2,
        500,
    )
    assert totals[1]["total"] == 0


def test_com4_hr_marks_the_month_paid(login, hr):
    response = login(hr).post(
        reverse("leads:commission_mark_paid"), {"month": this_month().strftime("%Y-%m")}
    )
    assert response.url == f"{LEDGER}?month={this_month():%Y-%m}"
    assert CommissionMonth.objects.get().paid_by == hr


def test_com4_customer_manager_cannot_mark_paid(login, customer_manager):
    response = login(customer_manager).post(
        reverse("leads:commission_mark_paid"),
        {"month": this_month().strftime("%Y-%m")},
        follow=True,
    )
    assert not CommissionMonth.objects.exists()
    assert "Only HR or the general manager marks commission paid." in response.content.decode()


@pytest.mark.parametrize("rows", [5, 50])
def test_ledger_query_count_is_fixed(login, hr, django_assert_num_queries, rows):
    CommissionEntryFactory.create_batch(rows)
    client = login(hr)
    client.get(LEDGER)
    with django_assert_num_queries(9):
        assert client.get(LEDGER).status_code == 200


@pytest.mark.parametrize("rows", [5, 50])
def test_my_commission_query_count_is_fixed(login, designer, django_assert_num_queries, rows):
    CommissionEntryFactory.create_batch(rows, staff=designer)
    client = login(designer)
    client.get(MINE)
    with django_assert_num_queries(9):
        assert client.get(MINE).status_code == 200


def test_com2_an_unfiltered_month_fills_the_month_box_with_the_month_shown(
    login, designer, customer_manager, time_machine
):
    time_machine.move_to("2026-04-15 10:00+08:00", tick=False)
    assert 'value="2026-04"' in login(designer).get(MINE).content.decode()
    assert 'value="2026-04"' in login(customer_manager).get(LEDGER).content.decode()
    chosen = login(designer).get(MINE, {"month": "2026-02"}).content.decode()
    assert 'value="2026-02"' in chosen and 'value="2026-04"' not in chosen
