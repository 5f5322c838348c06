"""Prefill a year's holidays and adjusted working days (调休) from chinese-calendar."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from attendance.services import AttendanceError, prefill_year


class Command(BaseCommand):
    help = (
        "Fill the holiday calendar for a year from the chinese-calendar package (its data "
        "ends at the last year it knows; a later year must be entered by HR on the Holiday "
        "calendar page). Days HR entered by hand are kept. Safe to re-run."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "years", nargs="*", type=int, help="years to fill (default: the current year)"
        )

    def handle(self, *args, **options) -> None:
        years = options["years"] or [timezone.localdate().year]
        for year in years:
            try:
                result = prefill_year(year=year)
            except AttendanceError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(
                self.style.SUCCESS(
                    f"{year}: {result.created} days added, {result.updated} updated, "
                    f"{result.kept_hr_entries} entered by HR kept."
                )
            )
