"""Every minute: fan out outbound events and send the webhook and robot deliveries that are due
(SEC-9). The on-commit tasks send most at once; this job sends what they missed (broker down)
and the retries after a failure (exponential back-off). Idempotent: row locks and statuses keep
a delivery from going out twice per attempt; managers can change the interval in the admin.
"""

from django.db import migrations

TASK_NAME = "staff: outbound webhooks and robots"


def create_schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every_minute, _ = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    PeriodicTask.objects.get_or_create(
        name=TASK_NAME,
        defaults={"task": "staff.outbound.tasks.send_due_deliveries", "interval": every_minute},
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0008_outbound"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
