"""The shared list pattern on more front desk lists (issue 15): the good cases, the hotline
quality page and an agent's days, the handover notes and a day's showroom visits sort by a
whitelisted key, fall back to their default order, keep their filters in the sort links, and send
as many queries for 50 rows as for 5."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from frontdesk.models import (
    AgentDailyMetric,
    Appointment,
    AppointmentStatus,
    GoodCase,
    HandoverNote,
)
from staff.models import Role
from tests.factories import StaffFactory
from tests.frontdesk.factories import (
    AppointmentFactory,
    CallRecordFactory,
    HandoverNoteFactory,
    SampleHouseFactory,
)

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")
GOOD_CASES = reverse("frontdesk:good_cases")
QUALITY = reverse("frontdesk:quality")
HANDOVER = reverse("frontdesk:handover")
APPOINTMENTS = reverse("frontdesk:appointments")
YESTERDAY = date(2026, 4, 14)  # the quality windows end on the last computed night


@pytest.fixture(autouse=True)
def _mid_morning(time_machine):
    """2026-04-15 10:00 Beijing time: "today" and "this month" stay put."""
    time_machine.move_to(datetime(2026, 4, 15, 10, 0, tzinfo=TZ), tick=False)


def at(day: int, hour: int = 10, minute: int = 0) -> datetime:
    """A moment of April 2026, Beijing time."""
    return datetime(2026, 4, day, hour, minute, tzinfo=TZ)


def rows(response, read) -> list:
    return [read(row) for row in response.context["page"]]


def pks(response) -> list[int]:
    return rows(response, lambda row: row.pk)


def agents(numbers) -> list:
    return [StaffFactory(employee_no=number, roles=[Role.CS_AGENT]) for number in numbers]


def metric(agent, day: date, *, calls: int = 10, rated: int = 5, points: int = 20, **figures):
    return AgentDailyMetric.objects.create(
        agent=agent,
        day=day,
        calls=calls,
        answered_in_time=figures.get("in_time", calls),
        talk_seconds=figures.get("talk", 100 * calls),
        rated_calls=rated,
        satisfaction_total=points,
        first_contact_resolved=figures.get("first", calls),
        complaints=figures.get("complaints", 0),
        ring_seconds_limit=15,
        computed_at=timezone.now(),
    )


# --- good cases ----------------------------------------------------------------------------------


def good_case(staff, marked_at: datetime, marked_by) -> GoodCase:
    return GoodCase.objects.create(
        staff=staff,
        call_record=CallRecordFactory(agent=staff),
        note="耐心解释报价",
        marked_by=marked_by,
        marked_at=marked_at,
    )


@pytest.fixture
def cases(customer_manager):
    """Three cases of April (Q02 marked first, Q03 second, Q01 last) and one of March."""
    q02, q03, q01 = agents(["Q02", "Q03", "Q01"])
    good_case(q01, at(1) - timedelta(days=5), customer_manager)  # March: another month
    return [
        good_case(staff, at(day), customer_manager)
        for staff, day in ((q02, 3), (q03, 8), (q01, 12))
    ]


def test_good_cases_sort_by_time_marked_and_colleague(login, customer_manager, cases):
    first, second, third = (case.pk for case in cases)
    client = login(customer_manager)
    assert pks(client.get(GOOD_CASES)) == [first, second, third]  # as they were marked
    assert pks(client.get(GOOD_CASES, {"sort": "-marked"})) == [third, second, first]
    assert pks(client.get(GOOD_CASES, {"sort": "colleague"})) == [third, first, second]
    assert pks(client.get(GOOD_CASES, {"sort": "-colleague"})) == [second, first, third]


def test_good_cases_ignore_an_unknown_sort_and_keep_the_month(login, customer_manager, cases):
    client = login(customer_manager)
    response = client.get(GOOD_CASES, {"month": "2026-04", "sort": "note"})
    assert response.context["listing"].sort == "marked"
    assert len(response.context["page"]) == 3
    body = client.get(GOOD_CASES, {"month": "2026-04", "sort": "colleague"}).content.decode()
    assert 'data-sort="colleague" aria-current="true"' in body  # cards: no <th>, a sort link
    assert 'href="?month=2026-04&amp;sort=-colleague"' in body
    assert 'href="?month=2026-04&amp;sort=marked"' in body


# --- hotline quality -----------------------------------------------------------------------------


@pytest.fixture
def quality_agents():
    """Three agents' yesterdays: Q02 the most calls, Q03 the best satisfaction, Q01 neither."""
    q02, q03, q01 = agents(["Q02", "Q03", "Q01"])
    metric(q02, YESTERDAY, calls=30, points=15)  # satisfaction 3.00
    metric(q03, YESTERDAY, calls=20, points=25)  # 5.00
    metric(q01, YESTERDAY, calls=10, points=20)  # 4.00
    return q02, q03, q01


