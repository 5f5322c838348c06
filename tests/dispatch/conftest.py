"""Dispatch fixtures: a fixed Wednesday in the off season, and designers of each tier."""

import datetime

import pytest
import time_machine
from django.utils import translation

from staff.models import DesignerTier
from tests.dispatch.factories import DesignerFactory

# Wednesday 2026-07-15, 10:00 Beijing time: mid-week, off season unless a test adds a range.
NOW = datetime.datetime(2026, 7, 15, 10, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))


@pytest.fixture(autouse=True)
def _english():
    """Assert the English source messages (the UI is Chinese by default)."""
    with translation.override("en"):
        yield


@pytest.fixture
def frozen_now():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def make_designer(db):
    """make_designer(tier=..., employee_no=...) -> an active designer."""

    def _make(tier: str = DesignerTier.DESIGNER, **fields):
        return DesignerFactory(designer_tier=tier, **fields)

    return _make


@pytest.fixture
def login(login, settings):
    """The shared login(user), with English chosen in the language switcher."""

    def _login(user):
        client = login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return _login
