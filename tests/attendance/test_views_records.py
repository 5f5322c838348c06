"""Clock, off-post, outing register, reports and HR set-up pages; list query counts 5 vs 50."""

import datetime as dt

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from attendance import services
from attendance.models import (
    BusinessOuting,
    CalendarDay,
    ClockRecord,
    DailyStatus,
    OutingStatus,
    ViolationRecord,
    WorkSchedule,
)
from tests.attendance.conftest import beijing
from tests.attendance.factories import (
    BusinessOutingFactory,
    ClockRecordFactory,
    OffPostRecordFactory,
    WorkScheduleFactory,
)
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def en_login(login):
    def _login(user):
        client = login(user)
        client.post("/i18n/setlang/", {"language": "en", "next": "/"})
        return client

    return _login


# ---------------------------------------------------------------- forms through HTTP


def test_att1_front_desk_enters_a_clock_record_through_the_page(
    en_login, chain, frozen, front_desk
):
    response = en_login(front_desk).post(
        reverse("attendance:clock-new"),
        {"staff": chain.clerk.pk, "day": "2026-03-10", "clock_in": "09:03", "clock_out": "18:01"},
    )
    assert response.status_code == 302
    assert DailyStatus.objects.get(staff=chain.clerk, day=D(2026, 3, 10)).late_minutes == 3


def test_att1_impossible_times_come_back_on_the_form(en_login, chain, frozen, front_desk):
    response = en_login(front_desk).post(
        reverse("attendance:clock-new"),
        {"staff": chain.clerk.pk, "day": "2026-03-10", "clock_in": "18:00", "clock_out": "09:00"},
    )
    assert "The clock-out must be after the clock-in." in response.text
    assert not ClockRecord.objects.exists()


def test_att1_import_page_lists_row_errors_and_saves_nothing(en_login, chain, frozen, front_desk):
    rows = [(chain.clerk.employee_no, "2026-03-10", "09:00", "18:00"), ("X9", "2026-03-10", "", "")]
    data = tablib.Dataset(*rows, headers=["employee_no", "date", "clock_in", "clock_out"])
    upload = SimpleUploadedFile("clock.csv", data.export("csv").encode())
    response = en_login(front_desk).post(reverse("attendance:clock-import"), {"file": upload})
    assert "Nothing was imported." in response.text
    assert "Row 2" in response.text and "Unknown employee number: X9" in response.text
    assert not ClockRecord.objects.exists()


def test_att2_supervisor_records_off_post_through_the_page(en_login, chain, frozen):
    response = en_login(chain.lead).post(
        reverse("attendance:off-post"),
        {
            "staff": chain.clerk.pk,
            "day": "2026-03-10",
            "started_at": "14:00",
            "minutes": "30",
            "note": "离岗",
        },
    )
    assert response.status_code == 302
    assert ViolationRecord.objects.get().kind == "OFF_POST"


def test_att2_off_post_form_offers_only_the_supervisors_people(en_login, chain, frozen):
    body = en_login(chain.lead).get(reverse("attendance:off-post")).text
    assert chain.clerk.get_full_name() in body
    assert chain.manager.get_full_name() not in body


def test_att6_front_desk_registers_out_and_back(en_login, chain, frozen, front_desk):
    outing = BusinessOutingFactory(
        staff=chain.clerk, day=D(2026, 3, 11), status=OutingStatus.APPROVED
    )
    client = en_login(front_desk)
    assert (
        f'data-testid="out-{outing.pk}"' in client.get(reverse("attendance:outing-register")).text
    )
    client.post(reverse("attendance:outing-out", args=[outing.pk]))
    frozen.shift(dt.timedelta(hours=1))
    client.post(reverse("attendance:outing-back", args=[outing.pk]))
    outing.refresh_from_db()
    assert (outing.out_at, outing.back_at) == (beijing(2026, 3, 11, 10), beijing(2026, 3, 11, 11))


def test_att6_outing_request_and_supervisor_approval_through_pages(en_login, chain, frozen):
    en_login(chain.clerk).post(
        reverse("attendance:outings"),
        {
            "day": "2026-03-11",
            "planned_out": "14:00",
            "planned_back": "16:00",
            "destination": "望京",
            "purpose": "量房",
        },
    )
    outing = BusinessOuting.objects.get()
    en_login(chain.lead).post(
        reverse("attendance:outing-decide", args=[outing.pk]), {"decision": "approve"}
    )
    outing.refresh_from_db()
    assert outing.status == OutingStatus.APPROVED


