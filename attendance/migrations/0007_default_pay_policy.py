"""The default pay policy (COM-5, COM-3): DOMAIN's figures, in force for every month until HR
adds a later row."""

import datetime
from decimal import Decimal

from django.db import migrations

DEFAULTS = {
    "paid_days_per_month": Decimal("21.75"),
    "violation_deduction": Decimal(50),
    "bonus_minimum": Decimal(1000),
    "bonus_maximum": Decimal(2000),
    "bonus_fault_limit": 3,
    "correction_months": 12,
    "note": "DOMAIN defaults",
}


def create_default(apps, schema_editor):
    PayPolicy = apps.get_model("attendance", "PayPolicy")
    PayPolicy.objects.get_or_create(valid_from=datetime.date(2000, 1, 1), defaults=DEFAULTS)


class Migration(migrations.Migration):
    dependencies = [("attendance", "0006_pay_statements")]

    operations = [migrations.RunPython(create_default, migrations.RunPython.noop)]
