"""`manage.py seed_volume`: deterministic volume data for the benchmark (issue 10)."""

import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from bench.volume.generate import Generator, VolumeError, VolumePlan, checksum


class Command(BaseCommand):
    help = "Generate realistic volume data (vol_ staff, leads, complaints, attendance, calls)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--leads", type=int, default=100_000)
        parser.add_argument("--complaints", type=int, default=20_000)
        parser.add_argument("--designers", type=int, default=50)
        parser.add_argument("--staff", type=int, default=200)
        parser.add_argument("--months", type=int, default=24)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--attendance-days", type=int, default=730, help="Days of attendance (default 2 years)."
        )
        parser.add_argument(
            "--end",
            type=date.fromisoformat,
            default=None,
            help="Last day of the generated period (default: today).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Generate even though the database holds real data.",
        )

    def handle(self, *args, **opts) -> None:
        plan = VolumePlan(
            leads=opts["leads"],
            complaints=opts["complaints"],
            designers=opts["designers"],
            staff=opts["staff"],
            months=opts["months"],
            seed=opts["seed"],
            end=opts["end"] or timezone.localdate(),
            attendance_days=opts["attendance_days"],
        )
        started = time.monotonic()
        try:
            counts = Generator(plan, log=self.stdout.write).run(force=opts["force"])
        except VolumeError as exc:
            raise CommandError(str(exc)) from exc
        took = time.monotonic() - started
        total = sum(counts.values())
        self.stdout.write(self.style.SUCCESS(f"Generated {total} rows in {took:.1f} s"))
        if connection.vendor == "postgresql":
            # Fresh planner statistics: without them PostgreSQL guesses row counts of the new
            # tables and picks slow plans until autovacuum gets round to analysing them.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            self.stdout.write("ANALYZE done")
        self.stdout.write(f"checksum {checksum()}")
