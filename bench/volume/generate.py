"""Deterministic volume data (issue 10) built with bulk inserts.

Services are bypassed for speed, but every row obeys the domain rules the services enforce:
dispatches respect the day and week caps (DISP-5/6) and the tier table (DISP-1), closures start
from legal states with a reason of their kind (CLOSE-1, LEAD-3), complaint numbers are gapless per
year (CMP-1), a closed complaint has a reply (CMP-7). Generated staff have usernames starting
`vol_`; a lead not registered by a `vol_` user is real data, and the generator refuses to run
next to it unless forced.

One random stream drives every part, in a fixed order, so a seed always gives the same rows:
staff (`people`), leads and what follows them (`leads`, `lead_rows`), complaints, call records and
attendance (`attendance`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.db import models, transaction

from attendance.models import ClockRecord, DailyStatus
from complaints.models import Complaint
from dispatch.models import Assignment
from frontdesk.models import CallRecord
from leads.models import Callback, Contract, Lead
from staff.models import Staff

from .attendance import make_attendance, make_calls
from .base import PASSWORD, PREFIX, Run, VolumeError, VolumePlan
from .complaints import make_complaints
from .leads import make_leads
from .people import make_staff

__all__ = ["PASSWORD", "PREFIX", "Generator", "VolumeError", "VolumePlan", "checksum"]


def real_data_present() -> bool:
    """Any lead registered by someone who is not a generated user is real data."""
    return Lead.objects.exclude(created_by__username__startswith=PREFIX).exists()


class Generator:
    def __init__(self, plan: VolumePlan, log: Callable[[str], object] = print) -> None:
        self.plan = plan
        self.log = log

    def run(self, *, force: bool = False) -> dict[str, int]:
        """Generate everything; returns the row count of each kind."""
        if Staff.objects.filter(username__startswith=PREFIX).exists():
            raise VolumeError("Volume data is already here; use a fresh database.")
        if real_data_present() and not force:
            raise VolumeError(
                "This database holds real (non-generated) leads; refusing without --force."
            )
        run = Run(self.plan, log=self.log)
        with transaction.atomic():
            make_staff(run)
            make_leads(run)
            make_complaints(run)
            make_calls(run)
        with transaction.atomic():
            make_attendance(run)
        return run.counts


def checksum() -> str:
    """A digest of the generated data's shape: counts and per-state/per-status tallies."""
    parts = [
        sorted(Lead.objects.values_list("state").annotate(n=models.Count("id"))),
        sorted(Complaint.objects.values_list("status").annotate(n=models.Count("id"))),
        Assignment.objects.count(),
        Contract.objects.aggregate(s=models.Sum("amount"))["s"],
        list(Lead.objects.order_by("id").values_list("phone", "state", "designer__username")[:200]),
        ClockRecord.objects.count(),
        DailyStatus.objects.count(),
        CallRecord.objects.count(),
        Callback.objects.count(),
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()
