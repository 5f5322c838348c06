"""The top bar's global search (`/search/?q=`, staff.search): phone in any format, name, lead
number, complaint number; row access and phone masks as on the lists (SEC-1); a fixed number of
queries; bad input answered, never a 500."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leads.models import LeadState
from staff.models import Department
from staff.search import LIMIT, parse
from tests.complaints.factories import ComplaintFactory
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db

PHONE = "13912345678"
PHONE_FORMATS = ["13912345678", "139 1234 5678", "+86 139-1234-5678", "（139）1234—5678"]


def _search(client, q: str):
    response = client.get(reverse("search"), {"q": q})
    assert response.status_code == 200
    return response


def _hits(response, kind: str):
    groups = {group.kind: group for group in response.context["results"].groups}
    return groups[kind].hits if kind in groups else []


@pytest.mark.parametrize("typed", PHONE_FORMATS)
def test_sec1_search_finds_a_lead_by_phone_in_any_format(login, front_desk, typed):
    lead = LeadFactory(customer_name="王建华", phone=PHONE)
    LeadFactory(customer_name="别人")
    response = _search(login(front_desk), typed)
    hits = _hits(response, "lead")
    assert [hit.number for hit in hits] == [str(lead.pk)]
    assert hits[0].phone == PHONE  # the front desk calls customers: full number
    assert hits[0].url == lead.get_absolute_url()


def test_care1_a_lead_found_by_search_links_to_the_customer_history(login, front_desk):
    lead = LeadFactory(customer_name="王建华", phone=PHONE)
    response = _search(login(front_desk), PHONE)
    history = reverse("leads:customer_history", args=[lead.pk])
    assert f'href="{history}" data-testid="search-history-{lead.pk}"' in response.content.decode()
    assert login(front_desk).get(history).status_code == 200


def test_sec1_search_masks_the_phone_for_a_role_that_may_not_see_it(login, gm):
    lead = LeadFactory(customer_name="王建华", phone=PHONE)
    response = _search(login(gm), "139 1234 5678")
    hits = _hits(response, "lead")
    assert [hit.number for hit in hits] == [str(lead.pk)]
    assert hits[0].phone == "139****5678"
    assert PHONE not in response.content.decode()


def test_sec1_search_shows_a_designer_only_their_own_leads(login, designer):
    mine = LeadFactory(customer_name="张三", phone=PHONE, designer=designer)
    mine.state = LeadState.DISPATCHED
    mine.save()
    other = LeadFactory(customer_name="张四", phone="13800001111")
    client = login(designer)
    assert _hits(_search(client, "13800001111"), "lead") == []
    assert other.customer_name not in _search(client, "张").content.decode()
    hits = _hits(_search(client, PHONE), "lead")
    assert [hit.number for hit in hits] == [str(mine.pk)]
    assert hits[0].phone == PHONE  # the lead's own designer sees the number (SEC-1)


def test_search_finds_a_lead_by_number_and_by_name(login, cs_agent):
    lead = LeadFactory(customer_name="欧阳娜娜")
    client = login(cs_agent)
    assert str(lead.pk) in [hit.number for hit in _hits(_search(client, str(lead.pk)), "lead")]
    assert str(lead.pk) in [hit.number for hit in _hits(_search(client, f"#{lead.pk}"), "lead")]
    assert [hit.number for hit in _hits(_search(client, "欧阳"), "lead")] == [str(lead.pk)]


def test_search_finds_a_complaint_by_number_name_and_phone(login, cs_agent):
    complaint = ComplaintFactory(customer_name="李秀英", phone=PHONE)
    ComplaintFactory(customer_name="别人")
    client = login(cs_agent)
    for typed in (complaint.number, complaint.number.lower(), "李秀英", "139-1234-5678"):
        hits = _hits(_search(client, typed), "complaint")
        assert [hit.number for hit in hits] == [complaint.number], typed
    assert hits[0].phone == PHONE  # agents may see complainants' phones


def test_sec1_complaint_phones_are_masked_and_not_searchable_without_the_permission(
    login, front_desk
):
    complaint = ComplaintFactory(customer_name="李秀英", phone=PHONE)
    client = login(front_desk)  # reads the register, may not see complainants' phones
    assert _hits(_search(client, PHONE), "complaint") == []  # the register's rule: no oracle
    hits = _hits(_search(client, complaint.number), "complaint")
    assert [hit.phone for hit in hits] == ["139****5678"]
    assert PHONE not in _search(client, complaint.number).content.decode()


def test_sec1_search_shows_a_department_only_the_complaints_it_handles(login, engineering):
    ours = ComplaintFactory(customer_name="工程投诉", responsible_department=Department.ENGINEERING)
    ComplaintFactory(customer_name="工程无关", responsible_department=Department.DESIGN)
    hits = _hits(_search(login(engineering), "工程"), "complaint")
    assert [hit.number for hit in hits] == [ours.number]
    assert hits[0].phone.count("*") == 4


def test_search_caps_each_group_and_links_to_the_full_list(login, customer_manager):
    for _ in range(LIMIT + 2):
        LeadFactory(customer_name="批量客户")
    response = _search(login(customer_manager), "批量")
    group = response.context["results"].groups[0]
    assert (group.kind, len(group.hits), group.more) == ("lead", LIMIT, True)
    assert group.full_list_url == f"{reverse('leads:index')}?q=%E6%89%B9%E9%87%8F"
    assert 'data-testid="search-more-lead"' in response.content.decode()


def _queries_for(client, q: str) -> int:
    client.get(reverse("search"), {"q": q})  # warm the session and permission caches alike
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("search"), {"q": q}).status_code == 200
    return len(captured)


@pytest.mark.parametrize("persona", ["CS_AGENT", "GM", "DESIGNER"], indirect=True)
def test_search_query_count_is_the_same_for_5_and_50_matches(login, persona):
    client = login(persona)
    for n in range(5):
        LeadFactory(customer_name=f"少量{n}", designer=persona)
        ComplaintFactory(customer_name=f"少量{n}", responsible_department=persona.department)
    few = _queries_for(client, "少量")
    for n in range(50):
        LeadFactory(customer_name=f"大量{n}", designer=persona)
        ComplaintFactory(customer_name=f"大量{n}", responsible_department=persona.department)
    assert _queries_for(client, "大量") == few


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "%",
        "_",
        "'; DROP TABLE leads_lead; --",
        "x" * 500,
        "a\x00b",
        "1" * 30,
        "#",
        "+86",
    ],
)
def test_search_bad_input_is_answered_not_a_500(login, customer_manager, typed):
    LeadFactory(customer_name="王建华")
    response = _search(login(customer_manager), typed)
    assert "王建华" not in response.content.decode()


def test_search_without_a_role_finds_no_leads(login, outsider):
    LeadFactory(customer_name="王建华", phone=PHONE)
    response = _search(login(outsider), PHONE)
    assert response.context["results"].count == 0


def test_search_terms_read_the_typed_text():
    assert parse("139 1234 5678").phone == PHONE
    assert parse("010-6234 5678").phone == "010-62345678"
    assert parse("#42").lead_number == 42
    assert parse("1234").digits == "1234" and parse("123").digits == ""
    assert parse("TS2026-0016").phone == "" and parse("TS2026-0016").lead_number is None
    assert parse("x" * 80).text == "x" * 50
