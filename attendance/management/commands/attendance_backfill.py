"""Compute attendance for a range of past days (a missed night, or after a correction)."""

from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from attendance.services import compute_range


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value}") from exc


class Command(BaseCommand):
    help = (
        "Compute daily statuses, violations and discipline flags for every day from --start "
        "to --end (inclusive, default yesterday). Safe to re-run: nothing is duplicated."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--start", required=True, help="first day, YYYY-MM-DD")
        parser.add_argument("--end", help="last day, YYYY-MM-DD (default: yesterday)")

    def handle(self, *args, **options) -> None:
        yesterday = timezone.localdate() - timedelta(days=1)
        start = _date(options["start"])
        end = _date(options["end"]) if options["end"] else yesterday
        if end > yesterday:
            raise CommandError(f"{end} has not ended yet; the last day allowed is {yesterday}.")
        if end < start:
            raise CommandError("--end is before --start.")
        for run in compute_range(start=start, end=end):
            self.stdout.write(
                f"{run.day}: {run.statuses} statuses, "
                f"{run.violations_created} violations added, "
                f"{run.violations_removed} removed, {run.flags_created} discipline flags"
            )
        self.stdout.write(self.style.SUCCESS(f"Computed {start} to {end}."))
