"""Complaint pages: who sees what (SEC-1), phone masking, the next action for the viewer, steps
posted from the page, printing, and query counts that stay flat (5 vs 50 rows)."""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse

from complaints.models import Complaint, ComplaintStatus
from staff.models import Department, Role
from tests.complaints.factories import ComplaintFactory

BEIJING = ZoneInfo("Asia/Shanghai")
S = ComplaintStatus

pytestmark = pytest.mark.django_db

INDEX = reverse("complaints:index")
CREATE = reverse("complaints:create")
MINE = reverse("complaints:mine")
PRINT = reverse("complaints:print_register")


@pytest.fixture(autouse=True)
def _monday(time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 11, 0, tzinfo=BEIJING), tick=False)


def step_url(complaint, action: str) -> str:
    return reverse("complaints:step", args=[complaint.pk, action])


# ---------------------------------------------------------------- SEC-1 who sees which page

READERS = [Role.FRONT_DESK, Role.CS_AGENT, Role.CUSTOMER_MANAGER, Role.DESIGN_MANAGER, Role.GM]
OTHERS = [Role.DESIGNER, Role.STORE_MANAGER, Role.MARKETING_SALES, Role.ENGINEERING, Role.HR]


@pytest.mark.parametrize("persona", READERS, indirect=True)
def test_sec1_register_readers_see_the_register(login, persona):
    assert login(persona).get(INDEX).status_code == 200


@pytest.mark.parametrize("persona", OTHERS, indirect=True)
def test_sec1_other_roles_do_not_see_the_register(login, persona):
    assert login(persona).get(INDEX).status_code == 403


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        (Role.FRONT_DESK, 200),
        (Role.CS_AGENT, 200),
        (Role.CUSTOMER_MANAGER, 200),
        (Role.DESIGN_MANAGER, 403),
        (Role.GM, 403),
    ],
    indirect=["persona"],
)
def test_cmp1_only_customer_service_opens_the_registration_form(login, persona, status):
    assert login(persona).get(CREATE).status_code == status


@pytest.mark.parametrize("persona", READERS, indirect=True)
def test_sec1_register_readers_open_any_complaint(login, persona, registered):
    assert login(persona).get(registered.get_absolute_url()).status_code == 200


def test_sec1_other_staff_get_404_for_complaints_of_other_departments(login, engineer, registered):
    assert login(engineer).get(registered.get_absolute_url()).status_code == 404


def test_cmp5_staff_of_the_responsible_department_open_its_complaint(
    login, engineer, registered, walk_to
):
    walk_to(registered, S.DECIDED, department=Department.ENGINEERING)
    assert login(engineer).get(registered.get_absolute_url()).status_code == 200
    assert (
        login(engineer).get(reverse("complaints:print_form", args=[registered.pk])).status_code
        == 200
    )


def test_sec1_outsider_without_role_has_no_department_list(login, outsider):
    assert login(outsider).get(MINE).status_code == 403


# ---------------------------------------------------------------- SEC-1 phone masking


@pytest.mark.parametrize(
    ("persona", "shown", "hidden"),
    [
        (Role.CS_AGENT, "13911112222", "139****2222"),
        (Role.CUSTOMER_MANAGER, "13911112222", "139****2222"),
        (Role.FRONT_DESK, "139****2222", "13911112222"),
        (Role.DESIGN_MANAGER, "139****2222", "13911112222"),
        (Role.GM, "139****2222", "13911112222"),
    ],
    indirect=["persona"],
)
def test_sec1_phone_masked_for_roles_that_do_not_call_customers(
    login, persona, registered, shown, hidden
):
    client = login(persona)
    for url in (INDEX, registered.get_absolute_url(), PRINT):
        body = client.get(url).content.decode()
        assert shown in body, url
        assert hidden not in body, url


def test_sec1_masked_roles_cannot_find_complaints_by_phone(login, gm, registered):
    page = login(gm).get(INDEX, {"q": "13911112222"}).context["page"]
    assert list(page) == []


def test_sec1_customer_service_finds_complaints_by_phone(login, cs_agent, registered):
    page = login(cs_agent).get(INDEX, {"q": "1111 2222"}).context["page"]
    assert list(page) == [registered]


# ---------------------------------------------------------------- registering from the page


def test_cmp1_register_a_phone_complaint_from_the_form(login_en, cs_agent, category):
    response = login_en(cs_agent).post(
        CREATE,
        {
            "channel": "PHONE",
            "received_at": "2026-03-02T10:40",
            "customer_name": "陈先生",
            "phone": "138-2222-3333",
            "category": category.pk,
            "severity": "MAJOR",
            "summary": "木工未按时进场",
        },
    )
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response.url == complaint.get_absolute_url()
    assert (complaint.number, complaint.phone, complaint.severity) == (
        "TS2026-0001",
        "13822223333",
        "MAJOR",
    )


