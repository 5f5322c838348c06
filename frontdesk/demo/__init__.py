"""Demo front desk for `manage.py seed_demo`: sample houses, a week of reception and phone logs,
showroom visits, 30 days of hotline calls with their metrics and alerts, moods, handover notes,
a document register, a few fault slips and two requests for instructions.

Customers reach the leads app through the real services (intake, visits, claims); times are
then moved back to look like the last days. Each part is skipped when its rows exist already,
so running the seed twice changes nothing. The parts live in `desk` (FD-1..3), `hotline` (FD-7)
and `office` (handover, documents, faults, reports, reviews, good cases).
"""

from __future__ import annotations

import random

from django.db import transaction
from django.utils import timezone

from staff.models import Notification

from .cast import PHONE_PREFIX, load_cast
from .desk import seed_appointments, seed_houses, seed_logs
from .hotline import seed_calls, seed_moods
from .office import (
    seed_documents,
    seed_faults,
    seed_good_cases,
    seed_handover,
    seed_reports,
    seed_reviews,
)

__all__ = ["PHONE_PREFIX", "seed"]


@transaction.atomic
def seed() -> int:
    cast = load_cast()
    if cast is None:
        return 0
    started = timezone.now()
    rng = random.Random(2026)
    today = timezone.localdate()
    created = seed_houses()
    created += seed_logs(cast, today)
    created += seed_appointments(cast, today)
    created += seed_calls(cast, rng, today)
    created += seed_moods(cast, rng, today)
    created += seed_handover(cast, today)
    created += seed_documents(cast, today)
    created += seed_faults(cast, today)
    created += seed_reports(cast)
    created += seed_good_cases(cast)
    created += seed_reviews(cast, today)
    # The seed's notifications describe the past: leave them read.
    Notification.objects.filter(created_at__gte=started).update(read_at=timezone.now())
    return created
