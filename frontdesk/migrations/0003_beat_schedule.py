"""Front desk jobs (RPT-3) on the database scheduler, editable in the admin:

- nightly at 02:15 Beijing time: yesterday's hotline metrics and anomaly alerts (FD-7);
- every hour from 09:00 to 20:00: reminders of tomorrow's showroom appointments (FD-3). Each
  appointment is reminded once, so the hourly run also catches visits booked late in the day.
"""

from django.db import migrations

QUALITY_TASK = "frontdesk: yesterday's hotline metrics and anomalies"
REMINDER_TASK = "frontdesk: remind tomorrow's showroom appointments"


def _crontab(apps, minute: str, hour: str):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute=minute,
        hour=hour,
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone="Asia/Shanghai",
    )
    return crontab


def create_tasks(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.get_or_create(
        name=QUALITY_TASK,
        defaults={"task": "frontdesk.tasks.nightly_quality", "crontab": _crontab(apps, "15", "2")},
    )
    PeriodicTask.objects.get_or_create(
        name=REMINDER_TASK,
        defaults={
            "task": "frontdesk.tasks.remind_appointments",
            "crontab": _crontab(apps, "0", "9-20"),
        },
    )


def remove_tasks(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=[QUALITY_TASK, REMINDER_TASK]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("frontdesk", "0002_default_quality_policy"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_tasks, remove_tasks)]