def test_cmp1_bad_input_comes_back_with_reasons(login_en, cs_agent, category):
    response = login_en(cs_agent).post(
        CREATE,
        {
            "channel": "PHONE",
            "received_at": "2026-03-02T12:40",
            "customer_name": "陈先生",
            "phone": "62345678",
            "category": category.pk,
            "severity": "MINOR",
            "summary": "x",
        },
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["phone"] == [
        "A landline number needs its area code, e.g. 010-62345678 or 0755-2345678."
    ]
    assert Complaint.objects.count() == 0


def test_cmp1_service_refusal_shows_on_the_form(login_en, cs_agent, category):
    response = login_en(cs_agent).post(
        CREATE,
        {
            "channel": "PHONE",
            "received_at": "2026-03-02T12:40",
            "customer_name": "陈先生",
            "category": category.pk,
            "severity": "MINOR",
            "summary": "x",
        },
    )
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "The time received cannot be in the future."
    ]


# ---------------------------------------------------------------- the next action for the viewer


def step_forms(response) -> list[str]:
    return [form.action.value for form in response.context["step_forms"]]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        (Role.CS_AGENT, ["investigate"]),
        (Role.CUSTOMER_MANAGER, ["investigate"]),
        (Role.GM, []),
        (Role.DESIGN_MANAGER, []),
        (Role.FRONT_DESK, []),
    ],
    indirect=["persona"],
)
def test_cmp7_page_offers_the_next_step_only_to_who_may_take_it(
    login, persona, registered, expected
):
    response = login(persona).get(registered.get_absolute_url())
    assert step_forms(response) == expected
    body = response.content.decode()
    assert ('data-testid="step-form-investigate"' in body) is bool(expected)
    assert ('data-testid="nothing-to-do"' in body) is (not expected)


def test_cmp6_replied_complaint_offers_follow_up_and_explains_why_not_close(
    login_en, customer_manager, registered, walk_to
):
    walk_to(registered, S.REPLIED)
    response = login_en(customer_manager).get(registered.get_absolute_url())
    assert step_forms(response) == ["follow-up"]
    assert response.context["step_notes"] == [
        "Record the follow-up visit before closing the complaint."
    ]


def test_cmp7_page_shows_who_is_next_and_when_it_is_due(login_en, gm, registered):
    response = login_en(gm).get(registered.get_absolute_url())
    assert response.context["next_actors"] == ["Customer-service agent", "Customer manager"]
    assert response.context["due_at"] == datetime(2026, 3, 2, 18, 0, tzinfo=BEIJING)
    assert response.context["is_overdue"] is False


def test_sec3_page_shows_the_whole_history(login_en, gm, registered, walk_to):
    walk_to(registered, S.DECIDED)
    history = login_en(gm).get(registered.get_absolute_url()).context["history"]
    assert [entry.event for entry in history] == [
        "Registered",
        "Investigation recorded",
        "Decision made",
    ]
    decision = {change.label: change.value for change in history[2].changes}
    assert decision["responsible department"] == "Engineering"
    assert decision["status"] == "Decided"


def test_sec1_history_masks_the_phone_for_masked_roles(login_en, gm, registered):
    registered_entry = login_en(gm).get(registered.get_absolute_url()).context["history"][0]
    values = {change.label: change.value for change in registered_entry.changes}
    assert values["phone"] == "139****2222"


# ---------------------------------------------------------------- taking steps from the page


def test_cmp4_investigation_posted_from_the_page(login_en, cs_agent, registered):
    response = login_en(cs_agent).post(
        step_url(registered, "investigate"), {"findings": "属实", "proposal": "返工"}
    )
    assert response.status_code == 302
    registered.refresh_from_db()
    assert (registered.status, registered.findings) == (S.INVESTIGATED, "属实")


def test_cmp5_wrong_role_posting_a_step_is_forbidden(login, gm, registered):
    response = login(gm).post(
        step_url(registered, "investigate"), {"findings": "x", "proposal": "y"}
    )
    assert response.status_code == 403


def test_cmp7_stale_step_redirects_with_a_warning(login_en, cs_agent, registered, walk_to):
    walk_to(registered, S.INVESTIGATED)
    client = login_en(cs_agent)
    response = client.post(
        step_url(registered, "investigate"), {"findings": "x", "proposal": "y"}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        "That step is no longer open; this is the complaint now."
    ]


def test_cmp7_incomplete_step_form_comes_back_with_errors(login_en, cs_agent, registered):
    response = login_en(cs_agent).post(step_url(registered, "investigate"), {"findings": "x"})
    assert response.status_code == 400
    bound = response.context["step_forms"][0]
    assert bound.errors == {"proposal": ["This field is required."]}


def test_cmp7_close_without_follow_up_is_refused_on_the_page(
    login_en, customer_manager, registered, walk_to
):
    walk_to(registered, S.REPLIED)
    response = login_en(customer_manager).post(step_url(registered, "close"), {"gm_report": "x"})
    assert response.status_code == 400
    assert [str(m) for m in response.context["messages"]] == [
        "Record the follow-up visit before closing the complaint."
    ]


def test_unknown_step_is_404(login, cs_agent, registered):
    assert login(cs_agent).post(step_url(registered, "reopen")).status_code == 404


def test_steps_are_post_only(login, cs_agent, registered):
    assert login(cs_agent).get(step_url(registered, "investigate")).status_code == 405