def numbers(response) -> list[str]:
    return rows(response, lambda row: row.agent.employee_no)


def test_quality_sorts_by_agent_calls_and_satisfaction(login, customer_manager, quality_agents):
    client = login(customer_manager)
    assert numbers(client.get(QUALITY)) == ["Q01", "Q02", "Q03"]  # by employee number
    assert numbers(client.get(QUALITY, {"sort": "-agent"})) == ["Q03", "Q02", "Q01"]
    assert numbers(client.get(QUALITY, {"sort": "calls"})) == ["Q01", "Q03", "Q02"]
    assert numbers(client.get(QUALITY, {"sort": "-satisfaction"})) == ["Q03", "Q01", "Q02"]


def test_quality_ignores_an_unknown_sort_and_keeps_the_day(login, customer_manager, quality_agents):
    client = login(customer_manager)
    response = client.get(QUALITY, {"day": "2026-04-14", "sort": "mood"})
    assert response.context["listing"].sort == "agent"
    assert numbers(response) == ["Q01", "Q02", "Q03"]
    body = client.get(QUALITY, {"day": "2026-04-14", "sort": "calls"}).content.decode()
    assert 'aria-sort="ascending"' in body
    assert 'href="?day=2026-04-14&amp;sort=-calls"' in body


# --- an agent's days -----------------------------------------------------------------------------


@pytest.fixture
def agent_days():
    """One agent's three days (calls 20, 30, 10; complaints 1, 0, 2) and another agent's."""
    (agent,) = agents(["Q01"])
    for days_ago, calls, complaints in ((1, 20, 1), (2, 30, 0), (3, 10, 2)):
        metric(agent, YESTERDAY - timedelta(days=days_ago - 1), calls=calls, complaints=complaints)
    metric(StaffFactory(roles=[Role.CS_AGENT]), YESTERDAY, calls=99)
    return agent


def agent_url(agent) -> str:
    return reverse("frontdesk:quality_agent", args=[agent.pk])


def days(response) -> list[int]:
    return rows(response, lambda metric: metric.day.day)


def test_agent_days_sort_by_day_calls_and_complaints(login, customer_manager, agent_days):
    client = login(customer_manager)
    url = agent_url(agent_days)
    assert days(client.get(url)) == [14, 13, 12]  # newest first
    assert days(client.get(url, {"sort": "calls"})) == [12, 14, 13]
    assert days(client.get(url, {"sort": "-complaints"})) == [12, 14, 13]


def test_agent_days_ignore_an_unknown_sort_and_keep_the_day(login, agent_days):
    client = login(agent_days)  # an agent sees their own page
    url = agent_url(agent_days)
    response = client.get(url, {"day": "2026-04-14", "sort": "satisfaction"})
    assert response.context["listing"].sort == "-day"
    assert days(response) == [14, 13, 12]
    body = client.get(url, {"day": "2026-04-14", "sort": "calls"}).content.decode()
    assert 'aria-sort="ascending"' in body
    assert 'href="?day=2026-04-14&amp;sort=-calls"' in body


# --- handover notes ------------------------------------------------------------------------------


def handover_note(shift_date: date, written_at: datetime) -> HandoverNote:
    note = HandoverNoteFactory(shift_date=shift_date)
    HandoverNote.objects.filter(pk=note.pk).update(written_at=written_at)  # auto_now_add
    return note


@pytest.fixture
def notes():
    """Three notes, each written on its shift's day."""
    return [
        handover_note(date(2026, 4, 14), at(14, 18)),
        handover_note(date(2026, 4, 13), at(13, 18)),
        handover_note(date(2026, 4, 12), at(12, 18)),
    ]


def test_handover_notes_sort_by_writing_time_and_date(login, front_desk, notes):
    fourteenth, thirteenth, twelfth = (note.pk for note in notes)
    client = login(front_desk)
    assert pks(client.get(HANDOVER)) == [fourteenth, thirteenth, twelfth]  # newest first
    assert pks(client.get(HANDOVER, {"sort": "written"})) == [twelfth, thirteenth, fourteenth]
    assert pks(client.get(HANDOVER, {"sort": "date"})) == [twelfth, thirteenth, fourteenth]
    # The 13th's note written after the 14th's: the writing time and the date now disagree.
    HandoverNote.objects.filter(pk=thirteenth).update(written_at=at(15, 8))
    assert pks(client.get(HANDOVER)) == [thirteenth, fourteenth, twelfth]
    assert pks(client.get(HANDOVER, {"sort": "-date"})) == [fourteenth, thirteenth, twelfth]


