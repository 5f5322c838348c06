"""Sortable headers on the phone lists, one phone list's numbers and my commission (issue 15):
each offered sort orders the rows, an unknown one falls back to the list's old order with the
filters kept in the header links, and 50 rows take as many queries as 5."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from leads.models import PhoneList, PhoneListEntry
from tests.factories import StaffFactory
from tests.leads.lifecycle_factories import CommissionEntryFactory, ContractFactory

pytestmark = pytest.mark.django_db
PHONE_LISTS = reverse("leads:phone_lists")
MINE = reverse("leads:commission")


@pytest.fixture(autouse=True)
def _mid_month_morning(time_machine):
    """2026-04-15 10:00 Beijing time: "hours ago" stays in the day and the month."""
    time_machine.move_to(datetime(2026, 4, 15, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)


def hours_ago(hours: int):
    return timezone.now() - timedelta(hours=hours)


def phone_list(name: str = "大兴小区", **fields) -> PhoneList:
    fields.setdefault("imported_by", StaffFactory(roles=["MARKETING_MANAGER"]))
    fields.setdefault("imported_at", timezone.now())
    return PhoneList.objects.create(name=name, **fields)


# --- phone lists --------------------------------------------------------------------------------


@pytest.fixture
def three_lists(marketing_manager):
    """Imported 鹰 first, 陈 second, 魏 last; 鹰 has two numbers, 陈 one, 魏 none."""
    for name, community, days, numbers in (
        ("鹰", "大兴", 3, 2),
        ("魏", "望京", 1, 0),
        ("陈", "西单", 2, 1),
    ):
        imported = phone_list(
            name,
            community=community,
            imported_by=marketing_manager,
            imported_at=hours_ago(24 * days),
        )
        for n in range(numbers):
            PhoneListEntry.objects.create(phone_list=imported, phone=f"1380000000{n}")


def names(response) -> list[str]:
    return [row.name for row in response.context["page"]]


def test_phone_lists_sort_by_import_name_community_and_numbers(
    login, marketing_manager, three_lists
):
    client = login(marketing_manager)
    assert names(client.get(PHONE_LISTS)) == ["魏", "陈", "鹰"]  # the latest import first
    assert names(client.get(PHONE_LISTS, {"sort": "imported"})) == ["鹰", "陈", "魏"]
    assert names(client.get(PHONE_LISTS, {"sort": "name"})) == ["陈", "魏", "鹰"]
    assert names(client.get(PHONE_LISTS, {"sort": "community"})) == ["鹰", "魏", "陈"]
    assert names(client.get(PHONE_LISTS, {"sort": "-numbers"})) == ["鹰", "陈", "魏"]


def test_phone_lists_ignore_an_unknown_sort(login, marketing_manager, three_lists):
    client = login(marketing_manager)
    response = client.get(PHONE_LISTS, {"sort": "note"})
    assert response.context["listing"].sort == "-imported"
    assert names(response) == ["魏", "陈", "鹰"]
    body = client.get(PHONE_LISTS, {"sort": "name"}).text
    assert 'aria-sort="ascending"' in body
    assert 'href="?sort=-name"' in body  # the list has no filters


@pytest.mark.parametrize("rows", [5, 50])
def test_sorted_phone_lists_query_count_is_fixed(
    login, marketing_manager, django_assert_num_queries, rows
):
    for n in range(rows):
        imported = phone_list(f"名单{n}", imported_by=StaffFactory())
        PhoneListEntry.objects.create(phone_list=imported, phone="13800000000")
    client = login(marketing_manager)
    params = {"sort": "-numbers", "per_page": "50"}
    client.get(PHONE_LISTS, params)
    # session, user, roles and permissions, count, the lists with their importers and counts.
    with django_assert_num_queries(5):
        assert client.get(PHONE_LISTS, params).status_code == 200


# --- one phone list's numbers -------------------------------------------------------------------


@pytest.fixture
def entries() -> PhoneList:
    """Three numbers in the file's order: 鹰 …02, 魏 …03, 陈 …01."""
    numbers = phone_list()
    for phone, name in (("13800000002", "鹰"), ("13800000003", "魏"), ("13800000001", "陈")):
        PhoneListEntry.objects.create(phone_list=numbers, phone=phone, customer_name=name)
    return numbers


