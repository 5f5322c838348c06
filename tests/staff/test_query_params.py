"""Bad query parameters never answer 500 (issue 8): they are ignored, or refused with a 400.

Generated: every URL without path arguments (and a few with an object id) is fetched with
garbage for every parameter name a view reads. The names come from the code itself: each
``request.GET.get("name")`` in a views module, and the fields of every form a view fills from
``request.GET``. A value that breaks any page fails the test with the URL and the exception.
"""

import importlib
import re
from pathlib import Path

import django_filters
import pytest
from django import forms
from django.conf import settings
from django.test import Client
from django.urls import URLResolver, get_resolver

from core import lists
from core.params import to_date, to_int, to_month
from staff.models import Role
from tests.complaints.factories import ComplaintFactory
from tests.factories import StaffFactory
from tests.leads.factories import LeadFactory

ROOT = Path(settings.BASE_DIR)
APPS = ["staff", "leads", "dispatch", "complaints", "attendance", "frontdesk", "reports"]
SKIPPED_PREFIXES = ("admin/", "accounts/logout/", "i18n/")
OK = {200, 204, 301, 302, 400, 403, 404, 405}  # 301: moved pages (reports)


def _view_sources() -> str:
    files = [p for app in APPS for p in (ROOT / app).glob("views*.py")]
    files += [p for app in APPS for p in (ROOT / app).glob("views/*.py")]
    return "\n".join(p.read_text() for p in files)


def _form_fields() -> dict[str, set[str]]:
    """The field names of every form and filter set (django-filter) the apps define, by class."""
    found: dict[str, set[str]] = {}
    for app in APPS:
        paths = [*(ROOT / app).glob("*forms*.py"), *(ROOT / app).glob("forms/*.py")]
        paths += list((ROOT / app).glob("filters.py"))
        for path in paths:
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            for name, value in vars(importlib.import_module(module)).items():
                if isinstance(value, type) and issubclass(value, forms.BaseForm):
                    found.setdefault(name, set(value.base_fields))
                elif isinstance(value, type) and issubclass(value, django_filters.FilterSet):
                    found.setdefault(name, set(value.base_filters))
    return found


def parameter_names() -> set[str]:
    """Every name a view reads from the query string: by hand, or through a GET form."""
    source = _view_sources()
    names = set(re.findall(r"request\.GET\.get\(\s*\"(\w+)\"", source))
    names |= set(re.findall(r"\w+_param\(\s*request,\s*\"(\w+)\"", source))
    fields = _form_fields()
    for form_name in set(re.findall(r"(\w+)\(\s*request\.GET\s+or\s+None", source)):
        names |= fields[form_name]
    return names | {lists.SORT_PARAM, lists.SIZE_PARAM, lists.PAGE_PARAM}  # the list pattern


def _kind(name: str) -> str:
    if "month" in name or name == "period":
        return "month"
    if name in {"day", "date", "start", "end", "since", "until"} or name.endswith(
        ("_from", "_to", "_on", "_date", "_day")
    ):
        return "date"
    return "int"


# One round per kind of bad value: plain garbage, the far future, the distant past, oddities.
ROUNDS = {
    "garbage": {"int": "abc", "month": "2026-13", "date": "9999-99-99"},
    "high": {"int": "99999999999999999999", "month": "9999-12", "date": "9999-12-31"},
    "low": {"int": "-1", "month": "0001-01", "date": "0001-01-01"},
    "odd": {"int": "²", "month": "../", "date": "2026-02-30"},
}
FIXED = {"page": "-1", "format": "xlsx", "next": "//evil.example/", "period": "../"}


def query_for(round_name: str, names: set[str]) -> dict[str, str]:
    values = ROUNDS[round_name]
    query = {name: values[_kind(name)] for name in names}
    if round_name == "garbage":
        query.update(FIXED)
    return query


def plain_urls() -> list[str]:
    """Every URL pattern that takes no path arguments, outside the admin."""
    urls: list[str] = []

    def walk(patterns, prefix: str) -> None:
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, route)
            elif "<" not in route and not route.startswith(SKIPPED_PREFIXES):
                urls.append("/" + route.lstrip("^").rstrip("$"))

    walk(get_resolver().url_patterns, "")
    return sorted(set(urls))


def test_parameter_names_cover_the_hand_parsed_ones():
    """The generated list holds the names the issue found and the forms' filter fields."""
    names = parameter_names()
    assert {"agent", "page", "tab", "lead", "status", "month", "day", "year"} <= names
    assert {"sort", "per_page", "date_from", "community"} <= names  # list pattern, LeadFilter


def test_params_helpers_ignore_bad_values():
    assert to_int("abc") is None and to_int("²") is None and to_int("9" * 20) is None
    assert to_int(" 42 ") == 42 and to_int("-3") == -3
    assert to_month("2026-13") is None and to_month("9999-12") is None
    assert to_month("2026-03").isoformat() == "2026-03-01"
    assert to_date("9999-99-99") is None and to_date("0001-01-01") is None
    assert to_date("2026-03-05").isoformat() == "2026-03-05"


@pytest.fixture
def boss(db):
    return StaffFactory(name="全权", is_superuser=True, is_staff=True, roles=list(Role.values))


@pytest.mark.django_db
@pytest.mark.parametrize("agent", ["abc", "²", "99999999999999999999", "-5"])
def test_call_list_ignores_a_bad_agent(boss, agent):
    """The issue's case: /frontdesk/quality/calls/?agent=abc answered 500 (int() on it)."""
    client = Client()
    client.force_login(boss)
    assert client.get("/frontdesk/quality/calls/", {"agent": agent}).status_code == 200


@pytest.mark.django_db
def test_no_page_answers_500_on_bad_query_parameters(boss):
    lead = LeadFactory()
    complaint = ComplaintFactory()
    urls = plain_urls()
    assert "/frontdesk/quality/calls/" in urls
    urls += [
        f"/leads/{lead.pk}/",
        f"/complaints/{complaint.pk}/",
        f"/dispatch/leads/{lead.pk}/panel/",
    ]
    urls += [f"/leads/{lead.pk}/edit/", f"/complaints/{complaint.pk}/print/"]
    urls += ["/attendance/pay/2026/13/", "/attendance/pay/9999/12/print/", "/attendance/pay/1/1/"]
    names = parameter_names()
    client = Client()
    client.force_login(boss)
    failures = []
    for url in urls:
        for round_name in ROUNDS:
            query = query_for(round_name, names)
            try:
                status = client.get(url, query).status_code
            except Exception as exc:  # noqa: BLE001 - the point is to list every 500
                failures.append(f"{url} [{round_name}]: {exc!r}")
                continue
            if status not in OK:
                failures.append(f"{url} [{round_name}]: {status}")
    assert not failures, "\n".join(failures)
