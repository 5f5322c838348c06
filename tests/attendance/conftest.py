"""Attendance fixtures: a four-level chain and a fixed clock (Wednesday 2026-03-11 10:00)."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

BEIJING = timezone.get_fixed_timezone(8 * 60)


def beijing(*args) -> dt.datetime:
    """An aware Beijing time: beijing(2026, 3, 10, 9, 0)."""
    return dt.datetime(*args, tzinfo=BEIJING)


@pytest.fixture
def frozen():
    """Freeze "now" at Wednesday 2026-03-11 10:00 Beijing; returns the traveller to move on."""
    with time_machine.travel(beijing(2026, 3, 11, 10, 0), tick=False) as traveller:
        yield traveller


@pytest.fixture
def chain(db):
    """clerk -> team lead -> department manager -> GM (top), all in customer service."""
    # Imported here so the rule tests in this folder also run without Django settings.
    from staff.models import Department, Role
    from tests.factories import StaffFactory

    gm = StaffFactory(roles=[Role.GM], name="总经理王", department=Department.GM_OFFICE)
    manager = StaffFactory(roles=[Role.CUSTOMER_MANAGER], name="经理张", supervisor=gm)
    lead = StaffFactory(roles=[Role.CS_AGENT], name="组长周", supervisor=manager)
    clerk = StaffFactory(roles=[Role.CS_AGENT], name="客服吴", supervisor=lead)
    for person in (gm, manager, lead, clerk):
        person.date_joined = beijing(2020, 1, 1, 9, 0)
        person.save(update_fields=["date_joined"])
    return dt_namespace(gm=gm, manager=manager, lead=lead, clerk=clerk)


class dt_namespace:  # noqa: N801 - a tiny attribute bag for fixtures
    def __init__(self, **items) -> None:
        self.__dict__.update(items)
