"""Sortable headers on the closure queue, the slip lists and the commission ledger (issue 15):
each offered sort orders the rows, an unknown one falls back to the list's old order, and the
query count stays the same for 5 and 50 rows whatever the sort."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from leads.models import ClosureStatus
from leads.services.slips import record_dispatch_on_slip
from tests.leads.factories import SlipFactory
from tests.leads.lifecycle_factories import ClosureFactory, CommissionEntryFactory, ContractFactory

pytestmark = pytest.mark.django_db
CLOSURES = reverse("leads:closures")
SLIPS = reverse("leads:slips")
HR_SLIPS = reverse("leads:slips_hr")
LEDGER = reverse("leads:commission_ledger")
MINE = reverse("leads:commission")


def customers(response) -> list[str]:
    return [row.lead.customer_name for row in response.context["page"]]


def hours_ago(hours: int):
    return timezone.now() - timedelta(hours=hours)


# --- closures ---------------------------------------------------------------------------------


@pytest.fixture
def confirmed(design_manager):
    """Three confirmed closures: proposed 甲 < 乙 < 丙, decided 丙 < 甲 < 乙."""
    return [
        ClosureFactory(
            lead__customer_name=name,
            proposed_at=hours_ago(proposed),
            status=ClosureStatus.CONFIRMED,
            decided_by=design_manager,
            decided_at=hours_ago(decided),
        )
        for name, proposed, decided in (("甲", 30, 5), ("乙", 20, 1), ("丙", 10, 9))
    ]


def test_closure_archive_sorts_by_decision_and_proposal(login, customer_manager, confirmed):
    client = login(customer_manager)
    tab = {"tab": "confirmed"}
    assert customers(client.get(CLOSURES, tab)) == ["乙", "甲", "丙"]  # latest decision first
    assert customers(client.get(CLOSURES, {**tab, "sort": "decided"})) == ["丙", "甲", "乙"]
    assert customers(client.get(CLOSURES, {**tab, "sort": "proposed"})) == ["甲", "乙", "丙"]
    assert customers(client.get(CLOSURES, {**tab, "sort": "-proposed"})) == ["丙", "乙", "甲"]


def test_closure_queue_defaults_per_tab_and_ignores_an_unknown_sort(
    login, customer_manager, design_manager
):
    for name, hours in (("早", 30), ("晚", 10)):
        ClosureFactory(lead__customer_name=name, proposed_at=hours_ago(hours))
    awaiting = login(design_manager).get(CLOSURES, {"sort": "reason"})
    assert awaiting.context["listing"].sort == "proposed"  # the oldest proposal first
    assert customers(awaiting) == ["早", "晚"]
    everything = login(customer_manager).get(CLOSURES, {"tab": "all", "sort": "decided"})
    assert everything.context["listing"].sort == "-proposed"  # "decided" is not offered here
    assert customers(everything) == ["晚", "早"]


def test_closure_header_marks_the_sort_and_keeps_the_tab(login, customer_manager, confirmed):
    body = login(customer_manager).get(CLOSURES, {"tab": "confirmed", "kind": "INVALID"}).text
    assert 'aria-sort="descending"' in body  # the decision column, the tab's default
    assert 'href="?tab=confirmed&amp;kind=INVALID&amp;sort=proposed"' in body
    mine = login(customer_manager).get(CLOSURES, {"tab": "mine"}).text
    assert 'data-sort="decided"' not in mine  # a proposer's queue sorts by proposal only


@pytest.mark.parametrize("rows", [5, 50])
def test_closure_sorted_query_count_is_fixed(
    login, customer_manager, design_manager, django_assert_num_queries, rows
):
    ClosureFactory.create_batch(
        rows, status=ClosureStatus.CONFIRMED, decided_by=design_manager, decided_at=hours_ago(1)
    )
    client = login(customer_manager)
    params = {"tab": "confirmed", "sort": "proposed", "per_page": "50"}
    client.get(CLOSURES, params)
    # session, user, roles and permissions, count, rows, the awaiting badge.
    with django_assert_num_queries(6):
        assert client.get(CLOSURES, params).status_code == 200


# --- transfer slips ---------------------------------------------------------------------------


def test_slip_list_sorts_by_filling_date(login, marketing_manager):
    for name, hours in (("甲", 20), ("乙", 30), ("丙", 10)):
        SlipFactory(lead__customer_name=name, filled_at=hours_ago(hours))
    client = login(marketing_manager)
    assert customers(client.get(SLIPS)) == ["丙", "甲", "乙"]  # newest first
    assert customers(client.get(SLIPS, {"sort": "filled"})) == ["乙", "甲", "丙"]
    unknown = client.get(SLIPS, {"sort": "salesperson"})
    assert unknown.context["listing"].sort == "-filled"
    assert customers(unknown) == ["丙", "甲", "乙"]


def test_hr_slips_sort_by_dispatch_date(login, hr, customer_manager, designer, sign_fully):
    for name in ("先派", "后派"):
        slip = sign_fully(SlipFactory(lead__customer_name=name))
        record_dispatch_on_slip(lead=slip.lead, designer=designer, by=customer_manager)
    client = login(hr)
    assert customers(client.get(HR_SLIPS)) == ["后派", "先派"]
    assert customers(client.get(HR_SLIPS, {"sort": "dispatched"})) == ["先派", "后派"]
    assert client.get(HR_SLIPS, {"sort": "filled"}).context["listing"].sort == "-dispatched"


@pytest.mark.parametrize("rows", [5, 50])
def test_slip_list_sorted_query_count_is_fixed(
    login, marketing_manager, django_assert_num_queries, rows
):
    SlipFactory.create_batch(rows)
    client = login(marketing_manager)
    client.get(SLIPS, {"sort": "filled"})
    with django_assert_num_queries(9):
        assert client.get(SLIPS, {"sort": "filled", "per_page": "50"}).status_code == 200


# --- commission ledger ------------------------------------------------------------------------


@pytest.fixture
def ledger_lines(make_designer):
    """Two earners; 早's contract signed first, though its earner's number comes second."""
    first, second = make_designer(employee_no="D001"), make_designer(employee_no="D002")
    today = timezone.localdate()
    return [
        CommissionEntryFactory(
            staff=staff, contract=ContractFactory(lead__customer_name=name, signed_on=signed)
        )
        for staff, name, signed in (
            (second, "早", today.replace(day=1)),
            (first, "晚", today.replace(day=1) + timedelta(days=1)),
        )
    ]


def contracts(response) -> list[str]:
    return [entry.contract.lead.customer_name for entry in response.context["page"]]


def test_ledger_sorts_by_earner_and_by_signing_date(login, hr, ledger_lines):
    client = login(hr)
    assert contracts(client.get(LEDGER)) == ["晚", "早"]  # by employee number, as before
    assert contracts(client.get(LEDGER, {"sort": "signed"})) == ["早", "晚"]
    assert contracts(client.get(LEDGER, {"sort": "-signed"})) == ["晚", "早"]
    assert client.get(LEDGER, {"sort": "amount"}).context["listing"].sort == "earner"


def test_my_commission_shares_the_lines_without_the_earner_sort(login, designer, hr, ledger_lines):
    CommissionEntryFactory(staff=designer)
    assert 'data-sort="signed"' in login(hr).get(LEDGER).text
    mine = login(designer).get(MINE).text
    assert 'data-testid="commission-lines"' in mine
    assert 'data-sort="signed"' in mine  # my own sorts (MINE_SORTS), see test_views_sorts_more
    assert 'data-sort="earner"' not in mine


@pytest.mark.parametrize("rows", [5, 50])
def test_ledger_sorted_query_count_is_fixed(login, hr, django_assert_num_queries, rows):
    CommissionEntryFactory.create_batch(rows)
    client = login(hr)
    client.get(LEDGER, {"sort": "-signed"})
    with django_assert_num_queries(9):
        assert client.get(LEDGER, {"sort": "-signed"}).status_code == 200


def test_sorted_ledger_keeps_the_month_filter(login, hr, ledger_lines):
    month = timezone.localdate().strftime("%Y-%m")
    body = login(hr).get(LEDGER, {"month": month, "sort": "signed"}).text
    assert 'aria-sort="ascending"' in body
    assert f'href="?month={month}&amp;sort=-signed"' in body
