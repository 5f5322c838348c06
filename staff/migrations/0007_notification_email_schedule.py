"""Every 5 minutes: send the notification e-mails still pending (SEC-9).

The on-commit task sends most of them at once; this job sends what it missed (broker or mail
server down). Idempotent: a row is e-mailed once, so a double or late run is harmless; managers
can change the interval in the admin.
"""

from django.db import migrations

TASK_NAME = "staff: pending notification e-mails"


def create_schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every_5, _ = IntervalSchedule.objects.get_or_create(every=5, period="minutes")
    PeriodicTask.objects.get_or_create(
        name=TASK_NAME,
        defaults={"task": "staff.tasks.send_pending_notification_emails", "interval": every_5},
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0006_notification_email_outbox"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
