"""`seed_volume` (issue 10): deterministic, refuses real data, and obeys the domain rules."""

from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from bench.volume.generate import Generator, VolumePlan, checksum
from complaints.models import Complaint
from dispatch.models import Assignment, Skip, TierRule
from leads.models import Closure, Lead
from leads.rules.lifecycle import REASONS_BY_KIND, ClosureKind
from leads.rules.states import ALLOWED_TRANSITIONS, LeadState
from staff.models import Staff
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

SMALL = VolumePlan(
    leads=600,
    complaints=150,
    designers=6,
    staff=30,
    months=3,
    seed=7,
    end=date(2026, 11, 30),
    calls_per_agent_day=2,
    attendance_days=45,
)


def generate(plan: VolumePlan = SMALL) -> tuple[dict[str, int], str]:
    """Generate inside a rolled-back transaction, so the next call starts from the same state."""
    with transaction.atomic():
        counts = Generator(plan, log=lambda _: None).run()
        digest = checksum()
        transaction.set_rollback(True)
    return counts, digest


def test_same_seed_gives_the_same_counts_and_checksum():
    first, second = generate(), generate()
    assert first == second
    assert first[0]["leads"] == 600
    assert first[0]["complaint"] == 150


def test_another_seed_gives_other_data():
    assert generate()[1] != generate(VolumePlan(**{**SMALL.__dict__, "seed": 8}))[1]


@pytest.fixture
def seeded():
    Generator(SMALL, log=lambda _: None).run()


def test_generated_staff_are_marked_vol(seeded):
    assert Staff.objects.exclude(username__startswith="vol_").count() == 0
    assert Lead.objects.exclude(created_by__username__startswith="vol_").count() == 0


def test_disp3_no_designer_over_the_day_or_week_cap(seeded):
    active = Assignment.objects.filter(declined_at__isnull=True).values_list(
        "designer_id", "dispatched_at"
    )
    per_day: Counter = Counter()
    per_week: Counter = Counter()
    for designer, at in active:
        day = timezone.localtime(at).date()
        per_day[designer, day] += 1
        per_week[designer, day.isocalendar()[:2]] += 1
    assert per_day and max(per_day.values()) <= 2
    assert max(per_week.values()) <= 6


def test_rpt2_skips_are_designers_of_the_tier_at_the_cap_they_name(seeded):
    per_day: Counter = Counter()
    per_week: Counter = Counter()
    for designer, at in Assignment.objects.values_list("designer_id", "dispatched_at"):
        day = timezone.localtime(at).date()
        per_day[designer, day] += 1
        per_week[designer, day.isocalendar()[:2]] += 1
    allowed = set(TierRule.objects.values_list("size_class", "tier"))
    skips = Skip.objects.values_list(
        "designer_id",
        "designer__designer_tier",
        "reason",
        "skipped_at",
        "assignment__dispatched_at",
        "assignment__designer_id",
        "assignment__lead__size_class",
    )
    reasons = Counter()
    for designer, tier, reason, at, dispatched_at, receiver, size in skips:
        day = timezone.localtime(at).date()
        assert at == dispatched_at and designer != receiver
        assert (size, tier) in allowed
        if reason == Skip.Reason.DAY_CAP:
            assert per_day[designer, day] >= 2
        if reason == Skip.Reason.WEEK_CAP:
            assert per_week[designer, day.isocalendar()[:2]] >= 6
        reasons[reason] += 1
    assert sum(reasons.values()) > 0, "the small plan still fills some designers"


def test_disp1_dispatched_leads_went_to_a_designer_of_the_right_tier(seeded):
    allowed = set(TierRule.objects.values_list("size_class", "tier"))
    pairs = set(
        Lead.objects.filter(designer__isnull=False).values_list(
            "size_class", "designer__designer_tier"
        )
    )
    assert pairs and pairs <= allowed


def test_disp1_every_dispatched_lead_has_its_assignment(seeded):
    dispatched = Lead.objects.filter(designer__isnull=False)
    assert dispatched.count() == Assignment.objects.count()
    assert not dispatched.exclude(assignments__designer_id=F("designer_id")).exists()


def test_close1_closures_only_from_legal_states_with_reasons_of_their_kind(seeded):
    closures = list(Closure.objects.select_related("lead"))
    assert closures
    for closure in closures:
        target = LeadState.INVALID if closure.kind == "INVALID" else LeadState.DEAD
        assert target in ALLOWED_TRANSITIONS[LeadState(closure.state_at_proposal)]
        assert closure.reason in REASONS_BY_KIND[ClosureKind(closure.kind)]
        if closure.reason == "REFUND":
            assert closure.state_at_proposal == "SIGNED"
        if closure.status == "CONFIRMED":
            assert closure.lead.state == target
            assert closure.lead.state_before_closure == closure.state_at_proposal


def test_lead3_states_have_consistent_fields(seeded):
    assert not Lead.objects.filter(state="NEW", designer__isnull=False).exists()
    assert not Lead.objects.filter(
        state__in=["MEASURED", "SIGNED"], measurement__isnull=True
    ).exists()
    assert not Lead.objects.filter(state="SIGNED", contracts__isnull=True).exists()
    assert not Lead.objects.filter(state__in=["INVALID", "DEAD"], closed_at__isnull=True).exists()


def test_cmp1_complaint_numbers_are_gapless_per_year(seeded):
    by_year: dict[int, list[int]] = {}
    for year, seq in Complaint.objects.values_list("year", "seq"):
        by_year.setdefault(year, []).append(seq)
    for seqs in by_year.values():
        assert sorted(seqs) == list(range(1, len(seqs) + 1))
    assert set(Complaint.objects.values_list("status", flat=True)) == {
        "REGISTERED",
        "INVESTIGATED",
        "DECIDED",
        "HANDLED",
        "REPLIED",
        "CLOSED",
    }
    assert not Complaint.objects.filter(status="CLOSED", reply_text="").exists()


@pytest.mark.usefixtures("bench_installed")
def test_refuses_a_database_with_real_leads_unless_forced():
    from tests.leads.factories import LeadFactory

    LeadFactory(created_by=StaffFactory(username="frontdesk_real"))
    args = [
        "--leads",
        "20",
        "--complaints",
        "5",
        "--designers",
        "3",
        "--staff",
        "20",
        "--months",
        "1",
    ]
    with pytest.raises(CommandError, match="real \\(non-generated\\) leads"):
        call_command("seed_volume", *args)
    assert not Staff.objects.filter(username__startswith="vol_").exists()

    call_command("seed_volume", *args, "--attendance-days", "3", "--force", stdout=StringIO())
    assert Lead.objects.filter(created_by__username__startswith="vol_").count() == 20
    with pytest.raises(CommandError, match="already here"):
        call_command("seed_volume", *args, "--force")
