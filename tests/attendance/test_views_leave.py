"""The leave pages: filing, approving in turn, refusals shown with their reason, query counts."""

import datetime as dt

import pytest
from django.urls import reverse

from attendance.models import LeaveRequest, LeaveStatus
from attendance.rules.leave import LeaveType
from tests.attendance.factories import LeaveApprovalFactory, LeaveRequestFactory

pytestmark = pytest.mark.django_db

FORM = {
    "leave_type": LeaveType.PERSONAL,
    "start_day": "2026-03-16",
    "end_day": "2026-03-17",
    "portion": "FULL",
    "reason": "回老家办事",
}


@pytest.fixture
def en_login(login):
    def _login(user):
        client = login(user)
        client.post("/i18n/setlang/", {"language": "en", "next": "/"})
        return client

    return _login


def file_by_form(client, person, **changes):
    return client.post(reverse("attendance:leave-new"), {**FORM, "staff": person.pk, **changes})


def test_att5_agent_files_and_two_supervisors_approve_in_turn(en_login, chain, frozen):
    response = file_by_form(en_login(chain.clerk), chain.clerk)
    leave = LeaveRequest.objects.get()
    assert response.url == leave.get_absolute_url()

    lead = en_login(chain.lead)
    assert f'data-testid="awaiting-{leave.pk}"' in lead.get(reverse("attendance:approvals")).text
    lead.post(reverse("attendance:leave-approve", args=[leave.pk]))
    manager = en_login(chain.manager)
    manager.post(reverse("attendance:leave-approve", args=[leave.pk]), {"comment": "同意"})
    leave.refresh_from_db()
    assert leave.status == LeaveStatus.APPROVED


def test_att5_skipping_a_level_is_refused_on_the_page(en_login, chain, frozen):
    file_by_form(en_login(chain.clerk), chain.clerk)
    leave = LeaveRequest.objects.get()
    response = en_login(chain.manager).post(reverse("attendance:leave-approve", args=[leave.pk]))
    assert response.status_code == 400
    assert "A lower level must approve first." in response.text


def test_att5_refusal_without_a_reason_is_shown(en_login, chain, frozen):
    file_by_form(en_login(chain.clerk), chain.clerk)
    leave = LeaveRequest.objects.get()
    response = en_login(chain.lead).post(reverse("attendance:leave-reject", args=[leave.pk]))
    assert response.status_code == 400
    assert "Say why the leave is refused." in response.text


def test_att5_personal_leave_for_someone_else_is_refused_on_the_form(en_login, chain, frozen):
    response = file_by_form(en_login(chain.lead), chain.clerk)
    assert response.status_code == 200
    assert "Personal leave can only be requested by the employee." in response.text
    assert not LeaveRequest.objects.exists()


def test_att4_late_request_is_filed_with_a_warning(en_login, chain, frozen):
    response = file_by_form(en_login(chain.clerk), chain.clerk, start_day="2026-03-12", end_day="")
    assert response.status_code == 302
    assert LeaveRequest.objects.get().late_notice is True


@pytest.mark.parametrize(
    ("who", "status"),
    [("clerk", 200), ("lead", 200), ("manager", 200), ("gm", 200), ("hr", 200), ("peer", 404)],
)
def test_sec1_who_may_open_a_leave_request(login, chain, frozen, hr, cs_agent, who, status):
    leave = LeaveRequestFactory(staff=chain.clerk, status=LeaveStatus.PENDING)
    LeaveApprovalFactory(request=leave, approver=chain.lead)
    people = {**chain.__dict__, "hr": hr, "peer": cs_agent}
    url = reverse("attendance:leave-detail", args=[leave.pk])
    assert login(people[who]).get(url).status_code == status


def test_sec3_leave_page_shows_its_history(en_login, chain, frozen):
    file_by_form(en_login(chain.clerk), chain.clerk)
    leave = LeaveRequest.objects.get()
    body = en_login(chain.clerk).get(leave.get_absolute_url()).text
    assert 'data-testid="history"' in body


# ---------------------------------------------------------------- query counts: 5 vs 50 rows


def make_requests(chain, count):
    for n in range(count):
        leave = LeaveRequestFactory(
            staff=chain.clerk,
            status=LeaveStatus.PENDING,
            start_day=dt.date(2026, 4, 1) + dt.timedelta(days=n),
        )
        LeaveApprovalFactory(request=leave, approver=chain.lead, level=1)
        LeaveApprovalFactory(request=leave, approver=chain.manager, level=2)


@pytest.mark.parametrize("count", [5, 50])
def test_leave_list_query_count_is_flat(login, chain, frozen, django_assert_num_queries, count):
    make_requests(chain, count)
    client = login(chain.clerk)
    client.get(reverse("attendance:leave-list"))
    with django_assert_num_queries(7):
        client.get(reverse("attendance:leave-list"))


@pytest.mark.parametrize("count", [5, 50])
def test_approvals_query_count_is_flat(login, chain, frozen, django_assert_num_queries, count):
    make_requests(chain, count)
    client = login(chain.lead)
    client.get(reverse("attendance:approvals"))
    with django_assert_num_queries(10):
        response = client.get(reverse("attendance:approvals"))
    assert response.text.count('data-testid="approve-') == min(count, 25)
