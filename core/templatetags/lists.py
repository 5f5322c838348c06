"""Tags of the shared list pattern (core.lists): sortable headers and links that keep filters.

{% load lists %}
{% sort_th listing "created" _("Registered") %}   a <th> with aria-sort and a link
{% sort_link listing "created" _("Registered") %} the same link alone (lists of cards)
{% query_url page=3 %}                             ?<the request's params>&page=3
{% for n in page|page_numbers %}                   1 2 … 7 8 9 … 20 (None for a gap)
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.lists import ListPage, SortLink, query_string

register = template.Library()

ARROWS = {"ascending": "▲", "descending": "▼"}
CURRENT = mark_safe(' aria-current="true"')  # noqa: S308 - a constant


def _link(link: SortLink, key: str, label: str, *, plain: str, active: str, current=False) -> str:
    """The sort link itself, for a header or a row above cards: when its column is the sorted
    one, the `active` classes, ▲ or ▼, a hint for screen readers and, with `current`,
    aria-current (a card list has no <th> to carry aria-sort)."""
    if not link.state:
        html = '<a class="{}" href="{}" data-sort="{}">{}</a>'
        return format_html(html, plain, link.url, key, label)
    hint = _("sorted ascending") if link.state == "ascending" else _("sorted descending")
    return format_html(
        '<a class="{}" href="{}" data-sort="{}"{}>{} <span class="sort-arrow" aria-hidden="true">'
        '{}</span><span class="visually-hidden">{}</span></a>',
        active,
        link.url,
        key,
        CURRENT if current else "",
        label,
        ARROWS[link.state],
        hint,
    )


@register.simple_tag
def sort_th(listing: ListPage | None, key: str, label: str, css: str = "") -> str:
    """The column header: a link that sorts by `key` (or reverses it), marked when sorted.
    Without a ListPage (a partial shared with an unsorted list) a plain header."""
    if listing is None or not isinstance(listing, ListPage):
        return format_html('<th scope="col" class="{}">{}</th>', css, label)
    link = listing.sort_link(key)
    anchor = _link(link, key, label, plain="sort-link", active="sort-link active")
    if not link.state:
        return format_html('<th scope="col" class="{}">{}</th>', css, anchor)
    return format_html('<th scope="col" class="{}" aria-sort="{}">{}</th>', css, link.state, anchor)


@register.simple_tag
def sort_link(listing: ListPage, key: str, label: str) -> str:
    """The header's link without the <th>, for a list shown as cards: a row of these above the
    cards sorts them. The sorted one is marked with aria-current (aria-sort belongs to a <th>)."""
    return _link(
        listing.sort_link(key),
        key,
        label,
        plain="sort-link link-secondary text-decoration-none",
        active="sort-link active fw-semibold text-decoration-none",
        current=True,
    )


@register.simple_tag(takes_context=True)
def query_url(context, **changes) -> str:
    """`?…` of the current request with `changes`; the other params (filters, sort) kept."""
    return query_string(context["request"].GET, **changes)


@register.filter
def page_numbers(page) -> list[int | None]:
    """The page numbers to show around the current one; None marks a gap."""
    numbers = page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    return [n if isinstance(n, int) else None for n in numbers]
