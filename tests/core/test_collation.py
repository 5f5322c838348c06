"""Chinese text sorts by pinyin where the database can (core.collation.Pinyin, issue 15).

Code point order puts 白 (bai) before 艾 (ai); readers expect 艾 白 陈, as Excel sorts them. On
PostgreSQL the ICU collation gives that order; SQLite keeps code point order. The test that
shows the difference runs where production runs (PostgreSQL, the whole suite in CI)."""

import pytest
from django.core import checks
from django.db import connection
from django.urls import reverse

from core.collation import Pinyin, pinyin_collation_exists
from core.lists import ordering
from staff.models import Staff
from tests.factories import StaffFactory

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pinyin order needs PostgreSQL's ICU collation"
)


def test_an_expression_in_a_sort_is_ordered_ascending_or_descending():
    name = Pinyin("name")
    ascending, tiebreak = ordering("name", {"name": (name, "employee_no")})
    assert ascending.descending is False and ascending.expression is name
    assert tiebreak == "employee_no"
    descending, tiebreak = ordering("-name", {"name": (name, "employee_no")})
    assert descending.descending is True and tiebreak == "-employee_no"


@pytest.mark.django_db
def test_pinyin_compiles_to_the_collation_only_on_postgresql():
    sql = str(Staff.objects.order_by(Pinyin("name")).query)
    if connection.vendor == "postgresql":
        assert 'COLLATE "zh-x-icu"' in sql
    else:
        assert "COLLATE" not in sql


@pytest.mark.django_db
def test_an_empty_setting_sorts_by_code_point_on_postgresql_too(settings):
    settings.PINYIN_COLLATION = ""
    assert "COLLATE" not in str(Staff.objects.order_by(Pinyin("name")).query)


@on_postgresql
@pytest.mark.django_db
def test_names_sort_by_pinyin_on_postgresql():
    for number, name in (("P1", "陈"), ("P2", "白"), ("P3", "艾")):
        StaffFactory(employee_no=number, name=name)
    names = Staff.objects.filter(employee_no__startswith="P").order_by(Pinyin("name"))
    assert [person.name for person in names] == ["艾", "白", "陈"]  # code point: 白 艾 陈


@on_postgresql
@pytest.mark.django_db
def test_the_staff_directory_sorts_names_by_pinyin(login, hr):
    for number, name in (("P1", "陈"), ("P2", "白"), ("P3", "艾")):
        StaffFactory(employee_no=number, name=name)
    response = login(hr).get(reverse("staff:list"), {"q": "P", "sort": "name"})
    assert [person.name for person in response.context["page"]] == ["艾", "白", "陈"]


@pytest.mark.django_db
def test_the_database_check_finds_the_pinyin_collation(settings):
    assert pinyin_collation_exists(databases=["default"]) == []
    settings.PINYIN_COLLATION = "no-such-collation"
    found = pinyin_collation_exists(databases=["default"])
    if connection.vendor == "postgresql":
        assert [error.id for error in found] == ["core.E001"]
        assert "DB_PINYIN_COLLATION" in found[0].hint
    else:
        assert found == []  # SQLite sorts by code point whatever the setting


def test_the_check_is_registered_for_check_database():
    registered = checks.registry.registry.get_checks(include_deployment_checks=True)
    assert pinyin_collation_exists in registered
    assert checks.Tags.database in pinyin_collation_exists.tags
