"""The demo leads are consistent with the rules, and seeding twice changes nothing."""

from collections import Counter
from datetime import timedelta

import pytest

from leads import demo
from leads.models import Channel, Lead, LeadState, SizeClass, SlipSignature, TransferSlip
from leads.services.slip_checks import slip_refusal
from staff import demo as staff_demo

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def seeded(db):
    staff_demo.seed()
    return demo.seed()


def test_demo_creates_about_sixty_leads_once(seeded):
    assert 55 <= Lead.objects.count() <= 70
    before = Lead.objects.count()
    assert demo.seed() == 0
    assert Lead.objects.count() == before


def test_disp1_demo_dispatched_leads_have_the_right_tier(seeded):
    allowed = {v: set(t) for v, t in demo.TIERS_FOR_SIZE.items()}
    dispatched = Lead.objects.filter(state=LeadState.DISPATCHED).select_related("designer")
    assert dispatched.count() >= 15
    for lead in dispatched:
        assert lead.designer.designer_tier in allowed[SizeClass(lead.size_class)], lead
        assert lead.levels_introduced is True


def test_disp3_demo_respects_daily_and_weekly_caps(seeded):
    days, weeks = Counter(), Counter()
    for lead in Lead.objects.filter(state=LeadState.DISPATCHED):
        day = lead.dispatched_at.date()
        days[(lead.designer_id, day)] += 1
        weeks[(lead.designer_id, day - timedelta(days=day.weekday()))] += 1
    assert max(days.values()) <= 2
    assert max(weeks.values()) <= 6


def test_slip2_demo_marketing_leads_dispatched_only_with_signed_slips(seeded):
    for lead in Lead.objects.filter(channel=Channel.MARKETING, state=LeadState.DISPATCHED):
        assert slip_refusal(lead) is None
        assert lead.slip.designer == lead.designer


def test_slip4_demo_has_slips_in_every_stage(seeded):
    counts = Counter(
        TransferSlip.objects.filter(pk=slip.pk).first().signatures.count()
        for slip in TransferSlip.objects.all()
    )
    assert set(counts) == {0, 1, 2}
    assert SlipSignature.objects.exclude(on_behalf_of=None).exists()
    assert Lead.objects.filter(channel=Channel.MARKETING, slip__isnull=True).exists()


def test_attr5_demo_has_a_manual_ruling_and_claims(seeded):
    assert Lead.objects.filter(rulings__kind="MANUAL").exists()
    assert Lead.objects.filter(claims__isnull=False).distinct().count() >= 15
    assert Lead.objects.filter(private_contacts__isnull=False).exists()
