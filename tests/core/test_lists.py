"""The shared list pattern's pure helpers (core.lists): no database."""

from types import SimpleNamespace

import pytest
from django.db.models import TextChoices
from django.http import QueryDict
from django.template import Context, Template
from django.test import RequestFactory

from core.collation import Pinyin
from core.lists import (
    ListPage,
    in_declared_order,
    next_sort,
    ordering,
    page_size,
    paginate,
    parse_sort,
    query_string,
    sorted_rows,
)

SORTS = {"created": ("created_at", "id"), "name": ("customer_name", "-id")}


class Rows(list):
    """A list that records the ordering asked of it (what a QuerySet's order_by gets)."""

    ordered_by: tuple[str, ...] = ()

    def order_by(self, *fields: str) -> "Rows":
        rows = Rows(self)
        rows.ordered_by = fields
        return rows


def listing(query: str = "", rows: int = 60, **kw) -> ListPage:
    request = RequestFactory().get(f"/leads/?{query}")
    return ListPage(request, Rows(range(rows)), sorts=SORTS, default_sort="-created", **kw)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("name", "name"),
        ("-name", "-name"),
        ("created", "created"),
        ("phone", "-created"),  # not offered: no index answers it
        ("--name", "-created"),
        ("", "-created"),
        (None, "-created"),
        ("customer_name", "-created"),  # a column name is not a sort key
    ],
)
def test_parse_sort_accepts_only_offered_keys(value, expected):
    assert parse_sort(value, SORTS, "-created") == expected


def test_ordering_reverses_every_field_for_a_descending_sort():
    assert ordering("created", SORTS) == ["created_at", "id"]
    assert ordering("-created", SORTS) == ["-created_at", "-id"]
    assert ordering("-name", SORTS) == ["-customer_name", "id"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("50", 50), ("100", 100), ("25", 25), ("10000", 25), ("x", 25), (None, 25)],
)
def test_page_size_is_one_of_the_offered_sizes(value, expected):
    assert page_size(value) == expected


def test_query_string_keeps_filters_and_drops_the_page():
    params = QueryDict("state=NEW&q=%E7%8E%8B&page=3&sort=name")
    assert query_string(params, sort="-name") == "?state=NEW&q=%E7%8E%8B&sort=-name"
    assert query_string(params, page=4) == "?state=NEW&q=%E7%8E%8B&sort=name&page=4"
    assert query_string(params, sort=None) == "?state=NEW&q=%E7%8E%8B"


def test_next_sort_reverses_the_sorted_column_and_starts_others_ascending():
    assert next_sort("name", "name") == "-name"
    assert next_sort("-name", "name") == "name"
    assert next_sort("-created", "name") == "name"


def test_list_page_orders_pages_and_counts():
    page = listing("sort=name&per_page=50&page=2&state=NEW")
    assert page.sort == "name"
    assert page.page.paginator.object_list.ordered_by == ("customer_name", "-id")
    assert (page.per_page, page.page.number, page.count) == (50, 2, 60)
    assert list(page.page) == list(range(50, 60))
    assert page.filtered


def test_list_page_falls_back_to_defaults_on_unknown_sort_and_size():
    page = listing("sort=password&per_page=5000")
    assert (page.sort, page.per_page) == ("-created", 25)
    assert page.page.paginator.object_list.ordered_by == ("-created_at", "-id")
    assert not page.filtered


def test_sort_link_marks_the_sorted_column_and_keeps_filters():
    page = listing("state=NEW&sort=-created&page=2")
    created, name = page.sort_link("created"), page.sort_link("name")
    assert (created.state, created.url) == ("descending", "?state=NEW&sort=created")
    assert (name.state, name.url) == ("", "?state=NEW&sort=name")


def test_size_links_keep_filters_and_mark_the_current_size():
    links = listing("state=NEW&per_page=50").size_links()
    assert links == [
        (25, "?state=NEW&per_page=25", False),
        (50, "?state=NEW&per_page=50", True),
        (100, "?state=NEW&per_page=100", False),
    ]


def render(source: str, **context) -> str:
    return Template("{% load lists %}" + source).render(Context(context))


def test_sort_th_writes_aria_sort_and_an_arrow_on_the_sorted_column():
    page = listing("sort=name")
    html = render('{% sort_th listing "name" "客户" %}', listing=page)
    assert 'aria-sort="ascending"' in html
    assert 'href="?sort=-name"' in html
    assert "▲" in html
    plain = render('{% sort_th listing "created" "登记" %}', listing=page)
    assert "aria-sort" not in plain
    assert 'href="?sort=created"' in plain


