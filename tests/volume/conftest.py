import pytest
from django.test import modify_settings


@pytest.fixture
def bench_installed():
    """bench/ is tooling, installed only where needed (DJANGO_BENCH=1, see config/settings.py);
    the tests of its commands install it the same way for their own duration."""
    with modify_settings(INSTALLED_APPS={"append": "bench"}):
        yield
