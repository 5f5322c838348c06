"""Every 15 minutes: send due callback reminders and escalate overdue callbacks (CB-1).

Idempotent (each reminder and escalation happens once per callback), so a double or late run is
harmless; managers can change the interval in the admin.
"""

from django.db import migrations

TASK_NAME = "leads: callback reminders and escalations"


def create_schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every_15, _ = IntervalSchedule.objects.get_or_create(every=15, period="minutes")
    PeriodicTask.objects.get_or_create(
        name=TASK_NAME,
        defaults={"task": "leads.tasks.send_callback_reminders", "interval": every_15},
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("leads", "0008_default_lifecycle_config"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
