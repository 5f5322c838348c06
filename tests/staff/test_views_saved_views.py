"""Saved list views ("我的视图", issue 15): save the current filters, apply, delete; only the
owner's own."""

import pytest
from django.urls import reverse

from staff.models import SavedView
from staff.saved_views import clean_query

pytestmark = pytest.mark.django_db
PANEL = reverse("staff:saved_views")
CREATE = reverse("staff:saved_view_create")
LEADS = reverse("leads:index")


def save(client, name: str = "我的待派", query: str = "state=NEW&page=3"):
    data = {"list_key": "leads", "path": LEADS, "name": name, "query_string": query}
    return client.post(CREATE, data)


def test_clean_query_drops_the_page_and_the_question_mark():
    assert clean_query("?state=NEW&page=3&sort=-created") == "state=NEW&sort=-created"


def test_save_stores_the_filters_and_applies_them(login, customer_manager):
    response = save(login(customer_manager))
    view = SavedView.objects.get()
    assert (view.owner, view.list_key, view.name) == (customer_manager, "leads", "我的待派")
    assert view.query_string == "state=NEW"
    assert response.status_code == 302
    assert response.url == f"{LEADS}?state=NEW"


def test_saving_again_under_the_same_name_replaces_the_filters(login, customer_manager):
    client = login(customer_manager)
    save(client)
    save(client, query="state=DISPATCHED")
    assert list(SavedView.objects.values_list("query_string", flat=True)) == ["state=DISPATCHED"]


def test_save_refuses_a_foreign_path_and_an_empty_name(login, customer_manager):
    client = login(customer_manager)
    data = {"list_key": "leads", "path": "https://evil.example/", "name": "x"}
    assert client.post(CREATE, data).status_code == 404
    assert save(client, name="  ").status_code == 302
    assert not SavedView.objects.exists()


def test_panel_lists_only_the_viewers_own_views(login, customer_manager, front_desk):
    SavedView.objects.create(owner=front_desk, list_key="leads", name="前台的", query_string="q=1")
    SavedView.objects.create(
        owner=customer_manager, list_key="leads", name="我的", query_string="q=2"
    )
    SavedView.objects.create(owner=customer_manager, list_key="complaints", name="投诉的")
    params = {"list": "leads", "path": LEADS, "current": "state=NEW&page=2"}
    response = login(customer_manager).get(PANEL, params)
    assert [view.name for view in response.context["views"]] == ["我的"]
    body = response.content.decode()
    assert f'href="{LEADS}?q=2"' in body
    assert 'name="query_string" value="state=NEW"' in body


def test_panel_refuses_a_bad_list_or_path(login, customer_manager):
    client = login(customer_manager)
    assert client.get(PANEL, {"list": "leads", "path": "//evil.example"}).status_code == 404
    assert client.get(PANEL, {"list": "Leads!", "path": LEADS}).status_code == 404


def test_delete_removes_ones_own_view(login, customer_manager):
    view = SavedView.objects.create(owner=customer_manager, list_key="leads", name="我的")
    response = login(customer_manager).post(
        reverse("staff:saved_view_delete", args=[view.pk]), {"path": LEADS}
    )
    assert response.status_code == 302
    assert response.url == LEADS
    assert not SavedView.objects.exists()


def test_another_persons_view_cannot_be_deleted(login, customer_manager, front_desk):
    view = SavedView.objects.create(owner=front_desk, list_key="leads", name="前台的")
    response = login(customer_manager).post(reverse("staff:saved_view_delete", args=[view.pk]))
    assert response.status_code == 404
    assert SavedView.objects.filter(pk=view.pk).exists()


def test_the_list_page_offers_my_views_without_a_query(login, customer_manager):
    body = login(customer_manager).get(LEADS).content.decode()
    assert 'data-testid="saved-views"' in body
    assert f"{PANEL}?list=leads&amp;path={LEADS}&amp;current=" in body
