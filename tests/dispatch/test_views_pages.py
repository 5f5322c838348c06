"""Load board, "my leads", the dispatch log, the configuration page and champions over HTTP."""

import datetime

import pytest
from django.urls import reverse

from dispatch.models import Assignment, CapacityRule, Champion, SeasonPeriod, TierRule
from leads.models import LeadState
from staff.models import Role
from tests.dispatch.conftest import NOW
from tests.dispatch.factories import (
    AssignmentFactory,
    ChampionFactory,
    DesignerFactory,
    SeasonFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]
BOARD_ROLES = {Role.CUSTOMER_MANAGER, Role.DESIGN_MANAGER, Role.GM}
PAGES = ["dispatch:board", "dispatch:log", "dispatch:settings", "dispatch:champions"]


def count_queries(client, path, params=None) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path, params or {}).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("persona", list(Role), indirect=True)
def test_sec1_manager_pages_per_role(login, persona):
    role = next(iter(persona.role_codes))
    client = login(persona)
    for name in PAGES:
        expected = 200 if role in BOARD_ROLES else 403
        assert client.get(reverse(name)).status_code == expected, name


# --- load board ------------------------------------------------------------------------------


def test_load_board_shows_load_against_caps_and_champion(login, gm):
    champion = DesignerFactory(employee_no="101", name="韩雪")
    ChampionFactory(designer=champion, grants_from=NOW.date(), grants_until=NOW.date())
    AssignmentFactory(designer=champion)
    AssignmentFactory(designer=champion, dispatched_at=NOW - datetime.timedelta(days=9))
    response = login(gm).get(reverse("dispatch:board"))
    (row,) = response.context["page"]
    assert (row.snapshot.today_count, row.snapshot.week_count, row.open_total) == (1, 1, 2)
    assert (row.caps.day, row.caps.week, row.caps.season) == (3, 8, 3)
    assert 'data-testid="champion-badge"' in response.content.decode()


def test_load_board_query_count_fixed_for_5_and_50_designers(login, gm, django_assert_num_queries):
    client = login(gm)
    for n in range(5):
        AssignmentFactory(designer=DesignerFactory(employee_no=str(1000 + n)))
    client.get(reverse("dispatch:board"))
    small = count_queries(client, reverse("dispatch:board"))
    for n in range(45):
        AssignmentFactory(designer=DesignerFactory(employee_no=str(2000 + n)))
    with django_assert_num_queries(small):
        client.get(reverse("dispatch:board"))


# --- my leads --------------------------------------------------------------------------------


def test_my_leads_newest_dispatch_first_with_full_phone(login, make_designer):
    me = make_designer()
    older = AssignmentFactory(designer=me, dispatched_at=NOW - datetime.timedelta(days=2))
    newer = AssignmentFactory(designer=me, lead__phone="13912345678")
    AssignmentFactory(designer=make_designer())  # someone else's
    response = login(me).get(reverse("dispatch:my_leads"))
    assert [lead.pk for lead in response.context["page"]] == [newer.lead.pk, older.lead.pk]
    assert f'data-testid="my-lead-phone-{newer.lead.pk}">13912345678<' in (
        response.content.decode()
    )


def test_my_leads_filter_by_state(login, make_designer):
    me = make_designer()
    AssignmentFactory(designer=me)
    measured = AssignmentFactory(designer=me, lead__state=LeadState.MEASURED)
    response = login(me).get(reverse("dispatch:my_leads"), {"state": "MEASURED"})
    assert [lead.pk for lead in response.context["page"]] == [measured.lead.pk]


@pytest.mark.parametrize("persona", [r for r in Role if r != Role.DESIGNER], indirect=True)
def test_sec1_my_leads_is_for_designers(login, persona):
    assert login(persona).get(reverse("dispatch:my_leads")).status_code == 403


def test_my_leads_query_count_fixed_for_5_and_50_leads(
    login, make_designer, django_assert_num_queries
):
    me = make_designer()
    client = login(me)
    AssignmentFactory.create_batch(5, designer=me)
    client.get(reverse("dispatch:my_leads"))
    small = count_queries(client, reverse("dispatch:my_leads"))
    AssignmentFactory.create_batch(45, designer=me)
    with django_assert_num_queries(small):
        client.get(reverse("dispatch:my_leads"))


# --- dispatch log ----------------------------------------------------------------------------


def test_disp7_log_reports_forced_dispatches(login, customer_manager):
    forced = AssignmentFactory(method=Assignment.Method.FORCED, reason="客户点名")
    AssignmentFactory()
    response = login(customer_manager).get(reverse("dispatch:log"), {"method": "FORCED"})
    assert list(response.context["page"]) == [forced]


def test_disp7_log_filters_declines_and_designer(login, customer_manager, make_designer):
    designer = make_designer()
    declined = AssignmentFactory(
        designer=designer, declined_at=NOW, decline_reason="出差", declined_by=customer_manager
    )
    AssignmentFactory(designer=designer)
    response = login(customer_manager).get(
        reverse("dispatch:log"), {"declined": "on", "designer": designer.pk}
    )
    assert list(response.context["page"]) == [declined]


