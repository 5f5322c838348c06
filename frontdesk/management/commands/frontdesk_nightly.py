"""Re-run or back-fill the front desk's nightly hotline job for a range of days."""

from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from frontdesk.services.quality import run_nightly


class Command(BaseCommand):
    help = (
        "Compute hotline metrics and anomaly alerts for each day from --start to --end "
        "(inclusive, default yesterday). Safe to re-run: nothing is duplicated."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--start", help="first day, YYYY-MM-DD (default: --end)")
        parser.add_argument("--end", help="last day, YYYY-MM-DD (default: yesterday)")

    def handle(self, *args, **options) -> None:
        try:
            end = date.fromisoformat(options["end"]) if options["end"] else None
            start = date.fromisoformat(options["start"]) if options["start"] else None
        except ValueError as exc:
            raise CommandError("Dates are written YYYY-MM-DD.") from exc
        end = end or timezone.localdate() - timedelta(days=1)
        start = start or end
        if start > end:
            raise CommandError("--start is after --end.")
        day = start
        while day <= end:
            agents, alerts = run_nightly(day=day)
            self.stdout.write(f"{day}: {agents} agents, {alerts} new alerts")
            day += timedelta(days=1)
