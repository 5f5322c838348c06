"""Issue 10: the lead list renders quickly without changing what users see. The fast paths
(a Select writing its options in Python, the filter form without crispy, one reverse() for
the rows' links, choice labels from a dict, community suggestions by index steps) give the
same HTML and data as the slow ones, and the page renders a fixed number of templates."""

import re

import pytest
from django import forms
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse

from leads.forms import LeadFilterForm, Select
from leads.models import Channel, Lead, LeadState, SizeClass
from leads.queries.leads import communities
from staff.models import Staff
from tests.factories import StaffFactory
from tests.leads.factories import LeadFactory

pytestmark = pytest.mark.django_db
LIST = reverse("leads:index")


@pytest.mark.parametrize(
    ("choices", "value", "attrs"),
    [
        ([("", "All"), *Channel.choices], "PHONE", {"class": "select form-select", "id": "id_c"}),
        ([("", "All"), ("a<b", 'x"&y')], "a<b", {"required": True, "disabled": False}),
        ([("Group", [("1", "one"), ("2", "two")]), ("3", "three")], "2", None),
        ([("1", "one"), ("1", "again")], "1", None),  # only the first match is selected
        ([], None, None),
    ],
)
def test_select_writes_the_same_html_as_djangos(choices, value, attrs):
    expected = forms.Select(choices=choices).render("field", value, attrs)
    assert Select(choices=choices).render("field", value, attrs) == expected


def test_select_of_staff_writes_the_same_html_as_djangos():
    StaffFactory.create_batch(3)
    people = Staff.objects.order_by("name")
    slow = forms.ModelChoiceField(queryset=people)
    fast = forms.ModelChoiceField(queryset=people, widget=Select)
    chosen = people.first().pk
    assert fast.widget.render("who", chosen) == slow.widget.render("who", chosen)


def _filter_form(params: dict, owners=(), show_owner=True) -> tuple[str, str]:
    """The filter form written by crispy and by the list's own template."""
    request = RequestFactory().get(LIST, params)
    form = LeadFilterForm(request.GET or None, owners=owners, show_owner=show_owner)
    form.is_valid()
    crispy = engines["django"].from_string("{% load crispy_forms_tags %}{% crispy form %}")
    ours = engines["django"].from_string('{% include "leads/_lead_filter_form.html" %}')
    return crispy.render({"form": form}, request), ours.render({"form": form}, request)


def _same_markup(html: str) -> str:
    """Whitespace between and around tags does not show."""
    html = re.sub(r"\s+<", "<", re.sub(r">\s+", ">", html))
    return re.sub(r"\s+", " ", html).replace("<form  ", "<form ").replace(" >", ">").strip()


@pytest.mark.parametrize(
    ("params", "show_owner"),
    [
        ({}, True),
        ({"q": 'a<b "c"', "channel": Channel.PHONE, "owner": "company"}, True),
        ({"state": LeadState.NEW, "size_class": SizeClass.LARGE, "date_to": "2026-01-31"}, True),
        ({"community": "阳光小区"}, False),
    ],
)
def test_filter_form_is_written_as_crispy_writes_it(params, show_owner):
    owners = StaffFactory.create_batch(2)
    crispy, ours = _filter_form(params, owners=owners, show_owner=show_owner)
    assert _same_markup(ours) == _same_markup(crispy)
    assert "form-select" in ours and 'id="div_id_q"' in ours


def test_filter_form_with_an_error_is_written_by_crispy():
    crispy, ours = _filter_form({"date_from": "not a date"})
    assert ours.strip() == crispy.strip()
    assert "invalid-feedback" in ours


def test_lead_list_rows_show_what_the_model_says(login, customer_manager):
    lead = LeadFactory(channel=Channel.PHONE, state=LeadState.DISPATCHED, size_class="")
    body = login(customer_manager).get(LIST).content.decode()
    assert f'href="{lead.get_absolute_url()}"' in body
    for text in (lead.get_channel_display(), lead.get_state_display()):
        assert f">{text}<" in body
    assert '<td data-label="Size">—</td>' in body  # no size class


def test_community_suggestions_are_the_first_distinct_names(login, customer_manager, designer):
    for name in ["乙小区", "", "甲小区", "乙小区", "丙 <小区>", "甲小区"]:
        LeadFactory(community=name)
    LeadFactory(community="丁小区", designer=designer)
    everyone = Lead.objects.exclude(community="").values_list("community", flat=True)
    expected = list(everyone.order_by("community").distinct())
    assert communities(customer_manager) == expected
    assert communities(customer_manager, limit=2) == expected[:2]
    assert communities(designer) == ["丁小区"]  # only the leads they may see
    body = login(customer_manager).get(LIST).content.decode()
    assert '<option value="丙 &lt;小区&gt;">' in body


@pytest.mark.parametrize("rows", [5, 50])
def test_lead_list_renders_a_fixed_number_of_templates(login, customer_manager, rows):
    """No template per row or per option: 5 or 50 leads, 1 or 30 owners, the same templates."""
    owners = StaffFactory.create_batch(1 if rows == 5 else 30)
    for n in range(rows):
        LeadFactory(owner=owners[n % len(owners)])
    client = login(customer_manager)
    response = client.get(LIST, {"channel": Channel.WALK_IN})
    assert response.status_code == 200
    names = [template.name for template in response.templates]
    assert "django/forms/widgets/select_option.html" not in names
    # The page, base.html with its shell partials (top bar, sidebar, language switch and the
    # icons it draws: a fixed set), the tabs, the filter form, its 4 text and date inputs (3
    # templates each), the pagination, the saved-views menu and the folding filter panel.
    assert len(names) == 28