def test_handover_notes_ignore_an_unknown_sort(login, front_desk, notes):
    client = login(front_desk)
    response = client.get(HANDOVER, {"sort": "shift"})
    assert response.context["listing"].sort == "-written"
    body = client.get(HANDOVER, {"sort": "date"}).content.decode()
    assert 'data-sort="date" aria-current="true"' in body
    assert 'href="?sort=-date"' in body


# --- a day's showroom visits ---------------------------------------------------------------------


@pytest.fixture
def visits():
    """Three visits today (鹰 at 14:00 to house B, 魏 at 11:00 to C, 陈 at 16:30 to A) and one
    tomorrow."""
    houses = {name: SampleHouseFactory(name=name) for name in "ABC"}
    AppointmentFactory(customer_name="明天", starts_at=at(16, 11), sample_house=houses["A"])
    return [
        AppointmentFactory(customer_name=name, starts_at=at(15, hour, minute), sample_house=house)
        for name, hour, minute, house in (
            ("鹰", 14, 0, houses["B"]),
            ("魏", 11, 0, houses["C"]),
            ("陈", 16, 30, houses["A"]),
        )
    ]


def customers(response) -> list[str]:
    return rows(response, lambda appointment: appointment.customer_name)


def test_day_visits_sort_by_time_customer_and_house(login, front_desk, visits):
    client = login(front_desk)
    assert customers(client.get(APPOINTMENTS)) == ["魏", "鹰", "陈"]  # by time
    assert customers(client.get(APPOINTMENTS, {"sort": "-time"})) == ["陈", "鹰", "魏"]
    assert customers(client.get(APPOINTMENTS, {"sort": "customer"})) == ["陈", "魏", "鹰"]
    assert customers(client.get(APPOINTMENTS, {"sort": "house"})) == ["陈", "鹰", "魏"]
    # Status in the visit's own order (booked, came, did not come), not by the codes' spelling.
    Appointment.objects.filter(customer_name="魏").update(status=AppointmentStatus.NO_SHOW)
    Appointment.objects.filter(customer_name="陈").update(status=AppointmentStatus.CAME)
    assert customers(client.get(APPOINTMENTS, {"sort": "status"})) == ["鹰", "陈", "魏"]


def test_day_visits_ignore_an_unknown_sort_and_keep_the_day(login, front_desk, visits):
    client = login(front_desk)
    response = client.get(APPOINTMENTS, {"day": "2026-04-15", "sort": "phone"})
    assert response.context["listing"].sort == "time"
    assert customers(response) == ["魏", "鹰", "陈"]
    body = client.get(APPOINTMENTS, {"day": "2026-04-15", "sort": "customer"}).content.decode()
    assert 'aria-sort="ascending"' in body
    assert 'href="?day=2026-04-15&amp;sort=-customer"' in body


# --- query counts --------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [5, 50])
def test_sorted_lists_send_a_fixed_number_of_queries(
    login, customer_manager, house, django_assert_num_queries, count
):
    for number, agent in enumerate(agents([f"N{n:03d}" for n in range(count)])):
        metric(agent, YESTERDAY, calls=number + 1)  # a row of the quality page
        good_case(agent, at(1 + number % 10), customer_manager)
    for number in range(1, count):  # the last agent's days
        metric(agent, YESTERDAY - timedelta(days=number), calls=number)
    HandoverNoteFactory.create_batch(count)
    for number in range(count):
        AppointmentFactory(
            sample_house=house,
            starts_at=at(15, 11) + timedelta(minutes=number),
            invited_by=StaffFactory(),
        )
    client = login(customer_manager)
    client.get(GOOD_CASES)
    per_page = {"per_page": "50"}
    # session, user, permissions, count, rows with colleague, marker and subjects.
    with django_assert_num_queries(5):
        response = client.get(GOOD_CASES, {**per_page, "sort": "-colleague"})
        assert response.status_code == 200
    # session, user, permissions, the policy, the window sums, the agents, their moods, their
    # open alerts, the charts' days, the open alerts to describe with their agents.
    with django_assert_num_queries(10):
        assert client.get(QUALITY, {**per_page, "sort": "-satisfaction"}).status_code == 200
    # session, user, the agent, permissions, the policy, the window sums, the agents, their
    # moods, their open alerts, the chart's days, count, the page of days, the mood history.
    with django_assert_num_queries(13):
        response = client.get(agent_url(agent), {**per_page, "sort": "-calls"})
        assert response.status_code == 200
    # session, user, permissions, the callbacks to follow up and their count, today's and
    # tomorrow's visits, today's complaints, colleagues still out, count, the notes.
    with django_assert_num_queries(11):
        assert client.get(HANDOVER, {**per_page, "sort": "date"}).status_code == 200
    # session, user, permissions, count, the day's visits with houses, bookers, inviters, leads.
    with django_assert_num_queries(5):
        response = client.get(APPOINTMENTS, {**per_page, "sort": "-invited"})
        assert response.status_code == 200
