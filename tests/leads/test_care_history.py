"""CARE-1: the customer history page (客史档案): one page per customer gathering leads, contracts,
complaints, callbacks, visits and feedback; preferences anyone serving the customer records;
SEC-1 access and masks; a fixed number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from complaints.models import ComplaintCategory
from complaints.services.care import complaint_from_care_feedback
from leads.models import CareCall, CarePoint, CustomerProfile, LeadEvent, LeadState
from leads.services import care as services
from leads.services.profiles import save_profile
from tests.factories import StaffFactory
from tests.leads.factories import LeadFactory
from tests.leads.lifecycle_factories import ensure_lifecycle_defaults, signed_lead

pytestmark = pytest.mark.django_db
PHONE = "13812345678"


@pytest.fixture
def customer(customer_manager, designer, cs_agent):
    """A signed customer with a care call answered with a low score that became a complaint."""
    ensure_lifecycle_defaults()
    CarePoint.objects.all().delete()
    CarePoint.objects.create(name="开工后 7 天", anchor="START", offset_days=7)
    ComplaintCategory.objects.get_or_create(name="施工质量")
    lead, _contract = signed_lead(
        designer=designer, by=customer_manager, contract_type="CONSTRUCTION", phone=PHONE
    )
    call = CareCall.objects.get()
    feedback = services.record_care_feedback(
        care_call=call, satisfaction=2, comments="进度慢", by=cs_agent
    )
    complaint_from_care_feedback(feedback=feedback, by=cs_agent)
    return lead


def _add_history(lead, n: int) -> None:
    for i in range(n):
        LeadEvent.objects.create(
            lead=lead, kind=LeadEvent.Kind.VISIT, text=f"到店 {i}", at=timezone.now()
        )
        old = LeadFactory(phone=lead.phone, state=LeadState.INVALID)
        old.created_at = timezone.now() - timedelta(days=400 + i)


def _url(lead):
    return reverse("leads:customer_history", args=[lead.pk])


def test_care1_history_gathers_everything_about_the_customer(customer, cs_agent, login):
    page = login(cs_agent).get(_url(customer)).content.decode()
    for kind in ("Lead", "Contract", "Complaint", "Feedback"):
        assert f">{kind}</span>" in page
    assert "进度慢" in page
    assert PHONE in page  # agents call customers: full number


def test_care1_phone_masked_for_roles_that_do_not_call(customer, gm, login):
    page = login(gm).get(_url(customer)).content.decode()
    assert PHONE not in page
    assert "138****5678" in page


def test_care1_designer_sees_only_their_own_customers(customer, make_designer, designer, login):
    assert login(designer).get(_url(customer)).status_code == 200
    assert login(make_designer()).get(_url(customer)).status_code == 404


def test_care1_anyone_serving_the_customer_records_preferences(customer, front_desk, login):
    data = {"style": "新中式", "family": "三口之家", "best_time": "晚上", "consent": "GRANTED"}
    login(front_desk).post(reverse("leads:customer_profile", args=[customer.pk]), data)
    profile = CustomerProfile.objects.get(phone=PHONE)
    assert (profile.style, profile.consent, profile.consent_on) == (
        "新中式",
        "GRANTED",
        timezone.localdate(),
    )


def test_care3_consent_date_kept_while_consent_unchanged(front_desk):
    first = save_profile(phone=PHONE, by=front_desk, consent="DECLINED")
    first.consent_on = timezone.localdate() - timedelta(days=10)
    first.save()
    again = save_profile(phone=PHONE, by=front_desk, consent="DECLINED", style="简约")
    assert again.consent_on == timezone.localdate() - timedelta(days=10)


def _queries(client, url) -> int:
    client.get(url)  # warm sessions and caches
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_care1_history_page_runs_a_fixed_number_of_queries(customer, cs_agent, login):
    client = login(cs_agent)
    _add_history(customer, 1)
    few = _queries(client, _url(customer))
    _add_history(customer, 8)
    many = _queries(client, _url(customer))
    assert few == many
    assert many <= 16


def test_care1_outsider_roles_cannot_open_history(customer, login):
    outsider = StaffFactory(roles=["HR"])
    assert login(outsider).get(_url(customer)).status_code == 404
