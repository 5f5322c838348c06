"""dispatch_lead, force_dispatch, confirm_levels_introduced against the database (DISP-1..7)."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from dispatch import queries
from dispatch.models import Assignment, CapacityRule
from dispatch.services import (
    DispatchError,
    confirm_levels_introduced,
    dispatch_lead,
    force_dispatch,
)
from leads.models import Channel, LeadEvent, LeadState, SizeClass, SlipSignature, SlipStep
from staff.models import DesignerTier, Notification
from tests.dispatch.conftest import NOW
from tests.dispatch.factories import (
    AssignmentFactory,
    ChampionFactory,
    ReadyLeadFactory,
    SeasonFactory,
)
from tests.leads.factories import SlipFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_now")]

T = DesignerTier


def dispatched(designer, when=None, **fields):
    """A lead already dispatched to `designer` at `when` (default now), still DISPATCHED."""
    return AssignmentFactory(designer=designer, dispatched_at=when or timezone.now(), **fields)


def days_ago(n: int) -> datetime.datetime:
    return NOW - datetime.timedelta(days=n)


# --- DISP-5 rotation -------------------------------------------------------------------------


def test_disp5_automatic_dispatch_goes_to_fewest_this_week(make_designer, customer_manager):
    busy = make_designer(employee_no="101")
    free = make_designer(employee_no="102")
    dispatched(busy, days_ago(1))
    lead = ReadyLeadFactory()

    assignment = dispatch_lead(lead=lead, by=customer_manager)

    lead.refresh_from_db()
    assert assignment.designer == free
    assert assignment.method == Assignment.Method.ROTATION
    assert (lead.state, lead.designer) == (LeadState.DISPATCHED, free)
    assert assignment.dispatched_at == lead.dispatched_at


def test_disp5_tie_goes_to_longest_since_last_dispatch(make_designer, customer_manager):
    recent = make_designer(employee_no="101")
    waited = make_designer(employee_no="102")
    dispatched(recent, days_ago(1))
    dispatched(waited, days_ago(2))
    assignment = dispatch_lead(lead=ReadyLeadFactory(), by=customer_manager)
    assert assignment.designer == waited


def test_disp5_last_tie_break_is_lowest_employee_number(make_designer, customer_manager):
    make_designer(employee_no="110")
    lowest = make_designer(employee_no="9")
    assert dispatch_lead(lead=ReadyLeadFactory(), by=customer_manager).designer == lowest


def test_disp5_last_weeks_dispatches_do_not_count(make_designer, customer_manager):
    last_week = make_designer(employee_no="101")
    this_week = make_designer(employee_no="102")
    dispatched(last_week, days_ago(3))  # Sunday 12 July: the previous week
    dispatched(this_week, days_ago(1))
    assert dispatch_lead(lead=ReadyLeadFactory(), by=customer_manager).designer == last_week


def test_disp5_on_leave_designer_is_skipped(make_designer, customer_manager, monkeypatch):
    away = make_designer(employee_no="101")
    present = make_designer(employee_no="102")
    monkeypatch.setattr("dispatch.queries.day.designers_on_leave", lambda day: frozenset({away.pk}))
    assert dispatch_lead(lead=ReadyLeadFactory(), by=customer_manager).designer == present


def test_disp5_designer_notified_with_link_to_their_leads(make_designer, customer_manager):
    designer = make_designer()
    lead = ReadyLeadFactory(customer_name="王先生", community="望京花园", building="3号楼")
    dispatch_lead(lead=lead, by=customer_manager)
    note = Notification.objects.get(recipient=designer)
    assert note.text == "New lead dispatched to you: 王先生, 望京花园 3号楼, Small (under 30,000)."
    assert note.link == "/dispatch/my-leads/"


def test_disp5_dispatch_is_on_the_lead_timeline_and_audited(make_designer, customer_manager):
    designer = make_designer(name="韩雪")
    lead = ReadyLeadFactory()
    assignment = dispatch_lead(lead=lead, by=customer_manager)
    event = LeadEvent.objects.get(lead=lead, kind=LeadEvent.Kind.DISPATCH)
    assert event.text == "Dispatched to 韩雪."
    assert assignment.history.get().history_user == customer_manager
    assert designer.pk == assignment.designer_id


# --- DISP-1 tiers, DISP-3 caps ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "budget", "tier"),
    [
        (SizeClass.SMALL, 20000, T.DEPUTY_DIRECTOR),
        (SizeClass.MEDIUM, 40000, T.DIRECTOR),
        (SizeClass.LARGE, 80000, T.CHIEF),
    ],
)
def test_disp1_lead_goes_to_its_tier(make_designer, customer_manager, size, budget, tier):
    for other in T:
        make_designer(tier=other, employee_no=f"1{list(T).index(other)}")
    if size == SizeClass.SMALL:  # SMALL has two tiers: make DESIGNER-tier busy this week
        dispatched(queries.designers().get(designer_tier=T.DESIGNER), days_ago(1))
    lead = ReadyLeadFactory(size_class=size, budget=Decimal(budget))
    assert dispatch_lead(lead=lead, by=customer_manager).designer.designer_tier == tier


def test_disp1_no_designer_of_the_tier_needs_force(make_designer, customer_manager):
    make_designer(tier=T.DESIGNER)
    lead = ReadyLeadFactory(size_class=SizeClass.LARGE, budget=Decimal(90000))
    with pytest.raises(DispatchError) as refusal:
        dispatch_lead(lead=lead, by=customer_manager)
    assert str(refusal.value) == (
        "No designer is eligible; a forced dispatch with a reason is needed"
    )
    lead.refresh_from_db()
    assert lead.state == LeadState.NEW


def test_disp3_daily_cap_two_stops_the_third_lead(make_designer, customer_manager):
    designer = make_designer()
    dispatch_lead(lead=ReadyLeadFactory(), by=customer_manager)
    dispatch_lead(lead=ReadyLeadFactory(), by=customer_manager)
    with pytest.raises(DispatchError, match="No designer is eligible"):
        dispatch_lead(lead=ReadyLeadFactory(), by=customer_manager)
    assert Assignment.objects.filter(designer=designer).count() == 2


def test_disp3_chosen_designer_at_daily_cap_refused_with_reason(make_designer, customer_manager):
    full = make_designer(name="杨帆", employee_no="101")
    make_designer(employee_no="102")
    dispatched(full)
    dispatched(full)
    with pytest.raises(DispatchError) as refusal:
        dispatch_lead(lead=ReadyLeadFactory(), by=customer_manager, designer=full)
    assert str(refusal.value) == "杨帆 cannot take this lead: Daily cap reached (2/2)"


def test_disp3_weekly_cap_six_stops_the_seventh_lead(make_designer, customer_manager):
    designer = make_designer()
    for day in (2, 2, 1, 1, 0, 0):  # Mon, Mon, Tue, Tue, Wed, Wed; all measured since
        dispatched(designer, days_ago(day), lead__state=LeadState.MEASURED)
    with time_travel(days=1):  # Thursday: nothing today yet, six this week
        with pytest.raises(DispatchError, match="No designer is eligible"):
            dispatch_lead(lead=ReadyLeadFactory(), by=customer_manager)
        decision = _ranking_for(ReadyLeadFactory()).skip_decision(designer.pk)
    assert decision.message == "Weekly cap reached (6/6)"


def test_disp3_weekly_cap_resets_on_monday(make_designer, customer_manager):
    designer = make_designer()
    for day in (2, 2, 1, 1, 0, 0):
        dispatched(designer, days_ago(day), lead__state=LeadState.MEASURED)
    with time_travel(days=5):  # Monday 20 July
        assert dispatch_lead(lead=ReadyLeadFactory(), by=customer_manager).designer == designer


def test_disp3_season_cap_two_off_season(make_designer, customer_manager):
    designer = make_designer()
    dispatched(designer, days_ago(2))
    dispatched(designer, days_ago(1))  # two still DISPATCHED this week
    ranking = _ranking_for(ReadyLeadFactory())
    assert str(ranking.skip_decision(designer.pk).message) == (
        "Season cap reached (2/2 leads dispatched this week not yet measured)"
    )


def test_disp3_season_cap_four_in_peak_range_switching_on_its_dates(make_designer):
    designer = make_designer()
    for day in (2, 2, 1):
        dispatched(designer, days_ago(day))  # three open this week
    SeasonFactory(start=NOW.date(), end=NOW.date() + datetime.timedelta(days=30))
    assert _ranking_for(ReadyLeadFactory()).find(designer.pk) is not None  # 3 < 4 in peak
    with time_travel(days=-1):  # the day before the range: off season, 3 >= 2
        # (Tuesday: the three dispatches were Mon, Mon, Tue: still this week)
        decision = _ranking_for(ReadyLeadFactory()).skip_decision(designer.pk)
    assert decision.message.startswith("Season cap reached (3/2")


def test_disp3_measured_leads_leave_the_season_count(make_designer, customer_manager):
    designer = make_designer()
    first = dispatched(designer, days_ago(2))
    dispatched(designer, days_ago(1))
    type(first.lead).objects.filter(pk=first.lead.pk).update(state=LeadState.MEASURED)
    assert dispatch_lead(lead=ReadyLeadFactory(), by=customer_manager).designer == designer


def test_disp3_caps_come_from_the_rule_in_force(make_designer, customer_manager):
    designer = make_designer()
    CapacityRule.objects.create(effective_from=NOW.date(), day_cap=1, week_cap=6)
    dispatch_lead(lead=ReadyLeadFactory(), by=customer_manager)
    with pytest.raises(DispatchError):
        dispatch_lead(lead=ReadyLeadFactory(), by=customer_manager)
    assert Assignment.objects.filter(designer=designer).count() == 1


# --- DISP-4 champions ------------------------------------------------------------------------


def test_disp4_confirmed_champion_gets_a_third_lead_a_day(make_designer, customer_manager):
    champion = make_designer()
    ChampionFactory(designer=champion, grants_from=NOW.date(), grants_until=NOW.date())
    for _n in range(3):
        assert dispatch_lead(lead=ReadyLeadFactory(), by=customer_manager).designer == champion


@pytest.mark.parametrize("status", ["PROPOSED", "REJECTED"])
def test_disp4_unconfirmed_title_grants_nothing(make_designer, customer_manager, status):
    designer = make_designer()
    ChampionFactory(designer=designer, status=status, grants_from=NOW.date())
    dispatched(designer)
    dispatched(designer)
    assert _ranking_for(ReadyLeadFactory()).skip_decision(designer.pk).message == (
        "Daily cap reached (2/2)"
    )


def test_disp4_title_outside_its_window_grants_nothing(make_designer):
    designer = make_designer()
    ChampionFactory(designer=designer, grants_from=datetime.date(2026, 4, 1))  # until 30 June
    dispatched(designer)
    dispatched(designer)
    assert _ranking_for(ReadyLeadFactory()).find(designer.pk) is None


# --- DISP-6 preferred designer, SLIP-2, SLIP-3 -----------------------------------------------


def signed_slip(**fields):
    slip = SlipFactory(
        lead__levels_introduced=True,
        lead__size_class=SizeClass.SMALL,
        lead__budget=Decimal(25000),
        **fields,
    )
    for step in (SlipStep.MARKETING_MANAGER, SlipStep.STORE_MANAGER):
        SlipSignature.objects.create(
            slip=slip, step=step, signer=slip.salesperson, signed_at=timezone.now()
        )
    return slip


def test_disp6_preferred_designer_honoured_when_eligible(make_designer, customer_manager):
    make_designer(employee_no="101")
    wanted = make_designer(employee_no="102", name="秦浩")
    dispatched(wanted, days_ago(1))  # not first in rotation, but eligible
    slip = signed_slip(preferred_designer=wanted)

    assignment = dispatch_lead(lead=slip.lead, by=customer_manager)

    assert assignment.designer == wanted
    assert assignment.method == Assignment.Method.PREFERRED
    assert assignment.preference_note == "Preferred designer 秦浩 honoured."


def test_disp6_preferred_designer_at_cap_refused_with_reason(make_designer, customer_manager):
    first = make_designer(employee_no="101")
    wanted = make_designer(employee_no="102", name="秦浩")
    dispatched(wanted)
    dispatched(wanted)
    slip = signed_slip(preferred_designer=wanted)

    assignment = dispatch_lead(lead=slip.lead, by=customer_manager)

    assert assignment.designer == first
    assert assignment.method == Assignment.Method.ROTATION
    assert assignment.preference_note == (
        "Preferred designer 秦浩 not honoured: Daily cap reached (2/2)"
    )


def test_disp6_preferred_designer_of_wrong_tier_refused(make_designer, customer_manager):
    make_designer(employee_no="101")
    chief = make_designer(tier=T.CHIEF, employee_no="102", name="孔明远")
    slip = signed_slip(preferred_designer=chief)
    assignment = dispatch_lead(lead=slip.lead, by=customer_manager)
    assert assignment.preference_note == (
        "Preferred designer 孔明远 not honoured: Tier does not take leads of this size"
    )


def test_slip3_designer_written_on_slip_and_salesperson_told(make_designer, customer_manager):
    designer = make_designer(name="韩雪")
    slip = signed_slip()
    dispatch_lead(lead=slip.lead, by=customer_manager)
    slip.refresh_from_db()
    assert (slip.designer, slip.dispatched_by) == (designer, customer_manager)
    note = Notification.objects.get(recipient=slip.salesperson)
    assert note.text == (
        f"Your marketing lead {slip.lead.customer_name} was dispatched to designer 韩雪."
    )


def test_slip2_unsigned_slip_refuses_dispatch(make_designer, customer_manager):
    make_designer()
    slip = SlipFactory(lead__levels_introduced=True, lead__size_class=SizeClass.SMALL)
    with pytest.raises(DispatchError) as refusal:
        dispatch_lead(lead=slip.lead, by=customer_manager)
    assert "transfer slip must first be signed" in str(refusal.value)
    assert not Assignment.objects.exists()


def test_slip2_marketing_lead_without_slip_refused(make_designer, customer_manager):
    make_designer()
    lead = ReadyLeadFactory(channel=Channel.MARKETING)
    with pytest.raises(DispatchError):
        dispatch_lead(lead=lead, by=customer_manager)
    assert not Assignment.objects.exists()


# --- DISP-2 readiness ------------------------------------------------------------------------


def test_disp2_unready_lead_refused_listing_what_is_missing(make_designer, customer_manager):
    make_designer()
    lead = ReadyLeadFactory(area_m2=None, levels_introduced=False)
    with pytest.raises(DispatchError) as refusal:
        dispatch_lead(lead=lead, by=customer_manager)
    assert str(refusal.value) == (
        "This lead is not ready to dispatch. The house area is not known. The customer manager "
        "has not confirmed that the designer levels were introduced to the customer."
    )


def test_disp2_confirm_levels_makes_the_lead_ready(make_designer, customer_manager):
    make_designer()
    lead = ReadyLeadFactory(levels_introduced=False)
    confirm_levels_introduced(lead=lead, by=customer_manager)
    lead.refresh_from_db()
    assert lead.levels_introduced is True
    assert lead.history.first().history_user == customer_manager
    assert dispatch_lead(lead=lead, by=customer_manager).lead == lead


def test_disp2_confirm_levels_only_by_customer_manager(designer):
    lead = ReadyLeadFactory(levels_introduced=False)
    with pytest.raises(DispatchError) as refusal:
        confirm_levels_introduced(lead=lead, by=designer)
    assert str(refusal.value) == (
        "Only the customer manager confirms that the designer levels were introduced."
    )


def test_disp2_already_dispatched_lead_is_not_dispatched_again(make_designer, customer_manager):
    designer = make_designer()
    lead = dispatched(designer).lead
    with pytest.raises(DispatchError) as refusal:
        dispatch_lead(lead=lead, by=customer_manager)
    assert str(refusal.value) == "This lead is not waiting for dispatch (it is Dispatched now)."


def test_only_the_customer_manager_dispatches(make_designer, design_manager):
    make_designer()
    with pytest.raises(DispatchError) as refusal:
        dispatch_lead(lead=ReadyLeadFactory(), by=design_manager)
    assert str(refusal.value) == "Only the customer manager dispatches leads."


# --- DISP-7 forced dispatch ------------------------------------------------------------------


def test_disp7_force_past_caps_is_marked_with_reason(make_designer, customer_manager):
    designer = make_designer(name="韩雪")
    dispatched(designer)
    dispatched(designer)
    lead = ReadyLeadFactory()

    assignment = force_dispatch(
        lead=lead, designer=designer, by=customer_manager, reason="客户点名要韩雪"
    )

    assert assignment.is_forced is True
    assert assignment.reason == "客户点名要韩雪"
    assert assignment.overridden == "Daily cap reached (2/2)"
    assert LeadEvent.objects.filter(lead=lead, kind=LeadEvent.Kind.FORCED_DISPATCH).exists()
    assert Notification.objects.get(recipient=designer).text.startswith("Forced dispatch")
    assert queries.dispatch_log(method="FORCED").get() == assignment


def test_disp7_force_needs_a_reason(make_designer, customer_manager):
    designer = make_designer()
    dispatched(designer)
    dispatched(designer)
    with pytest.raises(DispatchError) as refusal:
        force_dispatch(lead=ReadyLeadFactory(), designer=designer, by=customer_manager, reason=" ")
    assert str(refusal.value) == "A forced dispatch needs a reason"


def test_disp7_force_refused_while_someone_is_eligible(make_designer, customer_manager):
    full = make_designer(employee_no="101")
    make_designer(employee_no="102")
    dispatched(full)
    dispatched(full)
    with pytest.raises(DispatchError) as refusal:
        force_dispatch(lead=ReadyLeadFactory(), designer=full, by=customer_manager, reason="急")
    assert str(refusal.value) == (
        "A designer can still take this lead in rotation; a forced dispatch is only for when "
        "nobody is eligible or willing"
    )


def test_disp7_only_the_customer_manager_forces(make_designer, design_manager):
    designer = make_designer()
    with pytest.raises(DispatchError, match="Only the customer manager forces a dispatch."):
        force_dispatch(lead=ReadyLeadFactory(), designer=designer, by=design_manager, reason="x")


# --- helpers ---------------------------------------------------------------------------------


def _ranking_for(lead):
    return queries.lead_ranking(lead, queries.dispatch_day())[0]


def time_travel(days: int):
    import time_machine

    return time_machine.travel(NOW + datetime.timedelta(days=days), tick=False)


def test_disp6_manager_choosing_another_over_an_eligible_preference_is_noted(
    make_designer, customer_manager
):
    other = make_designer(employee_no="101")
    wanted = make_designer(employee_no="102", name="秦浩")
    slip = signed_slip(preferred_designer=wanted)
    assignment = dispatch_lead(
        lead=slip.lead, by=customer_manager, designer=other, reason="客户点名"
    )
    assert (assignment.designer, assignment.method) == (other, Assignment.Method.CHOSEN)
    assert assignment.preference_note == (
        "Preferred designer 秦浩 could take the lead; the customer manager chose another."
    )
