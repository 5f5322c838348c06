"""The default beat schedule: look for late complaint steps every 15 minutes (CMP-4, CMP-5).

Managers can change the interval or switch it off in the admin (Periodic tasks).
"""

from django.db import migrations

TASK_NAME = "complaints: escalate overdue complaints"
TASK = "complaints.tasks.escalate_overdue_complaints"


def create_schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every_15, _created = IntervalSchedule.objects.get_or_create(every=15, period="minutes")
    PeriodicTask.objects.get_or_create(
        name=TASK_NAME,
        defaults={"task": TASK, "interval": every_15, "description": "CMP-4/CMP-5 escalation"},
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0002_default_categories_and_deadlines"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
