"""Saved list views ("我的视图"): a person's named filters on one list (core.lists pages).

Only the owner reads, applies or deletes their views; the stored query string never holds a page
number, so applying a view starts at page 1.
"""

import re

from django.db import transaction
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.http import url_has_allowed_host_and_scheme

from core.lists import PAGE_PARAM

from .models import SavedView, Staff

LIST_KEY = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")
MAX_QUERY = SavedView._meta.get_field("query_string").max_length


def clean_query(query: str) -> str:
    """The filters of `query` without the page number (and without a leading "?")."""
    params = QueryDict(query.removeprefix("?"), mutable=True)
    params.pop(PAGE_PARAM, None)
    return params.urlencode()[:MAX_QUERY]


def is_list_key(value: str) -> bool:
    return bool(LIST_KEY.match(value))


def safe_path(path: str) -> str:
    """`path` when it is a path on this site (a list page), else ""."""
    if path.startswith("/") and url_has_allowed_host_and_scheme(path, allowed_hosts=None):
        return path
    return ""


def views_for(owner: Staff, list_key: str) -> QuerySet[SavedView]:
    return SavedView.objects.filter(owner=owner, list_key=list_key).order_by("name")


def save_view(*, owner: Staff, list_key: str, name: str, query: str) -> SavedView:
    """Saves the filters under `name`; saving again under the same name replaces them."""
    with transaction.atomic():
        view, _ = SavedView.objects.update_or_create(
            owner=owner,
            list_key=list_key,
            name=name.strip(),
            defaults={"query_string": clean_query(query)},
        )
    return view


def delete_view(*, owner: Staff, pk: int) -> bool:
    """Deletes the owner's view; False when `pk` is not one of theirs."""
    with transaction.atomic():
        deleted, _ = SavedView.objects.filter(owner=owner, pk=pk).delete()
    return deleted > 0
