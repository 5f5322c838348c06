"""CARE-3 occasions: the nightly greeting list — festivals from the holiday calendar, move-in
anniversaries — never listing a customer who declined; idempotent like the other nightly jobs."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from attendance.models import CalendarDay, CalendarDayKind
from leads.models import CustomerProfile, Greeting
from leads.rules import care as rules
from leads.services.occasions import build_greetings
from reports.services import jobs
from tests.leads.factories import LeadFactory
from tests.leads.lifecycle_factories import ensure_lifecycle_defaults, signed_lead

SPRING = date(2027, 2, 6)


def test_care3_festival_is_the_first_day_of_a_named_holiday():
    holidays = {date(2027, 2, 5): "", SPRING: "春节", date(2027, 2, 7): "春节"}
    assert rules.festival_on(SPRING, holidays) == "春节"
    assert rules.festival_on(date(2027, 2, 7), holidays) is None  # greeted once, not daily
    assert rules.festival_on(date(2027, 2, 5), holidays) is None  # a holiday without a name
    assert rules.festival_on(date(2027, 3, 1), holidays) is None


def test_care3_declined_customer_is_never_listed():
    day = date(2027, 5, 1)
    customers = [
        rules.Customer("1", "甲", 1, rules.Consent.GRANTED, date(2025, 5, 1), signed=True),
        rules.Customer("2", "乙", 2, rules.Consent.DECLINED, date(2025, 5, 1), signed=True),
        rules.Customer("3", "丙", 3, rules.Consent.UNKNOWN, None, signed=True),
        rules.Customer("4", "丁", 4, rules.Consent.UNKNOWN, None, signed=False),
    ]
    items = rules.greetings_for(day, "劳动节", customers, "入住周年")
    listed = {(item.customer.phone, item.occasion) for item in items}
    assert listed == {("1", "FESTIVAL"), ("1", "ANNIVERSARY"), ("3", "FESTIVAL")}


@pytest.fixture
def customers(db, customer_manager, designer):
    ensure_lifecycle_defaults()
    CalendarDay.objects.create(day=SPRING, kind=CalendarDayKind.HOLIDAY, name="春节")
    CalendarDay.objects.create(day=date(2027, 2, 7), kind=CalendarDayKind.HOLIDAY, name="春节")
    signed, _ = signed_lead(designer=designer, by=customer_manager, phone="13911110001")
    declined, _ = signed_lead(designer=designer, by=customer_manager, phone="13911110002")
    CustomerProfile.objects.create(phone=declined.phone, consent="DECLINED", consent_on=SPRING)
    mover = LeadFactory(phone="13911110003", customer_name="周年客户")
    CustomerProfile.objects.create(phone=mover.phone, moved_in_on=date(2025, 2, 6))
    declined_mover = LeadFactory(phone="13911110004")
    CustomerProfile.objects.create(
        phone=declined_mover.phone, moved_in_on=date(2025, 2, 6), consent="DECLINED"
    )
    LeadFactory(phone="13911110005")  # never signed, no move-in day: not greeted
    return signed, mover


@pytest.mark.django_db
def test_care3_festival_and_anniversary_found_declined_never_listed(customers):
    signed, mover = customers
    with translation.override("en"):
        assert build_greetings(day=SPRING) == 2
    listed = set(Greeting.objects.values_list("phone", "occasion", "label", "lead_id"))
    assert listed == {
        (signed.phone, "FESTIVAL", "春节", signed.pk),
        (mover.phone, "ANNIVERSARY", "Move-in anniversary", mover.pk),
    }


@pytest.mark.django_db
def test_care3_job_run_twice_creates_no_duplicates(customers):
    night = date(2027, 2, 5)  # the night before the festival prepares the morning's list
    first = jobs.run_nightly(day=night, jobs=["greetings"])
    second = jobs.run_nightly(day=night, jobs=["greetings"])
    assert [run.outcome for run in first + second] == ["OK", "OK"]
    assert Greeting.objects.filter(day=SPRING).count() == 2
    assert build_greetings(day=SPRING) == 0
    assert build_greetings(day=date(2027, 2, 7)) == 0  # the festival's second day: nobody


@pytest.mark.django_db
def test_care3_greetings_page_lists_the_day_and_records_the_greeting(login, cs_agent, customers):
    build_greetings(day=SPRING)
    CustomerProfile.objects.create(phone="13911110001", consent="DECLINED")  # declined since
    client = login(cs_agent)
    url = reverse("leads:greetings")
    response = client.get(url, {"day": SPRING.isoformat()})
    assert response.status_code == 200
    rows = [row for row, _phone in response.context["rows"]]
    assert [row.phone for row in rows] == ["13911110003"]  # declined since: left off
    done = client.post(reverse("leads:greeting_done", args=[rows[0].pk]))
    assert done.status_code == 302
    assert Greeting.objects.get(pk=rows[0].pk).done_by == cs_agent


@pytest.mark.django_db
def test_care3_greetings_page_fixed_query_count(login, cs_agent, customers):
    client = login(cs_agent)
    url = reverse("leads:greetings")
    build_greetings(day=SPRING)
    client.get(url, {"day": SPRING.isoformat()})  # warm the session and caches
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"day": SPRING.isoformat()})
    for n in range(6):
        lead = LeadFactory(phone=f"1370000000{n}")
        Greeting.objects.create(
            day=SPRING,
            occasion="FESTIVAL",
            label="春节",
            phone=lead.phone,
            lead=lead,
            customer_name=lead.customer_name,
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url, {"day": SPRING.isoformat()})
    assert len(many) == len(few)


@pytest.mark.django_db
def test_care3_greetings_page_is_for_agents_and_the_customer_manager(login, designer, hr):
    url = reverse("leads:greetings")
    assert login(designer).get(url).status_code == 403
    assert login(hr).get(url).status_code == 403
