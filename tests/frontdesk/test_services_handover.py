"""FD-6: handover notes under the source's headings, taken over by the next shift; the page
lists what must be followed up: open callbacks, today's and tomorrow's visits, complaints
registered today, people still out."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from attendance.models import BusinessOuting, OutingStatus
from frontdesk.queries.handover import follow_ups, to_take_over
from frontdesk.services import handover as services
from frontdesk.services.errors import FrontDeskError
from leads.models import Callback
from tests.complaints.factories import ComplaintFactory
from tests.frontdesk.factories import AppointmentFactory
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db

BEIJING = timezone.get_fixed_timezone(8 * 60)
NOW = datetime(2026, 3, 12, 17, 30, tzinfo=BEIJING)


@pytest.fixture(autouse=True)
def _evening():
    with time_machine.travel(NOW, tick=False):
        yield


def write(by, **sections):
    return services.write_handover(
        by=by, shift_date=timezone.localdate(), shift="MORNING", **sections
    )


def test_fd6_handover_needs_something_to_hand_over(front_desk):
    with pytest.raises(FrontDeskError) as exc:
        write(front_desk, notices=" ", equipment="")
    assert str(exc.value) == "Write at least one thing the next shift must know."


def test_fd6_next_shift_takes_over_once_not_the_writer(front_desk, cs_agent, customer_manager):
    note = write(front_desk, notices="明天9点开会", equipment="复印机卡纸，已报修")
    assert [heading for heading, _ in note.sections] == [
        "notices from superiors",
        "equipment changes",
    ]
    assert to_take_over(front_desk) is None
    assert to_take_over(cs_agent) == note
    with pytest.raises(FrontDeskError) as exc:
        services.acknowledge_handover(note=note, by=front_desk)
    assert str(exc.value) == "The next shift takes over a note, not its writer."
    services.acknowledge_handover(note=note, by=cs_agent)
    with pytest.raises(FrontDeskError) as exc:
        services.acknowledge_handover(note=note, by=customer_manager)
    assert str(exc.value) == f"{cs_agent} has already taken this over."
    assert to_take_over(customer_manager) is None


def at(days: int, hour: int) -> datetime:
    day = NOW.date() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, tzinfo=BEIJING)


def test_fd6_follow_ups_list_what_the_next_shift_must_do(cs_agent, front_desk):
    lead = LeadFactory()
    overdue = Callback.objects.create(
        lead=lead, kind="AFTER_DISPATCH", assignee=cs_agent, due_at=at(-1, 10)
    )
    tomorrow_cb = Callback.objects.create(
        lead=lead, kind="AFTER_MEASUREMENT", assignee=cs_agent, due_at=at(1, 15)
    )
    Callback.objects.create(  # the day after tomorrow: not yet
        lead=LeadFactory(), kind="AFTER_DISPATCH", assignee=cs_agent, due_at=at(2, 9)
    )
    Callback.objects.create(  # done: nothing to follow up
        lead=LeadFactory(),
        kind="AFTER_DISPATCH",
        assignee=cs_agent,
        due_at=at(0, 9),
        done_at=at(0, 10),
    )
    today_visit = AppointmentFactory(starts_at=at(0, 19))
    tomorrow_visit = AppointmentFactory(starts_at=at(1, 10))
    AppointmentFactory(starts_at=at(2, 10))
    AppointmentFactory(starts_at=at(0, 20), status="CANCELLED")
    complaint = ComplaintFactory()  # created now
    ComplaintFactory.create(received_at=at(-1, 9))  # registered today too (created_at now)
    out = BusinessOuting.objects.create(
        staff=front_desk,
        day=NOW.date(),
        planned_out="14:00",
        planned_back="18:00",
        destination="建材市场",
        purpose="取样品",
        status=OutingStatus.APPROVED,
        out_at=at(0, 14),
    )
    follow = follow_ups(timezone.now())
    assert (follow.callbacks, follow.callbacks_count) == ([overdue, tomorrow_cb], 2)
    assert (follow.today, follow.tomorrow) == ([today_visit], [tomorrow_visit])
    assert complaint in follow.complaints and len(follow.complaints) == 2
    assert follow.still_out == [out]
