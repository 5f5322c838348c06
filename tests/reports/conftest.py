"""Fixtures of the report tests."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are asserted in their English source form (pages too)."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
