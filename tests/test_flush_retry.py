"""The test suite's own safety net (tests/conftest.py): a flush that PostgreSQL refuses with a
deadlock while the live worker is still reading is tried again; any other error is not."""

import pytest
from django.core.management.base import CommandError
from django.db import OperationalError

from tests.conftest import _flush_again_after_a_deadlock


def flaky(errors):
    calls = []

    def flush(_case):
        calls.append(True)
        if errors:
            raise errors.pop(0)

    return flush, calls


def test_a_deadlocked_flush_is_tried_again(monkeypatch):
    monkeypatch.setattr("tests.conftest.time.sleep", lambda _seconds: None)
    refused = CommandError("Database couldn't be flushed.")
    refused.__cause__ = OperationalError("deadlock detected")
    flush, calls = flaky([refused])
    _flush_again_after_a_deadlock(flush)(object())
    assert len(calls) == 2


def test_other_flush_errors_and_a_third_deadlock_are_raised(monkeypatch):
    monkeypatch.setattr("tests.conftest.time.sleep", lambda _seconds: None)
    flush, calls = flaky([OperationalError("relation does not exist")])
    with pytest.raises(OperationalError):
        _flush_again_after_a_deadlock(flush)(object())
    assert len(calls) == 1
    flush, calls = flaky([OperationalError("deadlock detected") for _ in range(3)])
    with pytest.raises(OperationalError):
        _flush_again_after_a_deadlock(flush)(object())
    assert len(calls) == 3
