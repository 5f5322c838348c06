"""Phone list pages (LEAD-5)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from leads.models import PhoneList
from leads.services.phone_lists import PhoneRow, import_phone_list
from staff.models import Role
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "status"),
    [(Role.MARKETING_MANAGER, 200), (Role.MARKETING_SALES, 200), (Role.FRONT_DESK, 403)],
    indirect=["persona"],
)
def test_lead5_phone_lists_per_role(login, persona, status):
    assert login(persona).get(reverse("leads:phone_lists")).status_code == status


def test_lead5_import_page(login, marketing_manager):
    upload = SimpleUploadedFile("list.csv", "电话,姓名\n13811112222,业主甲\n".encode())
    client = login(marketing_manager)
    preview = client.post(reverse("leads:phone_list_import"), {"name": "望京", "file": upload})
    assert not PhoneList.objects.exists()  # issue 19: a preview first, confirmed below
    response = client.post(
        reverse("leads:phone_list_import"), {"confirm": "1", "digest": preview.context["digest"]}
    )
    phone_list = PhoneList.objects.get()
    assert response.url == phone_list.get_absolute_url()
    assert phone_list.entries.get().customer_name == "业主甲"


def test_an_unreadable_phone_list_gets_a_sentence_not_exception_text(login, marketing_manager):
    upload = SimpleUploadedFile("list.xlsx", b"this is not a spreadsheet")
    client = login(marketing_manager)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.post(reverse("leads:phone_list_import"), {"name": "望京", "file": upload})
    body = response.content.decode()
    assert "The file could not be read. Save it as CSV (UTF-8 or GBK)" in body
    assert "BadZipFile" not in body and "zip file" not in body
    assert not PhoneList.objects.exists()


def test_lead5_salesperson_cannot_import(login, marketing_sales):
    assert login(marketing_sales).get(reverse("leads:phone_list_import")).status_code == 403


def test_lead5_detail_marks_visited(login, marketing_manager, marketing_sales):
    LeadFactory(phone="13811112222", first_visit_at=timezone.now())
    rows = [PhoneRow("13811112222"), PhoneRow("13811113333")]
    phone_list = import_phone_list(name="x", rows=rows, by=marketing_manager).phone_list
    response = login(marketing_sales).get(phone_list.get_absolute_url(), {"status": "VISITED"})
    assert [e.phone for e in response.context["page"]] == ["13811112222"]
    assert "Visited the office" in response.content.decode()


@pytest.mark.parametrize("rows", [5, 50])
def test_lead5_detail_query_count_is_fixed(
    login, marketing_manager, django_assert_num_queries, rows
):
    phone_rows = [PhoneRow(f"138{n:08d}") for n in range(rows)]
    phone_list = import_phone_list(name="x", rows=phone_rows, by=marketing_manager).phone_list
    client = login(marketing_manager)
    client.get(phone_list.get_absolute_url())
    with django_assert_num_queries(7):
        client.get(phone_list.get_absolute_url())