def phones(response) -> list[str]:
    return [entry.phone[-2:] for entry in response.context["page"]]


def test_phone_list_numbers_sort_by_file_order_phone_and_name(login, marketing_sales, entries):
    client = login(marketing_sales)
    url = entries.get_absolute_url()
    assert phones(client.get(url)) == ["02", "03", "01"]  # as in the imported file
    assert phones(client.get(url, {"sort": "phone"})) == ["01", "02", "03"]
    assert phones(client.get(url, {"sort": "-phone"})) == ["03", "02", "01"]
    assert phones(client.get(url, {"sort": "name"})) == ["01", "03", "02"]  # 陈 魏 鹰
    assert phones(client.get(url, {"sort": "-name"})) == ["02", "03", "01"]


def test_phone_list_numbers_ignore_an_unknown_sort_and_keep_the_status(
    login, marketing_sales, entries
):
    client = login(marketing_sales)
    url = entries.get_absolute_url()
    response = client.get(url, {"status": "NEW", "sort": "status"})
    assert response.context["listing"].sort == "row"
    assert phones(response) == ["02", "03", "01"]
    body = client.get(url, {"status": "NEW", "sort": "phone"}).text
    assert 'aria-sort="ascending"' in body
    assert 'href="?status=NEW&amp;sort=-phone"' in body


@pytest.mark.parametrize("rows", [5, 50])
def test_sorted_phone_list_numbers_query_count_is_fixed(
    login, marketing_sales, django_assert_num_queries, rows
):
    numbers = phone_list()
    for n in range(rows):
        PhoneListEntry.objects.create(phone_list=numbers, phone=f"138{n:08d}")
    client = login(marketing_sales)
    url = numbers.get_absolute_url()
    params = {"status": "NEW", "sort": "-name", "per_page": "50"}
    client.get(url, params)
    # session, user, roles and permissions, the list, the status counts, count, the numbers
    # with their status.
    with django_assert_num_queries(7):
        assert client.get(url, params).status_code == 200


# --- my commission ------------------------------------------------------------------------------


@pytest.fixture
def my_lines(designer):
    """Three of my lines this month, earned 鹰 < 魏 < 陈; signed 魏 < 陈 < 鹰."""
    for name, hours, signed in (
        ("鹰", 3, date(2026, 4, 10)),
        ("魏", 2, date(2026, 4, 2)),
        ("陈", 1, date(2026, 4, 5)),
    ):
        CommissionEntryFactory(
            staff=designer,
            created_at=hours_ago(hours),
            contract=ContractFactory(lead__customer_name=name, signed_on=signed),
        )


def customers(response) -> list[str]:
    return [entry.contract.lead.customer_name for entry in response.context["page"]]


def test_my_commission_sorts_by_earning_and_signing(login, designer, my_lines):
    client = login(designer)
    assert customers(client.get(MINE)) == ["鹰", "魏", "陈"]  # in the order earned, as before
    assert customers(client.get(MINE, {"sort": "signed"})) == ["魏", "陈", "鹰"]
    assert customers(client.get(MINE, {"sort": "-signed"})) == ["鹰", "陈", "魏"]
    assert customers(client.get(MINE, {"sort": "-earned"})) == ["陈", "魏", "鹰"]


def test_my_commission_ignores_an_unknown_sort_and_keeps_the_month(login, designer, my_lines):
    client = login(designer)
    response = client.get(MINE, {"month": "2026-04", "sort": "earner"})
    assert response.context["listing"].sort == "earned"
    assert customers(response) == ["鹰", "魏", "陈"]
    body = client.get(MINE, {"month": "2026-04", "sort": "signed"}).text
    assert 'aria-sort="ascending"' in body
    assert 'href="?month=2026-04&amp;sort=-signed"' in body


@pytest.mark.parametrize("rows", [5, 50])
def test_sorted_my_commission_query_count_is_fixed(
    login, designer, django_assert_num_queries, rows
):
    CommissionEntryFactory.create_batch(rows, staff=designer)
    client = login(designer)
    params = {"month": "2026-04", "sort": "-signed", "per_page": "50"}
    client.get(MINE, params)
    # session, user, roles and permissions, count, the month's lines for its total, whether the
    # month is paid, its payment, the totals by month, the page's lines.
    with django_assert_num_queries(9):
        assert client.get(MINE, params).status_code == 200
