"""FD-9: daily mood check-in; managers mark a call, complaint or callback as a good case; the
month's cases for the meeting."""

from datetime import date, datetime

import pytest
import time_machine
from django.utils import timezone

from frontdesk.models import GoodCase, MoodCheckIn
from frontdesk.queries.team import good_cases
from frontdesk.services import team
from frontdesk.services.errors import FrontDeskError
from leads.models import Callback
from tests.complaints.factories import ComplaintFactory
from tests.frontdesk.factories import CallRecordFactory
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db

BEIJING = timezone.get_fixed_timezone(8 * 60)


def test_fd9_agent_checks_in_once_a_day_the_second_replaces_the_first(cs_agent):
    team.check_in_mood(by=cs_agent, mood=2, note="昨晚没睡好")
    team.check_in_mood(by=cs_agent, mood=3)
    checkin = MoodCheckIn.objects.get()
    assert (checkin.agent, checkin.day, checkin.mood, checkin.note) == (
        cs_agent,
        timezone.localdate(),
        3,
        "",
    )


def test_fd9_mood_is_one_to_five_and_for_agents_and_the_desk(cs_agent, designer):
    with pytest.raises(FrontDeskError) as exc:
        team.check_in_mood(by=cs_agent, mood=6)
    assert str(exc.value) == "Choose a mood from 1 to 5."
    with pytest.raises(FrontDeskError) as exc:
        team.check_in_mood(by=designer, mood=4)
    assert str(exc.value) == "Only agents and the front desk check in their mood."


def test_fd9_good_call_credits_its_agent(customer_manager, cs_agent):
    call = CallRecordFactory(agent=cs_agent)
    case = team.mark_good_case(by=customer_manager, note="安抚情绪激动的客户", call_record=call)
    assert (case.staff, case.call_record, case.marked_by) == (cs_agent, call, customer_manager)
    with pytest.raises(FrontDeskError) as exc:
        team.mark_good_case(by=customer_manager, note="再标一次", call_record=call)
    assert str(exc.value) == "This is already a good case."


def test_fd9_good_complaint_credits_who_replied(customer_manager, cs_agent):
    complaint = ComplaintFactory(replied_by=cs_agent)
    case = team.mark_good_case(by=customer_manager, note="当天回复，客户满意", complaint=complaint)
    assert case.staff == cs_agent


def test_fd9_good_callback_must_have_been_made(customer_manager, cs_agent):
    callback = Callback.objects.create(
        lead=LeadFactory(), kind="AFTER_DISPATCH", assignee=cs_agent, due_at=timezone.now()
    )
    with pytest.raises(FrontDeskError) as exc:
        team.mark_good_case(by=customer_manager, note="x", callback=callback)
    assert str(exc.value) == "Only a callback that was made can be a good case."
    callback.done_at, callback.done_by = timezone.now(), cs_agent
    callback.save()
    assert (
        team.mark_good_case(by=customer_manager, note="问得细", callback=callback).staff == cs_agent
    )


def test_fd9_one_subject_a_note_and_a_manager(customer_manager, cs_agent, front_desk):
    call = CallRecordFactory(agent=cs_agent)
    with pytest.raises(FrontDeskError) as exc:
        team.mark_good_case(by=customer_manager, note="x")
    assert str(exc.value) == "Choose one call, complaint or callback."
    with pytest.raises(FrontDeskError) as exc:
        team.mark_good_case(by=customer_manager, note=" ", call_record=call)
    assert str(exc.value) == "Say why it is a good case."
    with pytest.raises(FrontDeskError) as exc:
        team.mark_good_case(by=front_desk, note="好", call_record=call)
    assert str(exc.value) == "Only managers mark good cases."


def test_fd9_the_months_cases_in_order(customer_manager, cs_agent):
    calls = CallRecordFactory.create_batch(3, agent=cs_agent)
    for moment, call in zip(
        [datetime(2026, 2, 28, 23, 0), datetime(2026, 3, 1, 0, 30), datetime(2026, 3, 31, 23, 59)],
        calls,
        strict=True,
    ):
        with time_machine.travel(moment.replace(tzinfo=BEIJING), tick=False):
            team.mark_good_case(by=customer_manager, note="好", call_record=call)
    march = list(good_cases(date(2026, 3, 1)))
    assert [case.call_record for case in march] == calls[1:]
    assert GoodCase.objects.count() == 3
