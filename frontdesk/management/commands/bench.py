"""`manage.py bench` (`make bench`): measure the key pages on the configured database."""

from django.core.management.base import BaseCommand

from bench.run import run, table


class Command(BaseCommand):
    help = "Benchmark the key pages and actions; writes bench/results/bench-*.md and .json."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--no-wrk", action="store_true", help="Skip the wrk/gunicorn run.")

    def handle(self, *args, **opts) -> None:
        results, path = run(wrk=not opts["no_wrk"], out=self.stdout.write)
        self.stdout.write(table(results))
        self.stdout.write(self.style.SUCCESS(f"Written {path} and its .json"))
