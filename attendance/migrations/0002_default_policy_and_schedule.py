"""Default attendance policy, approval levels (ATT-5) and the firm's 09:00-18:00 schedule."""

import datetime
from decimal import Decimal

from django.db import migrations

LEVELS = [(Decimal("1"), 1), (Decimal("3"), 2)]  # longer leave: policy.max_approval_levels (3)


def create_defaults(apps, schema_editor):
    AttendancePolicy = apps.get_model("attendance", "AttendancePolicy")
    ApprovalLevel = apps.get_model("attendance", "ApprovalLevel")
    WorkSchedule = apps.get_model("attendance", "WorkSchedule")
    AttendancePolicy.objects.get_or_create(pk=1)
    for days, levels in LEVELS:
        ApprovalLevel.objects.get_or_create(up_to_days=days, defaults={"levels": levels})
    WorkSchedule.objects.get_or_create(
        scope="FIRM",
        department="",
        staff=None,
        valid_from=datetime.date(2000, 1, 1),
        defaults={"start": datetime.time(9, 0), "end": datetime.time(18, 0)},
    )


class Migration(migrations.Migration):
    dependencies = [("attendance", "0001_initial")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