def test_sort_th_without_a_list_page_is_a_plain_header():
    assert render('{% sort_th None "name" "客户" %}') == '<th scope="col" class="">客户</th>'


def test_page_numbers_elide_the_far_pages():
    page = listing("page=10", rows=25 * 20).page
    html = render("{% for n in page|page_numbers %}{{ n|default:'…' }} {% endfor %}", page=page)
    assert html.split() == ["1", "…", "8", "9", "10", "11", "12", "…", "20"]


def test_an_unsorted_list_pages_at_the_chosen_size_and_ignores_others():
    get = RequestFactory().get
    assert paginate(get("/x/?per_page=50&page=2"), list(range(120))).object_list == list(
        range(50, 100)
    )
    assert paginate(get("/x/?per_page=7"), list(range(120))).paginator.per_page == 25
    assert paginate(get("/x/"), list(range(120)), sizes=(50, 100)).paginator.per_page == 50


def test_the_list_footer_offers_the_page_sizes_with_the_filters_kept():
    request = RequestFactory().get("/x/?state=NEW&per_page=50&page=2")
    page = paginate(request, list(range(120)))
    html = Template('{% include "partials/pagination.html" %}').render(
        Context({"page": page, "request": request})
    )
    assert "120" in html
    assert 'href="?state=NEW&amp;per_page=100"' in html
    assert 'aria-current="true">50' in html
    few = paginate(RequestFactory().get("/x/"), list(range(10)))
    assert 'data-testid="page-sizes"' not in Template(
        '{% include "partials/pagination.html" %}'
    ).render(Context({"page": few, "request": RequestFactory().get("/x/")}))


def test_rows_computed_in_python_sort_like_order_by_with_empty_values_last():
    people = [
        SimpleNamespace(name="乙", team=SimpleNamespace(no=2), load=3),
        SimpleNamespace(name="甲", team=SimpleNamespace(no=1), load=None),
        SimpleNamespace(name="丙", team=SimpleNamespace(no=1), load=5),
    ]
    names = lambda rows: [row.name for row in rows]  # noqa: E731
    assert names(sorted_rows(people, ["team__no", "load"])) == ["丙", "甲", "乙"]
    assert names(sorted_rows(people, ["load"])) == ["乙", "丙", "甲"]  # empty last
    assert names(sorted_rows(people, ["-load"])) == ["甲", "丙", "乙"]  # empty first
    assert [r["n"] for r in sorted_rows([{"n": 2}, {"n": 1}], ["n"])] == [1, 2]


def test_list_page_sorts_a_plain_list_in_python():
    request = RequestFactory().get("/board/?sort=-n")
    rows = [{"n": n} for n in (3, 1, 2)]
    page = ListPage(request, rows, sorts={"n": ("n",)}, default_sort="n").page
    assert [row["n"] for row in page] == [3, 2, 1]


def test_sort_link_marks_the_sorted_key_with_aria_current_for_lists_of_cards():
    rendered = Template('{% load lists %}{% sort_link listing "name" "Name" %}').render(
        Context({"listing": listing("sort=name&state=NEW")})
    )
    assert 'aria-current="true"' in rendered and "▲" in rendered
    assert 'href="?state=NEW&amp;sort=-name"' in rendered
    other = Template('{% load lists %}{% sort_link listing "created" "Date" %}').render(
        Context({"listing": listing("sort=name")})
    )
    assert "aria-current" not in other and 'href="?sort=created"' in other


def test_rows_computed_in_python_sort_by_the_field_of_an_ordering_expression():

    rows = [SimpleNamespace(name=name, pk=pk) for name, pk in (("b", 2), ("a", None), ("c", 1))]
    names = [row.name for row in sorted_rows(rows, [Pinyin("name").desc(), "pk"])]
    assert names == ["c", "b", "a"]
    assert [row.name for row in sorted_rows(rows, ["-pk"])] == ["a", "b", "c"]  # unsaved first


def test_in_declared_order_ranks_a_choice_field_by_its_declaration():
    class Step(TextChoices):
        WAITING = "WAITING"
        APPROVED = "APPROVED"
        CANCELLED = "CANCELLED"

    ranks = in_declared_order("status", Step)
    assert [case.result.value for case in ranks.cases] == [0, 1, 2]
    assert [case.condition.children[0] for case in ranks.cases] == [
        ("status", "WAITING"),
        ("status", "APPROVED"),
        ("status", "CANCELLED"),
    ]
    assert ranks.default.value == 3  # an unknown code sorts last