# ---------------------------------------------------------------- filters and lists


def test_cmp2_register_filters_by_status_category_department_and_overdue(
    login, customer_manager, category
):
    late = ComplaintFactory(investigation_due_at=datetime(2026, 3, 1, 18, 0, tzinfo=BEIJING))
    on_time = ComplaintFactory()
    decided = ComplaintFactory(status=S.DECIDED, responsible_department="DESIGN")
    client = login(customer_manager)

    def rows(**params):
        return set(client.get(INDEX, params).context["page"])

    assert rows() == {late, on_time, decided}
    assert rows(status="DECIDED") == {decided}
    assert rows(department="DESIGN") == {decided}
    assert rows(overdue="on") == {late}
    assert rows(category=category.pk) == {late, on_time, decided}


def test_cmp2_register_filters_by_received_date_and_searches_text(login, customer_manager):
    march_1 = ComplaintFactory(
        received_at=datetime(2026, 3, 1, 23, 30, tzinfo=BEIJING), summary="吊顶开裂"
    )
    march_2 = ComplaintFactory(received_at=datetime(2026, 3, 2, 0, 30, tzinfo=BEIJING))
    client = login(customer_manager)

    def rows(**params):
        return set(client.get(INDEX, params).context["page"])

    assert rows(received_from="2026-03-02") == {march_2}
    assert rows(received_to="2026-03-01") == {march_1}
    assert rows(q="吊顶") == {march_1}
    assert rows(q=march_2.number) == {march_2}


def test_cmp5_department_list_shows_only_that_departments_open_complaints(login, engineer):
    mine = ComplaintFactory(status=S.DECIDED, responsible_department="ENGINEERING")
    ComplaintFactory(status=S.DECIDED, responsible_department="DESIGN")
    closed = ComplaintFactory(
        status=S.CLOSED, responsible_department="ENGINEERING", reply_text="已答复"
    )
    client = login(engineer)
    assert list(client.get(MINE).context["page"]) == [mine]
    assert set(client.get(MINE, {"show_closed": "on"}).context["page"]) == {mine, closed}


# ---------------------------------------------------------------- printing


def _static_css(name: str) -> str:
    return Path(settings.BASE_DIR, "static", "css", name).read_text(encoding="utf-8")


def test_cmp3_handling_form_prints_with_the_same_number(login, customer_manager, registered):
    body = (
        login(customer_manager)
        .get(reverse("complaints:print_form", args=[registered.pk]))
        .content.decode()
    )
    assert 'data-testid="print-number">TS2026-0001<' in body
    # The print layout is a stylesheet (the Content-Security-Policy refuses inline <style>).
    assert "css/print-complaint-form.css" in body
    assert "size: A4 portrait" in _static_css("print-complaint-form.css")


def test_cmp2_register_prints_on_a4_with_the_filters(login, customer_manager):
    ComplaintFactory(status=S.DECIDED)
    ComplaintFactory()
    response = login(customer_manager).get(PRINT, {"status": "DECIDED"})
    assert len(response.context["page"]) == 1
    assert "css/print-complaint-register.css" in response.content.decode()
    assert "size: A4 landscape" in _static_css("print-complaint-register.css")


# ---------------------------------------------------------------- query counts

# Queries per page whatever the number of rows: session, user (with the unread count), roles
# and permissions, deadlines, count, rows; the register adds the category choices of its filter.
LIST_QUERIES = {INDEX: 7, PRINT: 6, MINE: 6}


@pytest.mark.parametrize("rows", [5, 50])
@pytest.mark.parametrize("url", [INDEX, PRINT, MINE])
def test_list_pages_query_count_is_fixed(
    login, customer_manager, django_assert_num_queries, url, rows
):
    ComplaintFactory.create_batch(
        rows, status=S.DECIDED, responsible_department=Department.CUSTOMER_SERVICE
    )
    client = login(customer_manager)
    client.get(url)  # warm up
    with django_assert_num_queries(LIST_QUERIES[url]):
        assert client.get(url).status_code == 200


DETAIL_QUERIES = 8


@pytest.mark.parametrize("status", [S.REGISTERED, "FOLLOWED_UP"])
def test_detail_page_query_count_does_not_grow_with_the_history(
    login, customer_manager, registered, walk_to, django_assert_num_queries, status
):
    if status != S.REGISTERED:
        walk_to(registered, status)
    client = login(customer_manager)
    client.get(registered.get_absolute_url())
    with django_assert_num_queries(DETAIL_QUERIES):
        client.get(registered.get_absolute_url())


def test_cmp2_printed_register_runs_in_number_order(login, customer_manager):
    older = ComplaintFactory(received_at=datetime(2026, 3, 1, 9, 0, tzinfo=BEIJING))
    newer = ComplaintFactory(received_at=datetime(2026, 3, 2, 9, 0, tzinfo=BEIJING))
    client = login(customer_manager)
    assert list(client.get(PRINT).context["page"]) == [older, newer]
    assert list(client.get(INDEX).context["page"]) == [newer, older]
