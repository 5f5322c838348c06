"""RPT-3: run (or back-fill) the nightly jobs for a date range, each run recorded.

python manage.py run_nightly                     # yesterday
python manage.py run_nightly --from 2026-03-01 --to 2026-03-05
python manage.py run_nightly --date 2026-03-02 --job snapshot --job attendance
"""

from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reports.services.jobs import JOBS, JobError, backfill


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value}") from exc


class Command(BaseCommand):
    help = "Run the nightly jobs for a date or a range of dates (back-fills missed nights)."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="first", help="first date (YYYY-MM-DD)")
        parser.add_argument("--to", dest="last", help="last date (YYYY-MM-DD), default --from")
        parser.add_argument("--date", dest="day", help="a single date (YYYY-MM-DD)")
        parser.add_argument("--job", action="append", choices=list(JOBS), help="only this job")

    def handle(self, *args, **options):
        yesterday = timezone.localdate() - timedelta(days=1)
        first = _date(options["day"] or options["first"] or yesterday.isoformat())
        last = _date(options["day"] or options["last"] or first.isoformat())
        try:
            runs = backfill(first=first, last=last, jobs=options["job"])
        except JobError as exc:
            raise CommandError(str(exc)) from exc
        failed = 0
        for run in runs:
            failed += run.outcome != "OK"
            self.stdout.write(f"{run.for_date} {run.job:<12} {run.outcome:<6} {run.message}")
        if failed:
            raise CommandError(f"{failed} job run(s) failed")
