"""COM-5 pages: who opens what (SEC-1), the workflow through the pages, the Excel export, the
print layout, and query counts that do not grow with the number of people."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from attendance.models import PayLine, PayMonth, PayMonthStatus, PayStatement
from attendance.queries.pay import pay_totals
from attendance.services import pay as services
from staff.models import Role
from tests.attendance.pay_factories import (  # noqa: F401 - english is an autouse fixture
    BEIJING,
    MARCH,
    absent,
    employee,
    english,
)

pytestmark = pytest.mark.django_db

D = Decimal
MONTH_ARGS = [2026, 3]
ALL_SEEING = {Role.HR, Role.GM}


@pytest.fixture(autouse=True)
def early_april():
    with time_machine.travel(dt.datetime(2026, 4, 3, 10, 0, tzinfo=BEIJING), tick=False) as t:
        yield t


@pytest.fixture
def login_en():
    def _login(user) -> Client:
        client = Client()
        client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return _login


@pytest.fixture
def clerk(db):
    return employee(name="前台孙丽", base_salary=D(4350), roles=[Role.FRONT_DESK])


@pytest.fixture
def prepared(hr, clerk):
    absent(clerk, dt.date(2026, 3, 2))
    services.prepare_month(month=MARCH, by=hr)
    return PayStatement.objects.get(staff=clerk)


@pytest.fixture
def approved(prepared, hr, gm):
    services.submit_month(month=MARCH, by=hr)
    services.approve_month(month=MARCH, by=gm)
    return prepared


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# ---------------------------------------------------------------- SEC-1: who opens what


HR_GM_PAGES = [
    ("attendance:pay-months", []),
    ("attendance:pay-month", MONTH_ARGS),
    ("attendance:pay-print", MONTH_ARGS),
    ("attendance:pay-export", MONTH_ARGS),
    ("attendance:pay-bonus", []),
]


@pytest.mark.parametrize("persona", list(Role), indirect=True)
@pytest.mark.parametrize(("name", "args"), HR_GM_PAGES)
def test_com5_sec1_pay_pages_are_for_hr_and_the_gm(login, persona, prepared, name, args):
    expected = 200 if persona.role_codes & ALL_SEEING else 403
    assert login(persona).get(reverse(name, args=args)).status_code == expected


@pytest.mark.parametrize("persona", list(Role), indirect=True)
def test_com5_sec1_everyone_opens_my_pay(login, persona):
    assert login(persona).get(reverse("attendance:pay-mine")).status_code == 200


@pytest.mark.parametrize(("name", "args"), [*HR_GM_PAGES, ("attendance:pay-mine", [])])
def test_com5_sec1_no_role_no_pay(login, outsider, prepared, name, args):
    assert login(outsider).get(reverse(name, args=args)).status_code == 403


@pytest.mark.parametrize(
    ("name", "args", "allowed"),
    [
        ("attendance:pay-prepare", [], {Role.HR}),
        ("attendance:pay-submit", MONTH_ARGS, {Role.HR}),
        ("attendance:pay-approve", MONTH_ARGS, {Role.GM}),
        ("attendance:pay-return", MONTH_ARGS, {Role.GM}),
    ],
)
@pytest.mark.parametrize("persona", list(Role), indirect=True)
def test_com5_sec1_workflow_buttons_per_role(login, persona, prepared, name, args, allowed):
    response = login(persona).post(reverse(name, args=args), {"month": "2026-03"})
    assert (response.status_code != 403) is bool(persona.role_codes & allowed)


def test_com5_sec1_a_person_sees_their_own_statement_once_approved(login, approved, clerk):
    url = approved.get_absolute_url()
    response = login(clerk).get(url)
    assert response.status_code == 200
    assert response.context["may_edit"] is False
    assert "history" not in response.content.decode()  # the audit trail is for HR and the GM


def test_com5_sec1_a_draft_statement_is_not_shown_to_its_person(login, prepared, clerk):
    assert login(clerk).get(prepared.get_absolute_url()).status_code == 404


def test_com5_sec1_nobody_sees_a_colleagues_statement(login, approved, designer):
    assert login(designer).get(approved.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("persona", [Role.HR, Role.GM], indirect=True)
def test_com5_hr_and_gm_see_every_statement_with_its_history(login, persona, prepared):
    response = login(persona).get(prepared.get_absolute_url())
    assert response.status_code == 200
    assert response.context["history"]


# ---------------------------------------------------------------- the workflow through the pages


def test_com5_hr_prepares_a_month_from_the_page(login_en, hr, clerk):
    response = login_en(hr).post(
        reverse("attendance:pay-prepare"), {"month": "2026-03"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("attendance:pay-month", args=MONTH_ARGS)
    assert messages_of(response) == [
        "Statements for 2026-03 prepared: 1 new, 0 updated, 0 unchanged, 0 removed."
    ]
    assert response.context["may_submit"] is True


def test_com5_the_current_month_is_prepared_with_a_warning(login_en, hr, clerk):
    response = login_en(hr).post(
        reverse("attendance:pay-prepare"), {"month": "2026-04"}, follow=True
    )
    assert messages_of(response)[1] == "This month is not over yet: its figures may still change."


def test_com5_regenerating_a_locked_month_shows_the_refusal(login_en, hr, approved):
    url = reverse("attendance:pay-month", args=MONTH_ARGS)
    response = login_en(hr).post(
        reverse("attendance:pay-prepare"), {"month": "2026-03", "next": url}, follow=True
    )
    assert response.redirect_chain[-1][0] == url
    assert messages_of(response) == [
        "Pay for 2026-03 was approved by 总经理王 on 2026-04-03 and is locked: nothing can be "
        "regenerated or edited. Later changes are carried to the next month's statements as "
        "adjustments."
    ]
    assert response.context["may_prepare"] is False


def test_com5_gm_approves_from_the_page(login_en, gm, hr, prepared):
    services.submit_month(month=MARCH, by=hr)
    page = login_en(gm).get(reverse("attendance:pay-month", args=MONTH_ARGS))
    assert page.context["may_decide"] is True
    response = login_en(gm).post(reverse("attendance:pay-approve", args=MONTH_ARGS), follow=True)
    assert messages_of(response) == [
        "Approved. The month is locked and everyone can see their statement."
    ]
    assert PayMonth.objects.get().status == PayMonthStatus.APPROVED


def test_com5_gm_returns_with_a_reason(login_en, gm, hr, prepared):
    services.submit_month(month=MARCH, by=hr)
    url = reverse("attendance:pay-return", args=MONTH_ARGS)
    response = login_en(gm).post(url, {"reason": "奖金再核"}, follow=True)
    assert messages_of(response) == ["Returned to HR."]
    assert response.context["pay_month"].is_returned


def test_com5_hr_adds_a_line_from_the_statement_page(login_en, hr, prepared):
    url = reverse("attendance:pay-line-add", args=[prepared.pk])
    response = login_en(hr).post(url, {"kind": "BONUS", "amount": "300", "note": "全勤奖"})
    assert response.status_code == 302
    prepared.refresh_from_db()
    assert (prepared.bonuses, prepared.total) == (D("300.00"), D("4450.00"))


def test_com5_a_refused_line_comes_back_with_the_reason(login_en, hr, prepared):
    url = reverse("attendance:pay-line-add", args=[prepared.pk])
    response = login_en(hr).post(url, {"kind": "ADJUSTMENT", "amount": "0", "note": "x"})
    assert response.status_code == 400
    assert response.context["line_form"].non_field_errors() == [
        "An adjustment of zero changes nothing."
    ]


def test_com5_hr_removes_their_line_from_the_page(login_en, hr, prepared):
    line = services.add_line(statement=prepared, kind="BONUS", amount=D(50), note="x", by=hr)
    response = login_en(hr).post(reverse("attendance:pay-line-remove", args=[line.pk]))
    assert response.status_code == 302
    assert not PayLine.objects.filter(pk=line.pk).exists()


def test_com5_statement_lines_are_traceable(login_en, hr, prepared):
    page = login_en(hr).get(prepared.get_absolute_url()).content.decode()
    assert "Absent 1 days × 200.00" in page
    assert 'data-testid="slip-total">¥4,150.00<' in page  # core.formatting.yuan


# ---------------------------------------------------------------- export and print


def test_com5_export_holds_the_same_figures(login_en, hr, prepared, customer_manager):
    response = login_en(hr).get(reverse("attendance:pay-export", args=MONTH_ARGS))
    assert response["Content-Disposition"] == (  # the name in the reader's language (issue 19)
        'attachment; filename="Pay statements-2026-03.xlsx"; '
        "filename*=UTF-8''Pay%20statements-2026-03.xlsx"
    )
    book = load_workbook(BytesIO(response.content))
    statements, lines = book.worksheets
    rows = list(statements.iter_rows(values_only=True))
    assert rows[0][:4] == ("Employee number", "Name", "Department", "Base salary")
    assert rows[1][1] == "前台孙丽"
    assert rows[1][3:10] == (4350, 0, 0, 0, 0, 200, 4150)
    assert rows[-1][1:10] == ("Total", None, 4350, 0, 0, 0, 0, 200, 4150)
    kinds = [row[2] for row in lines.iter_rows(min_row=2, values_only=True)]
    assert kinds == ["Base salary", "Absence"]


def test_com5_print_layout_has_one_slip_per_person(login_en, hr, prepared):
    response = login_en(hr).get(reverse("attendance:pay-print", args=MONTH_ARGS))
    assert response.content.decode().count('data-testid="print-slip"') == 1


# ---------------------------------------------------------------- query counts


def _many(count: int, month=MARCH) -> PayMonth:
    pay_month, _created = PayMonth.objects.get_or_create(month=month)
    for _index in range(count):
        person = employee()
        statement = PayStatement.objects.create(
            pay_month=pay_month,
            staff=person,
            base_salary=D(3000),
            daily_rate=D("137.93"),
            violation_rate=D(50),
            base=D(3000),
            total=D(3000),
        )
        PayLine.objects.create(statement=statement, kind="BASE", origin="GENERATED", amount=3000)
    return pay_month


def _count_queries(client, url, django_assert_num_queries, expected: int) -> None:
    client.get(url)  # warm the session and permission caches
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("people", [5, 50])
def test_com5_month_page_query_count_is_fixed(login, hr, people, django_assert_num_queries):
    _many(people)
    url = reverse("attendance:pay-month", args=MONTH_ARGS)
    _count_queries(login(hr), url, django_assert_num_queries, 9)


@pytest.mark.parametrize("people", [5, 50])
def test_com5_print_query_count_is_fixed(login, hr, people, django_assert_num_queries):
    _many(people)
    url = reverse("attendance:pay-print", args=MONTH_ARGS)
    _count_queries(login(hr), url, django_assert_num_queries, 7)


@pytest.mark.parametrize("months", [5, 50])
def test_com5_months_and_my_pay_query_counts_are_fixed(
    login, hr, months, django_assert_num_queries
):
    for index in range(months):
        month = dt.date(2020 + index // 12, index % 12 + 1, 1)
        pay_month = _many(0, month)
        pay_month.status, pay_month.approved_at = PayMonthStatus.APPROVED, dt.datetime.now(BEIJING)
        pay_month.save()
        PayStatement.objects.create(
            pay_month=pay_month, staff=hr, base_salary=1, daily_rate=1, violation_rate=1
        )
    client = login(hr)
    _count_queries(client, reverse("attendance:pay-months"), django_assert_num_queries, 6)
    _count_queries(client, reverse("attendance:pay-mine"), django_assert_num_queries, 6)


@pytest.mark.parametrize("lines", [5, 50])
def test_com5_statement_page_query_count_is_fixed(login, hr, lines, django_assert_num_queries):
    statement = _many(1).statements.get()
    for index in range(lines):
        PayLine.objects.create(
            statement=statement, kind="BONUS", origin="MANUAL", amount=1, note=index, created_by=hr
        )
    _count_queries(login(hr), statement.get_absolute_url(), django_assert_num_queries, 8)


# ---------------------------------------------------------------- COM-3 page


@pytest.fixture
def manager(db):
    return employee(roles=[Role.CUSTOMER_MANAGER], name="客户经理张敏", base_salary=D(1200))


def test_com3_page_flags_eligibility_and_the_gm_sets_the_bonus(login_en, gm, manager):
    page = login_en(gm).get(reverse("attendance:pay-bonus"), {"year": 2025})
    (row,) = page.context["rows"]
    assert (row.staff, row.eligibility.allowed) == (manager, True)
    assert page.context["bonus_form"].initial["staff"] == manager.pk
    response = login_en(gm).post(
        reverse("attendance:pay-bonus-set"),
        {"staff": manager.pk, "year": 2025, "amount": "1600", "pay_month": "2026-03", "note": ""},
    )
    assert response.status_code == 302
    assert response["Location"] == "/attendance/pay/bonus/?year=2025"
    assert manager.year_end_bonuses.get().amount == D("1600.00")


def test_com3_page_returns_a_refusal_with_its_reason(login_en, gm, manager):
    response = login_en(gm).post(
        reverse("attendance:pay-bonus-set"),
        {"staff": manager.pk, "year": 2025, "amount": "2500", "pay_month": "2026-03"},
    )
    assert response.status_code == 400
    assert response.context["bonus_form"].non_field_errors() == [
        "The year-end bonus must be between 1000.00 and 2000.00."
    ]


def test_com3_hr_sees_the_flags_but_not_the_form(login, hr, manager):
    page = login(hr).get(reverse("attendance:pay-bonus"), {"year": 2025})
    assert page.context["bonus_form"] is None
    url = reverse("attendance:pay-bonus-set")
    assert login(hr).post(url, {"staff": manager.pk}).status_code == 403


def test_com5_pay_totals_for_the_monthly_report(prepared):
    assert pay_totals(MARCH) == {
        "status": "DRAFT",
        "people": 1,
        "base": D("4350.00"),
        "commissions": D(0),
        "bonuses": D(0),
        "adjustments": D(0),
        "fault_deductions": D(0),
        "attendance_deduction": D("200.00"),
        "total": D("4150.00"),
    }
    assert pay_totals(dt.date(2026, 1, 1))["people"] == 0