def test_att1_hr_adds_a_holiday_and_prefills_a_year(en_login, hr):
    client = en_login(hr)
    client.post(
        reverse("attendance:holidays"), {"day": "2031-01-01", "kind": "HOLIDAY", "name": "元旦"}
    )
    assert CalendarDay.objects.get(day=D(2031, 1, 1)).name == "元旦"
    response = client.post(reverse("attendance:holiday-prefill"), {"year": "2031"}, follow=True)
    assert "no data for 2031" in response.text


def test_att1_non_hr_cannot_change_the_calendar(login, front_desk):
    response = login(front_desk).post(
        reverse("attendance:holidays"), {"day": "2031-01-01", "kind": "HOLIDAY"}
    )
    assert response.status_code == 403


def test_att1_hr_adds_a_person_schedule(en_login, hr, designer):
    en_login(hr).post(
        reverse("attendance:schedule-new"),
        {
            "scope": "PERSON",
            "staff": designer.pk,
            "start": "10:00",
            "end": "19:00",
            "valid_from": "2026-01-01",
        },
    )
    assert WorkSchedule.objects.get(staff=designer).start == dt.time(10)


def test_att8_summary_export_is_an_excel_file(login, hr, chain, frozen):
    services.compute_day(day=D(2026, 3, 10))
    response = login(hr).get(reverse("attendance:summary-export"), {"month": "2026-03"})
    assert response["Content-Disposition"] == (  # the Chinese name, kept by browsers (issue 19)
        'attachment; filename="export-2026-03.xlsx"; '
        "filename*=UTF-8''%E8%80%83%E5%8B%A4%E6%B1%87%E6%80%BB-2026-03.xlsx"
    )
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(response.content)).active
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert chain.clerk.get_full_name() in names


# ---------------------------------------------------------------- query counts: 5 vs 50 rows


def many_people(count):
    return StaffFactory.create_batch(count, date_joined=beijing(2020, 1, 1, 9, 0))


def fill(kind, people, chain):
    for n, person in enumerate(people):
        if kind == "clock":
            ClockRecordFactory(
                staff=person, day=D(2026, 3, 10), clock_in=beijing(2026, 3, 10, 9, n % 30)
            )
        elif kind == "off_post":
            OffPostRecordFactory(staff=person, recorded_by=chain.lead, minutes=25)
        elif kind == "outing":
            BusinessOutingFactory(staff=person, day=D(2026, 3, 11), status=OutingStatus.APPROVED)


LISTS = [
    ("attendance:clock-list", "clock", "hr", {}, 6),
    ("attendance:outing-register", "outing", "hr", {}, 6),
    ("attendance:off-post", "off_post", "hr", {}, 7),
    ("attendance:daily", "daily", "hr", {"day": "2026-03-10"}, 6),
    ("attendance:violations", "daily", "hr", {"month": "2026-03"}, 6),
    ("attendance:summary", "daily", "hr", {"month": "2026-03"}, 8),
    ("attendance:schedules", "schedule", "hr", {}, 6),
]


@pytest.mark.parametrize(("name", "kind", "who", "params", "queries"), LISTS)
@pytest.mark.parametrize("count", [5, 50])
def test_list_pages_query_count_is_flat(
    login, chain, frozen, hr, django_assert_num_queries, name, kind, who, params, queries, count
):
    people = many_people(count)
    if kind == "daily":
        for person in people:
            ClockRecordFactory(
                staff=person, day=D(2026, 3, 10), clock_in=beijing(2026, 3, 10, 9, 25)
            )
        services.compute_day(day=D(2026, 3, 10))
    elif kind == "schedule":
        for person in people:
            WorkScheduleFactory(scope="PERSON", department="", staff=person)
    else:
        fill(kind, people, chain)
    client = login(hr)
    client.get(reverse(name), params)
    with django_assert_num_queries(queries):
        response = client.get(reverse(name), params)
    assert response.status_code == 200


def test_sec3_clock_record_page_shows_its_history(en_login, chain, frozen, front_desk, hr):
    client = en_login(front_desk)
    data = {"staff": chain.clerk.pk, "day": "2026-03-10", "clock_in": "09:03", "clock_out": "18:01"}
    client.post(reverse("attendance:clock-new"), data)
    en_login(hr).post(reverse("attendance:clock-new"), {**data, "clock_in": "08:58"})
    record = ClockRecord.objects.get()
    body = client.get(reverse("attendance:clock-edit", args=[record.pk])).text
    assert 'data-testid="history"' in body
    assert body.count("changed") == 1 and body.count("created") == 1
