"""Defaults of the quality gate (QG-1): one policy row in force from 2026-01-01, and the nightly
evaluation at 01:45 (idempotent, so re-running a night starts no second hold). Managers change
both in the admin."""

import datetime

from django.db import migrations

TASK_NAME = "dispatch: evaluate quality holds"


def create_defaults(apps, schema_editor):
    QualityPolicy = apps.get_model("dispatch", "QualityPolicy")
    if not QualityPolicy.objects.exists():
        QualityPolicy.objects.create(
            effective_from=datetime.date(2026, 1, 1), note="DOMAIN QG-1 defaults"
        )
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="45",
        hour="1",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone="Asia/Shanghai",
    )
    PeriodicTask.objects.get_or_create(
        name=TASK_NAME,
        defaults={"task": "dispatch.tasks.evaluate_quality_holds", "crontab": crontab},
    )


def remove_defaults(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("dispatch", "0005_quality_gate"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create_defaults, remove_defaults)]
