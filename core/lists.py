"""The shared list pattern: sort by a whitelisted key, a whitelisted page size, one page.

A list view names its sorts as `{"created": ("created_at", "id")}` (ascending ORM fields, each
key backed by an index; Chinese text as `core.collation.Pinyin("name")`, in pinyin order) and a
default such as "-created"; `?sort=-created&per_page=50&page=2` then picks the order, size and
page. Anything else in the query string (the filters) is kept in every link the page writes.
Unknown sorts and sizes fall back to the defaults: a typed URL never makes the database sort by
a column no index answers.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter

from django.core.paginator import Page, Paginator
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpRequest, QueryDict

PAGE_SIZES = (25, 50, 100)
SORT_PARAM = "sort"
SIZE_PARAM = "per_page"
PAGE_PARAM = "page"

Sorts = Mapping[str, Sequence]  # field names ("-id") or expressions (core.collation.Pinyin)


def in_declared_order(field: str, choices) -> Case:
    """A sort of a choice field in the order its choices are declared (awaiting → approved →
    rejected; firm → department → person), not by the spelling of the stored codes. For small
    or bounded lists: no index answers it."""
    ranks = [When(**{field: value}, then=Value(rank)) for rank, value in enumerate(choices.values)]
    return Case(*ranks, default=Value(len(ranks)), output_field=IntegerField())


def parse_sort(value: str | None, sorts: Sorts, default: str) -> str:
    """`value` when it names an allowed key ("name" or "-name"), else `default`."""
    value = (value or "").strip()
    return value if value.removeprefix("-") in sorts else default


def ordering(sort: str, sorts: Sorts) -> list:
    """The ORM ordering of a parsed sort: "-created" reverses every field of "created".
    A field may be an expression (`Pinyin("name")`): it is ordered with asc() / desc()."""
    descending = sort.startswith("-")
    return [_directed(field, descending) for field in sorts[sort.removeprefix("-")]]


def _directed(field, descending: bool):
    if not isinstance(field, str):
        return field.desc() if descending else field.asc()
    if not descending:
        return field
    return field[1:] if field.startswith("-") else f"-{field}"


def page_size(value: str | None, sizes: Sequence[int] = PAGE_SIZES) -> int:
    """`value` when it is one of `sizes`, else the first (the default)."""
    try:
        size = int(value or "")
    except ValueError:
        return sizes[0]
    return size if size in sizes else sizes[0]


def query_string(params: QueryDict, **changes: object) -> str:
    """`?…` with `changes` applied (None or "" removes a key) and every other param kept.

    The page number is dropped unless it is one of the changes: a new order or size starts
    again at page 1."""
    query = params.copy()
    query.pop(PAGE_PARAM, None)
    for key, value in changes.items():
        query.pop(key, None)
        if value not in (None, ""):
            query[key] = str(value)
    return f"?{query.urlencode()}"


def _value(row, name: str):
    """`row`'s `name` ("designer__name" reads row.designer.name; a dict is read by key)."""
    if isinstance(row, Mapping):
        return row.get(name)
    return attrgetter(name.replace("__", "."))(row)


def sorted_rows(rows: Iterable, fields: Sequence) -> list:
    """Rows computed in Python (a board, per-person figures, a merged day log) sorted as
    `order_by(*fields)` would sort them: one stable pass per field, last first; empty values
    go last ascending and first descending, as PostgreSQL puts NULLs. An ordering expression
    (`Pinyin("name").asc()`) sorts by its field, in code point order: Python has no pinyin."""
    result = list(rows)
    for field in reversed(fields):
        name, descending = _field_and_direction(field)
        result.sort(key=lambda row: _sort_key(row, name), reverse=descending)
    return result


def _field_and_direction(field) -> tuple[str, bool]:
    if isinstance(field, str):
        return field.removeprefix("-"), field.startswith("-")
    descending = getattr(field, "descending", False)
    while not hasattr(field, "name"):  # OrderBy(Pinyin(F("name"))) down to F("name")
        field = getattr(field, "expression", None) or field.get_source_expressions()[0]
    return field.name, descending


def _sort_key(row, name: str) -> tuple:
    value = _value(row, name)
    return (True, 0) if value is None else (False, value)


def next_sort(current: str, key: str) -> str:
    """What a click on `key`'s header asks for: the other direction on the sorted column,
    ascending on any other."""
    return f"-{key}" if current == key else key


class SizedPaginator(Paginator):
    """A Paginator that knows the page sizes a person may choose: the list footer offers them."""

    def __init__(self, rows, per_page: int, *, sizes: Sequence[int] = PAGE_SIZES) -> None:
        super().__init__(rows, per_page)
        self.sizes = tuple(sizes)


def paginate(request: HttpRequest, rows, *, sizes: Sequence[int] = PAGE_SIZES) -> Page:
    """One page of `rows` at the size chosen with `?per_page=` (one of `sizes`, else the first):
    every list's paging, sorted (`ListPage`) or not."""
    per_page = page_size(request.GET.get(SIZE_PARAM), sizes)
    return SizedPaginator(rows, per_page, sizes=sizes).get_page(request.GET.get(PAGE_PARAM))


@dataclass(frozen=True)
class SortLink:
    url: str
    state: str  # "ascending", "descending" or "" (not sorted by this column)


class ListPage:
    """One page of a list with its sort, size and the links to change them."""

    def __init__(
        self,
        request: HttpRequest,
        rows,
        *,
        sorts: Sorts | None = None,
        default_sort: str = "",
        sizes: Sequence[int] = PAGE_SIZES,
    ) -> None:
        self.params = request.GET
        self.sorts = sorts or {}
        self.sort = parse_sort(self.params.get(SORT_PARAM), self.sorts, default_sort)
        if self.sort:
            fields = ordering(self.sort, self.sorts)
            has_order_by = hasattr(rows, "order_by")
            rows = rows.order_by(*fields) if has_order_by else sorted_rows(rows, fields)
        self.sizes = tuple(sizes)
        self.page: Page = paginate(request, rows, sizes=self.sizes)
        self.per_page = self.page.paginator.per_page

    @property
    def filtered(self) -> bool:
        """Some filter is in use (the phone's filter panel then starts open)."""
        own = {SORT_PARAM, SIZE_PARAM, PAGE_PARAM}
        return any(value for key, value in self.params.items() if key not in own)

    @property
    def count(self) -> int:
        return self.page.paginator.count

    def sort_link(self, key: str) -> SortLink:
        state = ""
        if self.sort.removeprefix("-") == key:
            state = "descending" if self.sort.startswith("-") else "ascending"
        url = query_string(self.params, **{SORT_PARAM: next_sort(self.sort, key)})
        return SortLink(url=url, state=state)

    def size_links(self) -> list[tuple[int, str, bool]]:
        """(size, url, current) for each allowed page size."""
        return [
            (size, query_string(self.params, **{SIZE_PARAM: size}), size == self.per_page)
            for size in self.sizes
        ]
