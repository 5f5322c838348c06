"""The API's pure rules (no database)."""

from datetime import date, datetime

import pytest

from api.rules import fold_punches, ip_allowed, month_start, progress


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, 10, hour, minute)


def test_att1_punches_fold_to_earliest_in_and_latest_out():
    assert fold_punches(None, None, [at(12), at(8, 55), at(18, 5)]) == (at(8, 55), at(18, 5))


def test_att1_a_lone_punch_is_an_in_before_noon_and_an_out_after():
    assert fold_punches(None, None, [at(8, 58)]) == (at(8, 58), None)
    assert fold_punches(None, None, [at(18, 2)]) == (None, at(18, 2))


def test_att1_folding_the_same_punches_again_changes_nothing():
    first = fold_punches(None, None, [at(8, 55), at(18, 5)])
    assert fold_punches(*first, [at(8, 55), at(18, 5)]) == first


def test_att1_a_later_batch_extends_the_stored_day():
    assert fold_punches(at(8, 50), None, [at(17, 59)]) == (at(8, 50), at(17, 59))


@pytest.mark.parametrize(
    ("address", "allowed"),
    [("10.1.2.3", True), ("192.168.1.7", True), ("192.168.1.8", False), ("", False)],
)
def test_api_ip_allow_list(address, allowed):
    assert ip_allowed(address, ["10.0.0.0/8", "192.168.1.7"]) is allowed


def test_api_empty_allow_list_allows_any_address():
    assert ip_allowed("203.0.113.9", [])


def test_api_planned_month_is_its_first_day():
    assert month_start("2026-09") == date(2026, 9, 1)
    with pytest.raises(ValueError):
        month_start("九月")


def test_api_progress_is_the_furthest_stage_and_closed_wins():
    day = date(2026, 3, 1)
    assert (
        progress(
            state="MEASURED",
            registered_on=day,
            dispatched_on=day,
            measured_on=day,
            signed_on=None,
            closed_on=None,
        ).status
        == "measured"
    )
    assert (
        progress(
            state="DEAD",
            registered_on=day,
            dispatched_on=day,
            measured_on=None,
            signed_on=None,
            closed_on=day,
        ).status
        == "closed"
    )
