"""RPT-3 and RPT-4 defaults: the nightly runner on the database scheduler (02:30 Beijing time,
editable in the admin) and the default area and budget bands (editable as rows).

The runner includes yesterday's hotline metrics and anomalies, so the separate nightly hotline
task of 0003 is disabled (not deleted: re-enable it in the admin to run it on its own again).
"""

from decimal import Decimal

from django.db import migrations

QUALITY_TASK = "frontdesk: yesterday's hotline metrics and anomalies"
NIGHTLY_TASK = "frontdesk: nightly jobs (snapshot, attendance, hotline, escalations, callbacks)"

AREA = [
    ("< 60 m²", 0, 60),
    ("60–90 m²", 60, 90),
    ("90–120 m²", 90, 120),
    ("120–150 m²", 120, 150),
    ("≥ 150 m²", 150, None),
]
BUDGET = [
    ("< 3万", 0, 30000),
    ("3–5万", 30000, 50000),
    ("5–10万", 50000, 100000),
    ("10–20万", 100000, 200000),
    ("≥ 20万", 200000, None),
]


def create(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        minute="30",
        hour="2",
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone="Asia/Shanghai",
    )
    PeriodicTask.objects.get_or_create(
        name=NIGHTLY_TASK, defaults={"task": "frontdesk.tasks.run_nightly_jobs", "crontab": crontab}
    )
    PeriodicTask.objects.filter(name=QUALITY_TASK).update(enabled=False)
    SegmentBand = apps.get_model("frontdesk", "SegmentBand")
    for kind, bands in (("AREA", AREA), ("BUDGET", BUDGET)):
        for order, (label, low, high) in enumerate(bands):
            SegmentBand.objects.get_or_create(
                kind=kind,
                label=label,
                defaults={
                    "low": Decimal(low),
                    "high": None if high is None else Decimal(high),
                    "order": order,
                },
            )


def remove(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=NIGHTLY_TASK).delete()
    PeriodicTask.objects.filter(name=QUALITY_TASK).update(enabled=True)
    apps.get_model("frontdesk", "SegmentBand").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("frontdesk", "0004_reports_and_jobs"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(create, remove)]
