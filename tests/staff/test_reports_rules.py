"""REP-1 routing as a pure rule: level by level, urgent skips named."""

import pytest

from staff.rules import RouteReason, chain_above, route_report

CHAIN = [11, 22, 33]  # direct supervisor, their supervisor, the GM


def test_rep1_a_report_goes_to_the_direct_supervisor():
    route = route_report(CHAIN, urgent=False)
    assert (route.allowed, route.reason, route.recipient_id, route.skipped_ids) == (
        True,
        RouteReason.DIRECT,
        11,
        (),
    )


def test_rep1_naming_the_direct_supervisor_is_no_skip():
    route = route_report(CHAIN, urgent=False, target_id=11)
    assert (route.reason, route.recipient_id, route.skipped_ids) == (RouteReason.DIRECT, 11, ())


def test_rep1_a_report_that_is_not_urgent_may_not_skip_a_level():
    route = route_report(CHAIN, urgent=False, target_id=33)
    assert (route.allowed, route.reason, route.recipient_id) == (
        False,
        RouteReason.SKIP_NOT_URGENT,
        None,
    )


@pytest.mark.parametrize(
    ("target", "skipped"),
    [(22, (11,)), (33, (11, 22))],
)
def test_rep1_urgent_report_goes_higher_and_names_every_skipped_supervisor(target, skipped):
    route = route_report(CHAIN, urgent=True, target_id=target)
    assert (route.allowed, route.reason, route.recipient_id, route.skipped_ids) == (
        True,
        RouteReason.URGENT_SKIP,
        target,
        skipped,
    )


def test_rep1_nobody_above_means_nowhere_to_report():
    route = route_report([], urgent=True)
    assert (route.allowed, route.reason) == (False, RouteReason.NO_SUPERVISOR)


def test_rep1_a_target_outside_the_chain_is_refused():
    route = route_report(CHAIN, urgent=True, target_id=99)
    assert (route.allowed, route.reason) == (False, RouteReason.NOT_IN_CHAIN)


def test_rep1_chain_is_nearest_first_and_stops_on_a_loop():
    assert chain_above({1: 2, 2: 3, 3: None}, 1) == [2, 3]
    assert chain_above({1: 2, 2: 3, 3: 2}, 1) == [2, 3]
    assert chain_above({1: None}, 1) == []
