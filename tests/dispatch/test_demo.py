"""The dispatch demo: realistic, through the services, and idempotent."""

import pytest

from dispatch import demo, queries
from dispatch.models import Assignment, Champion, SeasonPeriod
from leads import demo as leads_demo
from leads.models import Lead, LeadState
from staff import demo as staff_demo

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_leaves_work_on_the_dashboard():
    staff_demo.seed()
    leads_demo.seed()
    created = demo.seed()
    counts = (Assignment.objects.count(), SeasonPeriod.objects.count(), Champion.objects.count())

    assert created > 0
    assert demo.seed() == 0
    assert counts == (
        Assignment.objects.count(),
        SeasonPeriod.objects.count(),
        Champion.objects.count(),
    )
    assert Champion.objects.get().is_confirmed is True
    dispatched = Lead.objects.filter(state=LeadState.DISPATCHED).count()
    assert Assignment.objects.filter(declined_at__isnull=True).count() == dispatched
    assert queries.ready_queue().exists()
