"""The hotline quality thresholds of FD-7/FD-9 as a first policy row, so managers see and edit
them in the admin (the code falls back to the same defaults when no row exists)."""

import datetime

from django.db import migrations


def create_policy(apps, schema_editor):
    QualityPolicy = apps.get_model("frontdesk", "QualityPolicy")
    QualityPolicy.objects.get_or_create(valid_from=datetime.date(2020, 1, 1))


class Migration(migrations.Migration):
    dependencies = [("frontdesk", "0001_initial")]

    operations = [migrations.RunPython(create_policy, migrations.RunPython.noop)]