def test_log_query_count_fixed_for_5_and_50_rows(login, gm, django_assert_num_queries):
    client = login(gm)
    AssignmentFactory.create_batch(5)
    client.get(reverse("dispatch:log"))
    small = count_queries(client, reverse("dispatch:log"))
    AssignmentFactory.create_batch(45)
    with django_assert_num_queries(small):
        client.get(reverse("dispatch:log"))


# --- configuration ---------------------------------------------------------------------------


def test_settings_show_caps_tiers_and_seasons(login, design_manager):
    SeasonFactory(name="春季旺季")
    body = login(design_manager).get(reverse("dispatch:settings")).content.decode()
    assert "春季旺季" in body
    assert 'data-testid="current-caps"' in body
    assert 'data-testid="caps-form"' not in body  # the design manager only looks


def test_disp3_manager_saves_new_caps(login, customer_manager):
    data = {
        "effective_from": "2026-07-20",
        "day_cap": 3,
        "week_cap": 7,
        "season_cap_off": 2,
        "season_cap_peak": 5,
        "champion_day_bonus": 1,
        "champion_week_bonus": 2,
        "champion_season_bonus": 1,
        "note": "暑期",
    }
    response = login(customer_manager).post(reverse("dispatch:save_caps"), data)
    assert response.status_code == 302
    rule = CapacityRule.objects.get(effective_from=datetime.date(2026, 7, 20))
    assert (rule.day_cap, rule.week_cap, rule.created_by) == (3, 7, customer_manager)


def test_disp3_caps_for_a_past_date_refused_on_the_form(login, customer_manager):
    data = {
        "effective_from": "2026-07-01",
        "day_cap": 3,
        "week_cap": 7,
        "season_cap_off": 2,
        "season_cap_peak": 5,
        "champion_day_bonus": 1,
        "champion_week_bonus": 2,
        "champion_season_bonus": 1,
    }
    response = login(customer_manager).post(reverse("dispatch:save_caps"), data)
    assert response.status_code == 400
    assert response.context["caps_form"].non_field_errors() == [
        "New caps apply from today or a later date; past days keep the caps they had."
    ]


def test_disp1_manager_saves_tier_matrix(login, gm):
    data = {"SMALL__DESIGNER": "on", "MEDIUM__DIRECTOR": "on", "LARGE__CHIEF": "on"}
    response = login(gm).post(reverse("dispatch:save_tiers"), data)
    assert response.status_code == 302
    assert set(TierRule.objects.values_list("size_class", "tier")) == {
        ("SMALL", "DESIGNER"),
        ("MEDIUM", "DIRECTOR"),
        ("LARGE", "CHIEF"),
    }


def test_sec1_design_manager_cannot_change_configuration(login, design_manager):
    client = login(design_manager)
    assert client.post(reverse("dispatch:save_tiers"), {}).status_code == 403
    assert client.get(reverse("dispatch:season_add")).status_code == 403


def test_disp3_manager_adds_edits_and_deletes_a_season(login, customer_manager):
    client = login(customer_manager)
    data = {"name": "秋季旺季", "kind": "PEAK", "start": "2026-09-01", "end": "2026-10-31"}
    assert client.post(reverse("dispatch:season_add"), data).status_code == 302
    season = SeasonPeriod.objects.get()
    data["end"] = "2026-11-15"
    client.post(reverse("dispatch:season_edit", args=[season.pk]), data)
    season.refresh_from_db()
    assert season.end == datetime.date(2026, 11, 15)
    client.post(reverse("dispatch:season_delete", args=[season.pk]))
    assert not SeasonPeriod.objects.exists()


def test_disp3_season_ending_before_start_refused(login, customer_manager):
    data = {"name": "x", "kind": "PEAK", "start": "2026-09-01", "end": "2026-08-01"}
    response = login(customer_manager).post(reverse("dispatch:season_add"), data)
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "__all__": ["A season ends on or after its first day."]
    }


# --- champions -------------------------------------------------------------------------------


def test_disp4_manager_confirms_a_proposed_title(login, design_manager):
    title = ChampionFactory(status=Champion.Status.PROPOSED)
    client = login(design_manager)
    assert (
        f'data-testid="confirm-{title.pk}"'
        in client.get(reverse("dispatch:champions")).content.decode()
    )
    client.post(reverse("dispatch:champion_confirm", args=[title.pk]))
    title.refresh_from_db()
    assert (title.status, title.decided_by) == (Champion.Status.CONFIRMED, design_manager)


def test_disp4_reject_with_a_note(login, gm):
    title = ChampionFactory(status=Champion.Status.PROPOSED)
    login(gm).post(reverse("dispatch:champion_reject", args=[title.pk]), {"note": "退单"})
    title.refresh_from_db()
    assert (title.status, title.decision_note) == (Champion.Status.REJECTED, "退单")


def test_disp4_compute_from_the_page(login, gm):
    response = login(gm).post(
        reverse("dispatch:champions_compute"), {"kind": "QUARTERLY", "period_day": "2026-05-01"}
    )
    assert response.status_code == 302


def test_champions_query_count_fixed_for_5_and_50_titles(login, gm, django_assert_num_queries):
    client = login(gm)
    ChampionFactory.create_batch(5, status=Champion.Status.PROPOSED)
    client.get(reverse("dispatch:champions"))
    small = count_queries(client, reverse("dispatch:champions"))
    ChampionFactory.create_batch(45, decided_by=gm)
    with django_assert_num_queries(small):
        client.get(reverse("dispatch:champions"))
