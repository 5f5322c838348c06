"""The GM's complaint card (issue 15): the month's figures read only the rows that can count,
so the edges of "open at the cut-off" are pinned here."""

from datetime import datetime

import pytest
from django.utils import timezone

from complaints.models import ComplaintStatus
from complaints.queries.workbench import month_figures
from tests.complaints.factories import ComplaintFactory

pytestmark = pytest.mark.django_db
BEIJING = timezone.get_fixed_timezone(480)


def at(month: int, day: int, hour: int = 10) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=BEIJING)


def test_month_figures_count_received_and_open_at_each_cut_off():
    closed = ComplaintStatus.CLOSED
    ComplaintFactory(received_at=at(4, 3))  # this month, open
    ComplaintFactory(
        received_at=at(3, 3), status=closed, closed_at=at(3, 20), reply_text="已答复"
    )  # open on 16 Mar
    ComplaintFactory(
        received_at=at(3, 4), status=closed, closed_at=at(3, 10), reply_text="已答复"
    )  # closed by then
    ComplaintFactory(
        received_at=at(1, 5), status=closed, closed_at=at(2, 1), reply_text="已答复"
    )  # long closed
    ComplaintFactory(received_at=at(1, 6))  # old and still open
    figures = month_figures(
        start=at(4, 1, 0),
        end=at(4, 16, 0),
        prev_start=at(3, 1, 0),
        prev_end=at(3, 16, 0),
        now=at(4, 15),
    )
    assert (figures["received"], figures["prev_received"]) == (1, 2)
    assert (figures["open"], figures["prev_open"]) == (2, 2)
