"""Issue 19: the marketing phone list upload (LEAD-5) offers an xlsx template, reads Chinese and
English headers, and previews before it writes; confirm re-checks the very file."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from leads.imports import _phone_list_labels
from leads.models import PhoneList
from staff.imports import staged_path

pytestmark = pytest.mark.django_db
URL = "leads:phone_list_import"


def csv_upload(text: str, name: str = "list.csv", encoding: str = "utf-8-sig"):
    return SimpleUploadedFile(name, text.encode(encoding))


def preview(client, upload, name="望京"):
    return client.post(reverse(URL), {"name": name, "file": upload})


def confirm(client, digest, **kwargs):
    return client.post(reverse(URL), {"confirm": "1", "digest": digest}, **kwargs)


def test_excel_phone_list_template_round_trip(login, marketing_manager, settings):
    from django.utils import translation

    client = login(marketing_manager)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"  # this folder's tests default to en
    response = client.get(reverse("leads:phone_list_template"))
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    book = load_workbook(BytesIO(response.content))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == ["电话", "姓名", "地址", "备注"]
    with translation.override("zh-hans"):
        assert [c.value for c in sheet[1]] == [str(v) for v in _phone_list_labels().values()]
    assert all(c.comment is not None for c in sheet[1])  # a note on each column
    sheet["A2"] = "13911112222"
    filled = BytesIO()
    book.save(filled)
    shown = preview(client, SimpleUploadedFile("template.xlsx", filled.getvalue()))
    assert shown.context["preview"].numbers == 1
    confirm(client, shown.context["digest"])
    entry = PhoneList.objects.get().entries.get()
    assert (entry.phone, entry.customer_name) == ("13911112222", "张先生")


def test_excel_phone_list_salesperson_cannot_get_the_template(login, marketing_sales):
    response = login(marketing_sales).get(reverse("leads:phone_list_template"))
    assert response.status_code == 403


def test_excel_phone_list_chinese_headers_in_gbk(login, marketing_manager):
    text = "电话,客户姓名,小区,备注\n13811112222,业主甲,望京花园,老客户介绍\n"
    client = login(marketing_manager)
    shown = preview(client, csv_upload(text, encoding="gb18030"))
    confirm(client, shown.context["digest"])
    entry = PhoneList.objects.get().entries.get()
    assert (entry.customer_name, entry.address, entry.note) == ("业主甲", "望京花园", "老客户介绍")


def test_excel_phone_list_english_template_headers(login, marketing_manager):
    text = "Phone,Name,Address,Note\n13811112222,Mr Li,Block 3,\n"
    client = login(marketing_manager)
    shown = preview(client, csv_upload(text))
    confirm(client, shown.context["digest"])
    assert PhoneList.objects.get().entries.get().customer_name == "Mr Li"


def test_excel_phone_list_preview_counts_and_writes_nothing(login, marketing_manager):
    text = "电话,姓名\n13811112222,甲\n138 1111 2222,甲\n13933334444,乙\n"
    client = login(marketing_manager)
    shown = preview(client, csv_upload(text))
    assert shown.status_code == 200
    result = shown.context["preview"]
    assert (result.numbers, result.duplicates) == (2, 1)
    assert not PhoneList.objects.exists()
    confirmed = confirm(client, shown.context["digest"])
    phone_list = PhoneList.objects.get()
    assert confirmed.url == phone_list.get_absolute_url()
    assert phone_list.entries.count() == 2


def test_excel_phone_list_preview_lists_each_bad_row(login, marketing_manager):
    text = "电话,姓名\n13811112222,甲\n12345,乙\n"
    shown = preview(login(marketing_manager), csv_upload(text))
    assert shown.context["digest"] == ""
    assert len(shown.context["row_errors"]) == 1
    assert "2" in shown.context["row_errors"][0]
    assert not PhoneList.objects.exists()


def test_excel_phone_list_file_changed_between_preview_and_confirm_is_refused(
    login, marketing_manager
):
    client = login(marketing_manager)
    shown = preview(client, csv_upload("电话\n13811112222\n"))
    path = staged_path(client.session, "phone_list")
    path.write_bytes(path.read_bytes().replace(b"13811112222", b"12345"))
    confirmed = confirm(client, shown.context["digest"], follow=True)
    assert not PhoneList.objects.exists()
    assert confirmed.redirect_chain[-1][0] == reverse(URL)


def test_excel_phone_list_confirm_needs_the_previewed_digest(login, marketing_manager):
    client = login(marketing_manager)
    preview(client, csv_upload("电话\n13811112222\n"))
    confirm(client, "0" * 64)
    assert not PhoneList.objects.exists()
