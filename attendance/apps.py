from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttendanceConfig(AppConfig):
    name = "attendance"
    verbose_name = _("Attendance")

    def ready(self) -> None:
        from leads.services.occasions import use_holiday_calendar

        from .queries.calendar import holiday_names

        # Leads lists festival greetings (CARE-3) but sits a floor below the holiday calendar:
        # the calendar's owner hands its reader down instead of leads importing it.
        use_holiday_calendar(holiday_names)
