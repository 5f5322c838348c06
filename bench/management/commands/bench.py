"""`manage.py bench` (`make bench`): measure the key pages on the configured database."""

from django.core.management.base import BaseCommand

from bench.run import run, run_clock_import, table


class Command(BaseCommand):
    help = "Benchmark the key pages and actions; writes bench/results/bench-*.md and .json."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--no-wrk", action="store_true", help="Skip the wrk/gunicorn run.")
        parser.add_argument(
            "--clock-import-only",
            action="store_true",
            help="Only time the 10,000-row clock import (rolled back); nothing is written.",
        )

    def handle(self, *args, **opts) -> None:
        if opts["clock_import_only"]:
            result = run_clock_import(out=self.stdout.write)
            self.stdout.write(table([result]))
            return
        results, path = run(wrk=not opts["no_wrk"], out=self.stdout.write)
        self.stdout.write(table(results))
        self.stdout.write(self.style.SUCCESS(f"Written {path} and its .json"))
