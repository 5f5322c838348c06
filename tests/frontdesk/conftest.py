"""Fixtures of the front desk tests."""

import pytest
from django.utils import translation

from tests.frontdesk.factories import SampleHouseFactory


@pytest.fixture
def house(db):
    return SampleHouseFactory(name="阳光小区3-501 现代简约")


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are asserted in their English source form (pages too)."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
