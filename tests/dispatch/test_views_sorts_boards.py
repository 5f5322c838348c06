"""The shared list pattern on the load board and the champions (issue 15): the board's rows,
computed in Python, sort by number (the default), name, tier and each count; the titles by
period (newest first by default), title, designer or signed contracts; an unknown sort falls
back, the other params stay in the header links, and 50 rows take as many queries as 5."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from dispatch.models import Champion
from staff.models import DesignerTier
from tests.dispatch.conftest import NOW
from tests.dispatch.factories import AssignmentFactory, ChampionFactory, DesignerFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]
BOARD = reverse("dispatch:board")
CHAMPIONS = reverse("dispatch:champions")


def numbers(response) -> list[str]:
    return [row.snapshot.employee_no for row in response.context["page"]]


def titles(response) -> list[int]:
    return [title.pk for title in response.context["page"]]


@pytest.fixture
def board():
    """703 鹰 (director, dispatched 1 h and 2 h ago), 701 魏 (chief, never dispatched),
    702 陈 (designer, dispatched 3 h ago)."""
    designers = {
        number: DesignerFactory(employee_no=number, name=name, designer_tier=tier)
        for number, name, tier in (
            ("703", "鹰", DesignerTier.DIRECTOR),
            ("701", "魏", DesignerTier.CHIEF),
            ("702", "陈", DesignerTier.DESIGNER),
        )
    }
    for number, hours in (("703", 1), ("703", 2), ("702", 3)):
        AssignmentFactory(designer=designers[number], dispatched_at=NOW - timedelta(hours=hours))


def test_load_board_sorts_by_number_tier_and_counts(login, gm, board):
    client = login(gm)
    assert numbers(client.get(BOARD)) == ["701", "702", "703"]
    assert numbers(client.get(BOARD, {"sort": "-number"})) == ["703", "702", "701"]
    # The Designer column sorts by employee number (the rotation's order), marked by default.
    assert 'aria-sort="ascending"><a class="sort-link active" href="?sort=-number"' in (
        client.get(BOARD).content.decode()
    )
    assert numbers(client.get(BOARD, {"sort": "tier"})) == ["702", "703", "701"]  # lowest first
    assert numbers(client.get(BOARD, {"sort": "-today"})) == ["703", "702", "701"]
    assert numbers(client.get(BOARD, {"sort": "open_total"})) == ["701", "702", "703"]
    # Never dispatched goes last ascending and first descending, as PostgreSQL puts NULLs.
    assert numbers(client.get(BOARD, {"sort": "last"})) == ["702", "703", "701"]
    assert numbers(client.get(BOARD, {"sort": "-last"})) == ["701", "703", "702"]


def test_load_board_ignores_an_unknown_sort_and_keeps_the_page_size(login, gm, board):
    client = login(gm)
    response = client.get(BOARD, {"sort": "hold_reason"})
    assert response.context["listing"].sort == "number"
    assert numbers(response) == ["701", "702", "703"]
    body = client.get(BOARD, {"per_page": "100", "sort": "today"}).content.decode()
    assert 'aria-sort="ascending"' in body
    assert 'href="?per_page=100&amp;sort=-today"' in body
    assert 'data-testid="load-board"' in body


@pytest.mark.parametrize("rows", [5, 50])
def test_sorted_load_board_query_count_is_fixed(login, gm, django_assert_num_queries, rows):
    for _ in range(rows):
        AssignmentFactory()
    client = login(gm)
    client.get(BOARD)
    # session, user, permissions, the day's configuration (tier map, capacity rule and season
    # in one), who is on leave, the designers with their load, holds and titles, the leads
    # they hold.
    with django_assert_num_queries(7):
        response = client.get(BOARD, {"sort": "-week", "per_page": "50"})
    assert len(response.context["page"]) == rows


@pytest.fixture
def champions() -> list[Champion]:
    """Q1 2026 (魏, 5 signed), the year 2025 (鹰, 9 signed), Q2 2026 (陈, 3 signed)."""
    return [
        ChampionFactory(
            kind=kind,
            period_start=start,
            period_end=end,
            designer=DesignerFactory(name=name),
            signed_count=signed,
        )
        for kind, start, end, name, signed in (
            (Champion.Kind.QUARTERLY, date(2026, 1, 1), date(2026, 3, 31), "魏", 5),
            (Champion.Kind.ANNUAL, date(2025, 1, 1), date(2025, 12, 31), "鹰", 9),
            (Champion.Kind.QUARTERLY, date(2026, 4, 1), date(2026, 6, 30), "陈", 3),
        )
    ]


def test_champions_sort_by_period_title_designer_and_signed(login, gm, champions):
    q1, year, q2 = (title.pk for title in champions)
    client = login(gm)
    assert titles(client.get(CHAMPIONS)) == [q2, q1, year]  # newest period first
    assert titles(client.get(CHAMPIONS, {"sort": "period"})) == [year, q1, q2]
    assert titles(client.get(CHAMPIONS, {"sort": "title"})) == [q1, q2, year]  # quarterly first
    assert titles(client.get(CHAMPIONS, {"sort": "-designer"})) == [year, q1, q2]  # 鹰 魏 陈
    assert titles(client.get(CHAMPIONS, {"sort": "signed"})) == [q2, q1, year]
    assert titles(client.get(CHAMPIONS, {"sort": "-signed"})) == [year, q1, q2]


def test_champions_ignore_an_unknown_sort_and_keep_the_page_size(login, gm, champions):
    client = login(gm)
    response = client.get(CHAMPIONS, {"sort": "decided_at"})
    assert response.context["listing"].sort == "-period"
    body = client.get(CHAMPIONS, {"per_page": "50", "sort": "signed"}).content.decode()
    assert 'aria-sort="ascending"' in body
    assert 'href="?per_page=50&amp;sort=-signed"' in body
    assert 'data-testid="champions"' in body


@pytest.mark.parametrize("rows", [5, 50])
def test_sorted_champions_query_count_is_fixed(login, gm, django_assert_num_queries, rows):
    ChampionFactory.create_batch(rows, decided_by=gm)
    client = login(gm)
    client.get(CHAMPIONS)
    # session, user, permissions, count, titles with their designers and deciders.
    with django_assert_num_queries(5):
        response = client.get(CHAMPIONS, {"sort": "-designer", "per_page": "50"})
    assert len(response.context["page"]) == rows
